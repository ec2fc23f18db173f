import CorridorCore
import Foundation

/// A gap analysis as a table: one row per source used, and one per need with nothing to draw on,
/// as CSV, or with an HXL hashtag row so humanitarian data tools read it.
public enum GapTable {
    static let headers = [
        "Need", "Required (people)", "Covered by day 3", "Covered by day 7", "Covered by day 14", "Covered by day 30",
        "Shortfall (people)", "Need (tonnes)", "Need (m³)", "Need (flights)", "Need (trucks)", "Shortfall (tonnes)",
        "Site", "Site country", "Tier", "Item", "Quantity", "People covered", "Tonnes", "Arrival (days)", "Last arrival (days)",
        "Handling (days)", "Transport (days)", "Customs (days)", "Mode", "Entry point", "Legs",
    ]
    static let tags = [
        "#sector+family", "#affected+num", "#reached+d3", "#reached+d7", "#reached+d14", "#reached+d30", "#affected+unmet",
        "#meta+need+tonnes", "#meta+need+m3", "#meta+need+flights", "#meta+need+trucks", "#meta+unmet+tonnes",
        "#loc+code", "#country+code", "#loc+type", "#item+code", "#quantity", "#reached+num", "#meta+tonnes", "#date+arrival+days",
        "#date+arrival+last+days", "#meta+handling+days", "#meta+transport+days", "#meta+customs+days", "#meta+mode", "#loc+entry",
        "#meta+legs",
    ]

    public static func csv(_ result: GapResult, hxl: Bool) -> String {
        let writer = CSVWriter()
        var text = writer.line(headers)
        if hxl { text += writer.line(tags) }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        for need in result.needs {
            let covered: [String] = ["3", "7", "14", "30"].map { number(need.byDay[$0] ?? 0) }
            let load: [String] = [
                need.tonnes.map(number) ?? "", need.m3.map(number) ?? "", need.flights.map { String($0) } ?? "",
                need.trucks.map { String($0) } ?? "", need.shortfallTonnes.map(number) ?? "",
            ]
            let head: [String] = [need.family, number(need.required)] + covered + [number(need.shortfall)] + load
            if need.sources.isEmpty {
                text += writer.line(head + Array(repeating: "", count: headers.count - head.count))
            }
            for use in need.sources {
                let source: [String] = [
                    use.site ?? GapResult.Use.undisclosedLabel, use.siteCountry ?? "", use.tier.rawValue, use.item ?? "",
                    use.quantity?.description ?? "", number(use.people), use.tonnes.map(number) ?? "",
                ]
                let arrival: [String] = [
                    number(use.arrivalDays), number(use.lastArrivalDays), number(use.handlingDays), number(use.transportDays),
                    number(use.customsDays), use.mode, use.entryPoint ?? "", legs(use.legs),
                ]
                text += writer.line(head + source + arrival)
            }
        }
        return text
    }

    /// "air DXB→KENBO 3,540 km 2.2 d; road KENBO→affected area 150 km 0.4 d" (no start or distance where withheld).
    public static func legs(_ legs: [Leg]) -> String {
        legs.map { leg in
            let km = leg.km.map { " \(Int($0.rounded())) km" } ?? ""
            return "\(leg.mode.rawValue) \(leg.from ?? "…")→\(leg.to)\(km) \(String(format: "%.1f", leg.days)) d"
        }.joined(separator: "; ")
    }
}
