import ArgumentParser
import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation

/// `corridor gap`: a scenario's gap analysis from the shell, run as the console (all stock counts).
struct Gap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Needs of a scenario against stock in the country, its region and the global hubs, with arrival times.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @Option(help: "Affected country (ISO alpha-2)") var country: String
    // Unconditional: the value after --lat / --lon is taken even when it starts with "-"
    // (southern latitudes, western longitudes), not read as another option.
    @Option(parsing: .unconditional, help: "Latitude of the affected area (south negative)") var lat: Double
    @Option(parsing: .unconditional, help: "Longitude of the affected area (west negative)") var lon: Double
    @Option(help: "Affected people") var people: Int
    @Option(help: "Duration to cover, in days") var days: Int
    @Option(help: "Hazard (earthquake, flood, tropical_cyclone, …)") var hazard: String?
    @Option(help: "table, json or csv") var format: Format = .table
    @OptionGroup var database: DatabaseOption

    func run() async throws {
        let result = try await database.withStore { store, _ in
            try await store.gaps.analyse(
                Scenario(country: country, lat: lat, lon: lon, people: people, days: days, hazard: hazard), by: .console)
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(GapJSON(needs: result.needs)), as: UTF8.self))
        case .csv:
            print(GapTable.csv(result, hxl: false), terminator: "")
        case .table:
            print(Self.table(result))
        }
    }

    /// The fixed JSON form scripts read: `{"needs":[…]}`.
    struct GapJSON: Encodable { var needs: [GapResult.NeedResult] }

    static func table(_ result: GapResult) -> String {
        func n(_ value: Double) -> String { String(Int(value.rounded())) }
        var lines = ["Need                      Required   day 3   day 7  day 14  day 30  Shortfall  Sources"]
        for need in result.needs {
            let sources = need.sources.map {
                "\($0.site ?? GapResult.Use.undisclosedLabel) (\($0.tier.rawValue), \(String(format: "%.1f", $0.arrivalDays)) d)"
            }.joined(separator: ", ")
            lines.append(
                need.family.padding(toLength: 24, withPad: " ", startingAt: 0) + " "
                    + [
                        n(need.required).leftPad(9), n(need.byDay["3"] ?? 0).leftPad(7), n(need.byDay["7"] ?? 0).leftPad(7),
                        n(need.byDay["14"] ?? 0).leftPad(7), n(need.byDay["30"] ?? 0).leftPad(7), n(need.shortfall).leftPad(10),
                    ].joined(separator: " ") + "  " + (sources.isEmpty ? "none" : sources))
        }
        lines.append("People covered for the whole \(result.scenario.days) days; planning figures: GET /api/v1/planning-figures.")
        return lines.joined(separator: "\n")
    }
}

private extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
