import CorridorCore
import Foundation
import Testing

@Suite struct ReleaseSegmentTests {
    static let hour: Int64 = 3600

    /// Lodged `lodged` hours after arrival (negative: before), lane and release so many hours later.
    static func consignment(_ point: String, lodged: Int64, lane: Int64, release: Int64, arrived: Bool = true) -> ReleaseTimestamps {
        let arrival: Int64 = 1_000 * hour
        let lodgedAt = arrival + lodged * hour, laneAt = lodgedAt + lane * hour
        return ReleaseTimestamps(
            entryPoint: point, lodgedAt: lodgedAt, arrivedAt: arrived ? arrival : nil, laneAt: laneAt,
            releasedAt: max(arrival, laneAt) + release * hour)
    }

    @Test func everySegmentHasItsOwnMedianAndNinetiethPercentile() throws {
        let consignments = [
            Self.consignment("KENBO", lodged: -48, lane: 1, release: 2),
            Self.consignment("KENBO", lodged: -24, lane: 2, release: 4),
            Self.consignment("KENBO", lodged: 6, lane: 3, release: 30),
            Self.consignment("KEMBA", lodged: 12, lane: 10, release: 100),
        ]
        let (all, points) = ReleaseTimeBreakdown.byEntryPoint(consignments)
        let nairobi = try #require(points["KENBO"])
        // Lodged before arrival stays negative: that is the goal, not an error.
        #expect(nairobi[.arrivalToLodgement] == ReleaseTimeSummary(hours: [-48, -24, 6]))
        #expect(nairobi[.arrivalToLodgement].medianHours == -24)
        #expect(nairobi[.arrivalToLodgement].p90Hours == 0)  // rank 1.8 of 0…2: −24 + 0.8 × (6 + 24)
        #expect(nairobi[.lodgementToLane].medianHours == 2)
        #expect(nairobi[.lodgementToLane].p90Hours == 2.8)  // rank 1.8 of 0…2: 2 + 0.8 × (3 − 2)
        // Release waits for arrival, so a lane given before arrival makes lane → release long.
        #expect(nairobi[.laneToRelease].medianHours == 30)
        #expect(nairobi[.arrivalToRelease].p90Hours == 32)
        #expect(nairobi[.arrivalToRelease].medianHours == 4)
        #expect(nairobi.count == 3 && nairobi.medianHours == 4 && nairobi.p90Hours == nairobi[.arrivalToRelease].p90Hours)
        #expect(all.count == 4 && all[.lodgementToLane].medianHours == 2.5)
        #expect(points["KEMBA"]?[.arrivalToRelease].medianHours == 122)
    }

    @Test func aMissingMomentLeavesOnlyItsSegmentsOut() {
        let unarrived = Self.consignment("NPKTM", lodged: 0, lane: 1, release: 5, arrived: false)
        let breakdown = ReleaseTimeBreakdown([unarrived])
        #expect(breakdown[.arrivalToLodgement].count == 0 && breakdown[.arrivalToLodgement].medianHours == nil)
        #expect(breakdown[.arrivalToRelease].count == 0)
        #expect(breakdown[.lodgementToLane].count == 1 && breakdown[.laneToRelease].count == 1)
        #expect(ReleaseTimeBreakdown([])[.laneToRelease] == ReleaseTimeSummary(hours: []))
    }

    @Test func encodesArrivalToReleaseAtTheTopAndEverySegmentBelow() throws {
        let breakdown = ReleaseTimeBreakdown([Self.consignment("PHMNL", lodged: -10, lane: 1, release: 3)])
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = .sortedKeys
        let json = try #require(String(data: try encoder.encode(breakdown), encoding: .utf8))
        #expect(json.hasPrefix(#"{"count":1,"median_hours":3,"p90_hours":3,"segments":{"#))
        #expect(json.contains(#""arrival_to_lodgement":{"count":1,"median_hours":-10,"p90_hours":-10}"#))
        #expect(json.contains(#""lodgement_to_lane":{"count":1,"median_hours":1,"p90_hours":1}"#))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try decoder.decode(ReleaseTimeBreakdown.self, from: Data(json.utf8)) == breakdown)
    }

    @Test func periodDefaultsToTheLastYearAndNamesTheBadField() throws {
        let today = try #require(Day.parse("2026-03-31"))
        let year = try ReleasePeriod(from: nil, to: nil, today: today)
        #expect(year.from.description == "2025-04-01" && year.to == today)
        #expect(year.seconds.end - year.seconds.start == 365 * 86_400)
        let march = try ReleasePeriod(from: "2026-03-01", to: "2026-03-01", today: today)
        #expect(march.seconds.start == Int64(try #require(Day.parse("2026-03-01")).ordinal) * 86_400)
        #expect(march.seconds.end - march.seconds.start == 86_400, "both ends are included")
        #expect(try ReleasePeriod(from: nil, to: "2025-12-31", today: today).from.description == "2025-01-01")

        #expect(throws: DomainError.invalid(field: "from", "'31/03/2026' is not a date (YYYY-MM-DD)")) {
            try ReleasePeriod(from: "31/03/2026", to: nil, today: today)
        }
        #expect(throws: DomainError.invalid(field: "to", "'2026-02-30' is not a date (YYYY-MM-DD)")) {
            try ReleasePeriod(from: nil, to: "2026-02-30", today: today)
        }
        #expect(throws: DomainError.invalid(field: "from", "2026-04-02 is after the end of the period (2026-03-31)")) {
            try ReleasePeriod(from: "2026-04-02", to: "2026-03-31", today: today)
        }
    }
}
