import CorridorCore
import CorridorFormats
import Foundation
import SQLKit

/// Imports a stock report as a snapshot: it replaces the reporting organisation's stock at every
/// site the file names, in one transaction. Every row is checked; if any row has a problem nothing
/// is written and every problem is reported. The file is read as a stream, so memory stays flat.
public struct StockImporter: Sendable {
    let database: Database
    /// Lines an import writes before it considers rebuilding the `stock_lines` indexes at the end
    /// instead of updating them row by row (SQLite; see `StockLineIndexes`).
    var indexRebuildThreshold = 100_000
    static let listLimit = 1000
    static let batchSize = 500

    /// Carries a dry run's report out of the transaction that it rolls back.
    private struct DryRunFinished: Error { var report: StockImportReport }

    /// - Parameter progress: called with the number of data rows checked so far, every 10,000 rows.
    public func run<Reader: TabularReader>(_ reader: inout Reader, _ request: StockImportRequest, by actor: Actor,
                                           progress: (@Sendable (Int) -> Void)? = nil) async throws -> StockImportReport {
        let orgCode = request.org.uppercased()
        try Policy.authorize(actor, .importStock, .organisation(code: orgCode))
        let scanner = try StockReportScanner(reader)
        let layout = scanner.layout
        do {
            return try await database.transaction(driver: { db, driver in
                guard let org = try await OrganisationRepository.find(code: orgCode, on: db) else {
                    throw DomainError.notFound("no organisation with code \(orgCode)")
                }
                let context = try await Self.context(for: org, request: request, on: db)
                var writer = StockLineWriter(db: db, driver: driver, org: org, actor: actor, fileName: request.fileName,
                                             indexRebuildThreshold: indexRebuildThreshold)
                try await writer.begin()
                do {
                    var problems: [Problem] = []
                    var problemCount = 0
                    var report = StockImportReport(
                        org: org.code, fileName: request.fileName, dryRun: request.dryRun, usesHXL: layout.usesHXL,
                        rowsRead: 0, linesWritten: 0, sitesReplaced: 0, sitesCreated: [], ignoredColumns: layout.ignored,
                        warningCount: 0, warnings: [], reportID: nil)
                    var seen = Set<Int>()
                    while let row = try scanner.next(against: context) {
                        report.rowsRead += 1
                        if report.rowsRead % 10_000 == 0 { progress?(report.rowsRead) }
                        if !row.warnings.isEmpty {
                            report.warningCount += row.warnings.count
                            if report.warnings.count < Self.listLimit { report.warnings += row.warnings.prefix(Self.listLimit - report.warnings.count) }
                        }
                        if !row.problems.isEmpty {
                            problemCount += row.problems.count
                            if problems.count < Self.listLimit { problems += row.problems.prefix(Self.listLimit - problems.count) }
                        }
                        guard let checked = row.checked, problemCount == 0 else { continue }
                        if !seen.insert(row.fingerprint).inserted {
                            report.warningCount += 1
                            if report.warnings.count < Self.listLimit {
                                report.warnings.append(Problem(row: row.number, problem: "repeats an earlier row (same site, item, batch, expiry and status); both are kept"))
                            }
                        }
                        try await writer.add(checked)
                    }
                    guard problemCount == 0 else {
                        if problemCount > problems.count {
                            problems.append(Problem(problem: "\(problemCount - problems.count) more problems not listed"))
                        }
                        throw DomainError.invalid(problems)
                    }
                    guard report.rowsRead > 0 else { throw DomainError.invalid([Problem(row: layout.headerRow, problem: "the file has headers but no data rows")]) }
                    try await writer.finish(rowsRead: report.rowsRead, warnings: report.warningCount)
                    report.linesWritten = writer.linesWritten
                    report.sitesReplaced = writer.replacedSites.count
                    report.sitesCreated = writer.createdSites
                    report.reportID = writer.reportID
                    if request.dryRun {
                        report.reportID = nil
                        throw DryRunFinished(report: report)
                    }
                    return report
                } catch {
                    // A statement still in flight must end before the transaction rolls back.
                    try? await writer.drain()
                    throw error
                }
            }, foreignKeysAlreadyChecked: true)
        } catch let finished as DryRunFinished {
            return finished.report
        }
    }

    /// The context an import of `org` would check rows against, for benchmarks of checking alone.
    public static func benchmarkContext(org: String, store: Store, today: Day) async throws -> StockReportContext {
        try await store.database.read { db in
            guard let organisation = try await OrganisationRepository.find(code: org, on: db) else {
                throw DomainError.notFound("no organisation with code \(org)")
            }
            return try await context(for: organisation, request: StockImportRequest(org: org, fileName: "", today: today), on: db)
        }
    }

    /// Everything the row checks need, read once.
    static func context(for org: Organisation, request: StockImportRequest, on db: any SQLDatabase) async throws -> StockReportContext {
        let items = try await ItemRepository.all(on: db)
        let aliases = try await ItemRepository.aliases(orgID: org.id, on: db)
        let organisations = try await db.raw("SELECT code, name FROM organisations").all().map {
            (code: try $0.string("code"), name: try $0.string("name"))
        }
        var countries: [String: StockReportContext.KnownCountry] = [:]
        for row in try await db.raw("SELECT alpha2, alpha3, bbox_min_lon, bbox_min_lat, bbox_max_lon, bbox_max_lat FROM countries").all() {
            var box: Geodesy.BoundingBox?
            if let minLon = try row.optionalDouble("bbox_min_lon"), let minLat = try row.optionalDouble("bbox_min_lat"),
               let maxLon = try row.optionalDouble("bbox_max_lon"), let maxLat = try row.optionalDouble("bbox_max_lat") {
                box = Geodesy.BoundingBox(minLon: minLon, minLat: minLat, maxLon: maxLon, maxLat: maxLat)
            }
            let known = StockReportContext.KnownCountry(alpha2: try row.string("alpha2"), box: box)
            countries[known.alpha2] = known
            countries[try row.string("alpha3")] = known
        }
        let sites = try await db.raw("SELECT id, code, name, country FROM sites WHERE org_id = \(bind: org.id)").all().map {
            StockReportContext.KnownSite(id: try $0.int64("id"), code: try $0.string("code"), name: try $0.string("name"),
                                         country: try $0.string("country"))
        }
        return StockReportContext(reportingOrg: org.code, items: items, aliases: aliases, organisations: organisations,
                                  countries: countries, sites: sites, today: request.today,
                                  dateConvention: request.dateConvention, acceptsSerialDates: request.serialDates)
    }
}
