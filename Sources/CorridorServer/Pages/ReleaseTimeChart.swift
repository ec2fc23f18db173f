import CorridorCore
import Foundation

/// The release-time dashboard's chart: for each entry point, the median and 90th percentile of
/// every Time Release Study segment as horizontal bars on one shared hour scale, drawn on the
/// server as SVG so it works offline and under a CSP that allows no script. Colours are
/// presentation attributes, not inline styles, for the same reason.
struct ReleaseTimeChart {
    struct Group {
        var title: String
        var breakdown: ReleaseTimeBreakdown
    }

    static let width = 980.0
    static let plotLeft = 200.0
    static let plotRight = 790.0
    /// Where the numbers column starts, clear of the last tick label.
    static let valuesLeft = 828.0
    static let axisHeight = 46.0
    static let titleHeight = 24.0
    static let rowHeight = 26.0
    static let groupGap = 12.0
    static let medianFill = "#0b5cad"
    static let p90Fill = "#9cc3ea"

    /// Hour steps a reader counts in: hours, shifts, days, weeks.
    static let steps: [Double] = [0.5, 1, 2, 3, 6, 12, 24, 48, 72, 96, 168, 336, 720, 1440]

    /// The scale: whole steps covering zero and every value, about six of them.
    static func scale(_ values: [Double]) -> (low: Double, high: Double, step: Double) {
        let low = min(0, values.min() ?? 0), high = max(0, values.max() ?? 0)
        let step = steps.first { (high - low) / $0 <= 7 } ?? steps.last!
        let lower = (low / step).rounded(.down) * step
        let upper = max((high / step).rounded(.up) * step, lower + step)
        return (lower, upper, step)
    }

    /// "0.5 h", "12 h", "−24 h": one decimal where it matters, a true minus sign.
    static func hours(_ value: Double) -> String {
        let text = abs(value) < 10 && value != value.rounded() ? String(format: "%.1f", abs(value)) : String(Int(abs(value).rounded()))
        return (value < 0 ? "−" : "") + text + " h"
    }

    static func svg(groups: [Group], title: String, id: String = "release-chart") -> String {
        let values = groups.flatMap { group in
            ReleaseSegment.allCases.flatMap { [group.breakdown[$0].medianHours, group.breakdown[$0].p90Hours].compactMap { $0 } }
        }
        let (low, high, step) = scale(values)
        func x(_ value: Double) -> Double { plotLeft + (value - low) / (high - low) * (plotRight - plotLeft) }
        let groupHeight = titleHeight + Double(ReleaseSegment.allCases.count) * rowHeight + groupGap
        let height = axisHeight + Double(groups.count) * groupHeight + 8

        var body = ""
        // Legend and axis labels on top, grid lines through every group.
        body += "<rect x=\"\(plotLeft)\" y=\"6\" width=\"14\" height=\"10\" fill=\"\(medianFill)\"/>"
        body += "<text x=\"\(plotLeft + 20)\" y=\"15\">median</text>"
        body += "<rect x=\"\(plotLeft + 90)\" y=\"6\" width=\"14\" height=\"10\" fill=\"\(p90Fill)\"/>"
        body += "<text x=\"\(plotLeft + 110)\" y=\"15\">90th percentile (9 in 10 were faster)</text>"
        body += "<text x=\"\(valuesLeft)\" y=\"\(format(axisHeight - 10))\" class=\"muted\">median · p90</text>"
        var tick = low
        while tick <= high + step / 2 {
            let tx = format(x(tick))
            body +=
                "<line x1=\"\(tx)\" x2=\"\(tx)\" y1=\"\(format(axisHeight - 4))\" y2=\"\(format(height - 8))\" "
                + "stroke=\"\(tick == 0 ? "#5b6b76" : "#e1e7ea")\" stroke-width=\"\(tick == 0 ? 1.2 : 1)\"/>"
            body += "<text x=\"\(tx)\" y=\"\(format(axisHeight - 10))\" text-anchor=\"middle\" class=\"tick\">\(escape(hours(tick)))</text>"
            tick += step
        }
        var y = axisHeight
        for group in groups {
            // A white halo keeps a long name legible where it crosses the grid lines.
            body +=
                "<text x=\"8\" y=\"\(format(y + 17))\" font-weight=\"600\" stroke=\"#fff\" stroke-width=\"4\" "
                + "paint-order=\"stroke\">\(escape(group.title))</text>"
            y += titleHeight
            for segment in ReleaseSegment.allCases {
                let summary = group.breakdown[segment]
                body +=
                    "<text x=\"\(format(plotLeft - 10))\" y=\"\(format(y + 17))\" text-anchor=\"end\""
                    + (segment == .arrivalToRelease ? " font-weight=\"600\"" : "") + ">\(escape(segment.shown))</text>"
                for (statistic, value, offset, fill) in [
                    (L("median"), summary.medianHours, 3.0, medianFill), (L("90th percentile"), summary.p90Hours, 13.0, p90Fill),
                ] {
                    guard let value else { continue }
                    let start = min(x(0), x(value)), barWidth = abs(x(value) - x(0))
                    body +=
                        "<rect class=\"bar\" data-hours=\"\(value)\" x=\"\(format(start))\" y=\"\(format(y + offset))\" "
                        + "width=\"\(format(barWidth))\" height=\"9\" fill=\"\(fill)\"><title>"
                        + escape(L("\(group.title) — \(segment.shown), \(statistic): \(hours(value)) (\(summary.count) consignments)"))
                        + "</title></rect>"
                }
                let numbers =
                    summary.count == 0 ? L("no data") : "\(summary.medianHours.map(hours) ?? "–") · \(summary.p90Hours.map(hours) ?? "–")"
                body += "<text x=\"\(valuesLeft)\" y=\"\(format(y + 17))\" class=\"value\">\(escape(numbers))</text>"
                y += rowHeight
            }
            y += groupGap
        }
        let description = L(
            "Horizontal bars, one pair per segment of the WCO Time Release Study and per entry point: the median and the 90th percentile of the hours it took, on one scale from \(hours(low)) to \(hours(high)). Negative arrival → lodgement means lodged before arrival. The table below gives the same numbers."
        )
        return
            "<svg class=\"release-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height.rounded(.up)))\" "
            + "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" font-size=\"13\" fill=\"#1d2a33\">"
            + "<title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(description))</desc>"
            + body + "</svg>"
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String { WorldMap.escape(text) }
}
