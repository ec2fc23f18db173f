import CorridorCore
import Foundation

/// The coverage of each need over the days of a scenario, drawn server-side as SVG small
/// multiples: one row per need, the share of people covered stepping up as each source arrives.
enum CoverageTimeline {
    static let labelWidth = 170.0, plotWidth = 560.0, rowHeight = 30.0, top = 24.0

    static func svg(_ result: GapResult) -> String {
        let lastDay = Double(max(result.figures.horizons.last ?? 30, result.scenario.days))
        func x(_ day: Double) -> Double { labelWidth + min(day, lastDay) / lastDay * plotWidth }
        let people = Numbers.wholeNumber(Double(result.scenario.people))
        let title = escape(L("Coverage of each need by day"))
        let description = escape(
            L("For each need, the share of the \(people) affected people covered as sources arrive, from day 0 to day \(Int(lastDay))."))
        let height = top + rowHeight * Double(result.needs.count) + 24
        var parts: [String] = []
        parts.append(
            """
            <svg class="timeline" direction="ltr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(labelWidth + plotWidth + 20)) \(Int(height))" role="img" \
            aria-labelledby="timeline-title timeline-desc"><title id="timeline-title">\(title)</title>\
            <desc id="timeline-desc">\(description)</desc>
            """)
        for day in result.figures.horizons.map(Double.init) where day <= lastDay {
            parts.append("<line x1=\"\(f(x(day)))\" y1=\"\(f(top - 6))\" x2=\"\(f(x(day)))\" y2=\"\(f(height - 20))\" class=\"grid\"/>")
            let label = escape(L("day \(Int(day))"))
            parts.append("<text x=\"\(f(x(day)))\" y=\"\(f(top - 10))\" class=\"axis\" text-anchor=\"middle\">\(label)</text>")
        }
        for (row, need) in result.needs.enumerated() {
            let y0 = top + rowHeight * Double(row), base = y0 + rowHeight - 6, full = y0 + 4
            var covered = 0.0
            var points = ["\(f(x(0))),\(f(base))"]
            for use in need.sources.sorted(by: { $0.arrivalDays < $1.arrivalDays }) where use.arrivalDays <= lastDay {
                let share = need.required > 0 ? covered / need.required : 0
                let y = base - (base - full) * share
                points.append("\(f(x(use.arrivalDays))),\(f(y))")
                covered += use.people
                let after = need.required > 0 ? min(1, covered / need.required) : 0
                points.append("\(f(x(use.arrivalDays))),\(f(base - (base - full) * after))")
            }
            let finalShare = need.required > 0 ? min(1, covered / need.required) : 0
            points.append("\(f(x(lastDay))),\(f(base - (base - full) * finalShare))")
            points.append("\(f(x(lastDay))),\(f(base))")
            parts.append(
                "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(base - 4))\" class=\"label\" text-anchor=\"end\">\(escape(PreparednessWords.family(need.family)))</text>"
            )
            parts.append("<rect x=\"\(f(x(0)))\" y=\"\(f(full))\" width=\"\(f(plotWidth))\" height=\"\(f(base - full))\" class=\"track\"/>")
            let coverage = escape(L("\(Int((finalShare * 100).rounded())) % covered by day \(Int(lastDay))"))
            parts.append(
                "<polygon points=\"\(points.joined(separator: " "))\" class=\"\(finalShare >= 0.999 ? "covered" : "short")\"><title>\(escape(need.family)): \(coverage)</title></polygon>"
            )
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
