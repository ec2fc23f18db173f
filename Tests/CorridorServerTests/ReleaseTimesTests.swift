import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ReleaseTimesTests {
    @Test func theAPITakesAPeriodAndNamesABadDate() async throws {
        try await TestApp.run(history: true) { _, client in
            let times = try await client.execute(uri: "/api/v1/countries/KE/release-times", method: .get)
            #expect(times.status == .ok)
            let json = try times.body.json()
            let period = try #require(json["period"] as? [String: String])
            #expect(period["to"] == Day.today().description && period["from"] == Day.today().adding(days: -364).description)
            let all = try #require(json["all"] as? [String: Any])
            #expect((all["count"] as? Int ?? 0) > 50, "the demo's past releases in Kenya")
            #expect(all["median_hours"] is NSNumber && all["p90_hours"] is NSNumber)
            let segments = try #require(all["segments"] as? [String: [String: Any]])
            #expect(segments.keys.sorted() == ["arrival_to_lodgement", "arrival_to_release", "lane_to_release", "lodgement_to_lane"])
            #expect(segments["arrival_to_release"]?["count"] as? Int == all["count"] as? Int)
            #expect(
                ((segments["arrival_to_lodgement"]?["median_hours"] as? NSNumber)?.doubleValue ?? 0) < 0,
                "most relief is lodged before arrival")
            let nairobi = try #require((json["entry_points"] as? [String: [String: Any]])?["KENBO"])
            #expect(nairobi["count"] is Int && nairobi["segments"] is [String: Any])

            let empty = try await client.execute(uri: "/api/v1/countries/KE/release-times?from=2020-01-01&to=2020-01-31", method: .get).body
                .json()
            #expect((empty["all"] as? [String: Any])?["count"] as? Int == 0 && (empty["all"] as? [String: Any])?["median_hours"] == nil)

            for (query, field) in [("from=2026-02-30", "from"), ("to=yesterday", "to"), ("from=2026-03-02&to=2026-03-01", "from")] {
                let bad = try await client.execute(uri: "/api/v1/countries/KE/release-times?\(query)", method: .get)
                #expect(bad.status == .unprocessableContent, "\(query)")
                let details = try #require((try bad.body.json()["error"] as? [String: Any])?["details"] as? [[String: Any]])
                #expect(details.first?["field"] as? String == field, "\(query)")
            }
        }
    }

    @Test func theDashboardDrawsTheDemoHistory() async throws {
        try await TestApp.run(history: true) { _, client in
            let page = try await client.execute(uri: "/countries/KE/release-times", method: .get)
            #expect(page.status == .ok)
            let html = page.body.text
            #expect(html.contains("<h1>Release times — Kenya</h1>"))
            #expect(
                html.contains(#"<svg class="release-chart""#) && html.contains("<title id=\"release-chart-title\">Release times in Kenya"))
            #expect(html.components(separatedBy: "<rect class=\"bar\"").count > 20)
            #expect(html.contains("Nairobi – Jomo Kenyatta International Airport (KENBO)"))
            #expect(!html.contains("<script"), "no script: the chart is drawn on the server")

            let customs = try await client.execute(uri: "/customs?country=KE", method: .get).body.text
            #expect(customs.contains(#"<a href="/countries/KE/release-times">KE</a>"#))

            let bad = try await client.execute(uri: "/countries/KE/release-times?from=2026-13-01", method: .get)
            #expect(bad.status == .unprocessableContent)
            #expect(
                bad.body.text.contains("field from: &#39;2026-13-01&#39; is not a date")
                    || bad.body.text.contains("field from: '2026-13-01' is not a date"))
            #expect(try await client.execute(uri: "/countries/ZZ/release-times", method: .get).status == .notFound)
        }
    }
}

@Suite struct ReleaseTimeChartTests {
    static func breakdown(lodged: Double, lane: Double, released: Double) -> ReleaseTimeBreakdown {
        let hour = 3600.0
        return ReleaseTimeBreakdown([
            ReleaseTimestamps(
                entryPoint: "X", lodgedAt: Int64(lodged * hour), arrivedAt: 0,
                laneAt: Int64(lane * hour), releasedAt: Int64(released * hour))
        ])
    }

    /// (hours, x, width) of every bar, read back from the SVG.
    static func bars(_ svg: String) throws -> [(hours: Double, x: Double, width: Double)] {
        let pattern = try Regex(#"<rect class="bar" data-hours="(-?[0-9.]+)" x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)""#)
        return svg.matches(of: pattern).map { match in
            (Double(match.output[1].substring!)!, Double(match.output[2].substring!)!, Double(match.output[3].substring!)!)
        }
    }

    @Test func barsAreProportionalToTheHoursOnOneScale() throws {
        let svg = ReleaseTimeChart.svg(
            groups: [
                .init(title: "Fast", breakdown: Self.breakdown(lodged: -12, lane: -11, released: 6)),
                .init(title: "Slow", breakdown: Self.breakdown(lodged: 2, lane: 4, released: 48)),
            ], title: "Release times")
        let bars = try Self.bars(svg)
        #expect(bars.count == 16, "median and p90 of four segments, for two groups")
        let scale = try #require(bars.first { $0.hours == 48 }).width / 48
        #expect(scale > 5, "the longest bar spans most of the plot")
        for bar in bars {
            #expect(abs(bar.width - abs(bar.hours) * scale) < 0.2, "\(bar.hours) h is \(bar.width) wide")
        }
        // Lodged 12 h before arrival: the bar ends at zero, drawn to its left.
        let early = try #require(bars.first { $0.hours == -12 })
        let zero = try #require(bars.first { $0.hours == 6 }).x
        #expect(abs(early.x + early.width - zero) < 0.2)
        #expect(svg.contains(">−12 h · −12 h</text>") && svg.contains(">48 h · 48 h</text>"))
    }

    @Test func textIsEscapedAndTheChartIsLabelled() throws {
        let svg = ReleaseTimeChart.svg(
            groups: [.init(title: "Port <b>&</b> \"depot\"", breakdown: Self.breakdown(lodged: 0, lane: 1, released: 2))],
            title: "Release times in Côte d'Ivoire & co")
        #expect(svg.contains("Port &lt;b&gt;&amp;&lt;/b&gt; &quot;depot&quot;"))
        #expect(!svg.contains("<b>"))
        #expect(svg.contains(#"role="img" aria-labelledby="release-chart-title release-chart-desc""#))
        #expect(svg.contains("<title id=\"release-chart-title\">Release times in Côte d'Ivoire &amp; co</title>"))
        #expect(svg.contains("<desc id=\"release-chart-desc\">"))
        #expect(!svg.contains("style="), "no inline style: the page's CSP forbids it")
    }

    @Test func theScaleCoversZeroAndEveryValueInWholeSteps() {
        #expect(ReleaseTimeChart.scale([2, 30, 45.2]) == (0, 48, 12))
        #expect(ReleaseTimeChart.scale([-48, 0, 32]) == (-48, 36, 12))
        #expect(ReleaseTimeChart.scale([-30, 200]) == (-48, 240, 48))
        #expect(ReleaseTimeChart.scale([]) == (0, 0.5, 0.5))
        #expect(ReleaseTimeChart.hours(0.5) == "0.5 h" && ReleaseTimeChart.hours(-24) == "−24 h" && ReleaseTimeChart.hours(12.4) == "12 h")
    }
}
