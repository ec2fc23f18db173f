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
            print(String(decoding: try encoder.encode(GapJSON(needs: result.needs, figures: result.figures)), as: UTF8.self))
        case .csv:
            print(GapTable.csv(result, hxl: false), terminator: "")
        case .table:
            print(Self.table(result))
        }
    }

    /// The fixed JSON form scripts read: `{"needs":[…],"figures":{…}}`, each source with its legs.
    struct GapJSON: Encodable {
        var needs: [GapResult.NeedResult]
        var figures: PlanningFigures
    }

    /// Needs first, each naming its sources once per site; then each site's route, once.
    static func table(_ result: GapResult) -> String {
        func n(_ value: Double) -> String { String(Int(value.rounded())) }
        func d(_ value: Double) -> String { String(format: "%.1f", value) }
        var lines = ["Need                      Required   day 3   day 7  day 14  day 30  Shortfall    Tonnes Flights Trucks  Sources"]
        for need in result.needs {
            // One entry per site (or per merged undisclosed share), with its items and arrival span.
            var order: [String] = []
            var bySite: [String: [GapResult.Use]] = [:]
            for use in need.sources {
                let key = use.site ?? GapResult.Use.undisclosedLabel
                if bySite[key] == nil { order.append(key) }
                bySite[key, default: []].append(use)
            }
            let sources = order.map { key -> String in
                let uses = bySite[key]!
                let first = uses.map(\.arrivalDays).min()!, last = uses.map(\.lastArrivalDays).max()!
                let items = uses.count > 1 ? " ×\(uses.count) items" : ""
                let span = last > first ? "\(d(first))–\(d(last))" : d(first)
                return "\(key)\(items) (\(uses[0].tier.rawValue), \(uses[0].mode), \(span) d)"
            }.joined(separator: ", ")
            lines.append(
                need.family.padding(toLength: 24, withPad: " ", startingAt: 0) + " "
                    + [
                        n(need.required).leftPad(9), n(need.byDay["3"] ?? 0).leftPad(7), n(need.byDay["7"] ?? 0).leftPad(7),
                        n(need.byDay["14"] ?? 0).leftPad(7), n(need.byDay["30"] ?? 0).leftPad(7), n(need.shortfall).leftPad(10),
                        (need.tonnes.map(d) ?? "—").leftPad(9), (need.flights.map(String.init) ?? "—").leftPad(7),
                        (need.trucks.map(String.init) ?? "—").leftPad(6),
                    ].joined(separator: " ") + "  " + (sources.isEmpty ? "none" : sources))
        }
        lines.append("")
        lines.append("Routes (once per site and route): handling + legs + customs = first arrival, in days")
        var seen = Set<String>()
        for use in result.needs.flatMap(\.sources) {
            let site = use.site ?? GapResult.Use.undisclosedLabel
            let legs = use.legs.map { leg in
                "\(leg.mode.rawValue) \(leg.from ?? "—")→\(leg.to)\(leg.km.map { " \(n($0)) km" } ?? "") \(d(leg.days)) d"
            }.joined(separator: "; ")
            let line =
                "  \(site): handling \(d(use.handlingDays)); \(legs); customs \(use.entryPoint ?? "none") \(d(use.customsDays))"
                + " = \(d(use.arrivalDays))"
            if seen.insert(line).inserted { lines.append(line) }
        }
        let routes = result.figures.routes
        lines.append(
            "Loads in \(routes.freighter.name) (\(n(routes.freighter.payloadTonnes)) t) and \(routes.truck.name) "
                + "(\(n(routes.truck.payloadTonnes)) t); people covered for the whole \(result.scenario.days) days; "
                + "planning figures: GET /api/v1/planning-figures.")
        return lines.joined(separator: "\n")
    }
}

private extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
