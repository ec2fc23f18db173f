import CorridorCore
import Foundation

/// What an import was asked to do.
public struct StockImportRequest: Sendable {
    public var org: String
    public var fileName: String
    public var dryRun: Bool
    public var dateConvention: Day.Convention
    public var serialDates: Bool
    public var today: Day

    public init(
        org: String, fileName: String, dryRun: Bool = false, dateConvention: Day.Convention = .isoOnly,
        serialDates: Bool = false, today: Day = .today()
    ) {
        self.org = org
        self.fileName = fileName
        self.dryRun = dryRun
        self.dateConvention = dateConvention
        self.serialDates = serialDates
        self.today = today
    }
}

/// What an import did (or, for a dry run, would do).
public struct StockImportReport: Sendable, Codable {
    public var org: String
    public var fileName: String
    public var dryRun: Bool
    public var usesHXL: Bool
    public var rowsRead: Int
    public var linesWritten: Int
    public var sitesReplaced: Int
    public var sitesCreated: [String]
    public var ignoredColumns: [String]
    public var warningCount: Int
    /// The first warnings (all of them up to `StockImportTally.listLimit`).
    public var warnings: [Problem]
    public var reportID: Int64?

    public var summary: String {
        let verb = dryRun ? "would import" : "imported"
        return "\(fileName): \(verb) \(Self.count(linesWritten, "stock line")) for \(org) from \(Self.count(rowsRead, "row"))"
            + " at \(Self.count(sitesReplaced + sitesCreated.count, "site"))"
            + (sitesCreated.isEmpty ? "" : " (\(sitesCreated.count) new)")
            + (warningCount == 0 ? "" : ", \(Self.count(warningCount, "warning"))")
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
