import CorridorCore
import Foundation

/// A gap analysis as a table: one row per source used, and one per need with nothing to draw on,
/// as CSV, or with an HXL hashtag row so humanitarian data tools read it.
public enum GapTable {
    static let headers = [
        "Need", "Required (people)", "Covered by day 3", "Covered by day 7", "Covered by day 14", "Covered by day 30",
        "Shortfall (people)", "Site", "Site country", "Tier", "Item", "Quantity", "People covered", "Arrival (days)",
        "Handling (days)", "Transport (days)", "Customs (days)", "Mode", "Entry point",
    ]
    static let tags = [
        "#sector+family", "#affected+num", "#reached+d3", "#reached+d7", "#reached+d14", "#reached+d30", "#affected+unmet",
        "#loc+code", "#country+code", "#loc+type", "#item+code", "#quantity", "#reached+num", "#date+arrival+days",
        "#meta+handling+days", "#meta+transport+days", "#meta+customs+days", "#meta+mode", "#loc+entry",
    ]

    public static func csv(_ result: GapResult, hxl: Bool) -> String {
        let writer = CSVWriter()
        var text = writer.line(headers)
        if hxl { text += writer.line(tags) }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        for need in result.needs {
            let head =
                [need.family, number(need.required)] + ["3", "7", "14", "30"].map { number(need.byDay[$0] ?? 0) } + [number(need.shortfall)]
            if need.sources.isEmpty {
                text += writer.line(head + Array(repeating: "", count: headers.count - head.count))
            }
            for use in need.sources {
                text += writer.line(
                    head + [
                        use.site ?? GapResult.Use.undisclosedLabel, use.siteCountry ?? "", use.tier.rawValue, use.item ?? "",
                        use.quantity?.description ?? "", number(use.people),
                        number(use.arrivalDays), number(use.handlingDays), number(use.transportDays), number(use.customsDays),
                        use.mode, use.entryPoint ?? "",
                    ])
            }
        }
        return text
    }
}
