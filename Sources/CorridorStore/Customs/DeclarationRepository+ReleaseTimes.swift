import CorridorCore
import Foundation
import SQLKit

extension DeclarationRepository {
    /// The Time Release Study of one country over a period. `all` and each entry point carry
    /// arrival → release at their top level (the original form of this answer) and every segment
    /// under `segments`.
    public struct ReleaseTimes: Sendable, Codable {
        public var country: String
        public var period: ReleasePeriod
        public var all: ReleaseTimeBreakdown
        public var entryPoints: [String: ReleaseTimeBreakdown]
    }

    /// The country's consignments released within `period` (by default the last year), per entry
    /// point and overall.
    public func releaseTimes(country: String, period: ReleasePeriod? = nil) async throws -> ReleaseTimes {
        let period = period ?? .last(endingOn: .today())
        let (start, end) = period.seconds
        let consignments = try await database.read { db in
            try await db.raw(
                """
                SELECT entry_point, lodged_at, arrived_at, lane_at, released_at FROM declarations
                WHERE destination = \(bind: country.uppercased()) AND released_at >= \(bind: start) AND released_at < \(bind: end)
                """
            ).all().map { row in
                ReleaseTimestamps(
                    entryPoint: try row.string("entry_point"), lodgedAt: try row.optionalInt64("lodged_at"),
                    arrivedAt: try row.optionalInt64("arrived_at"), laneAt: try row.optionalInt64("lane_at"),
                    releasedAt: try row.optionalInt64("released_at"))
            }
        }
        let (all, entryPoints) = ReleaseTimeBreakdown.byEntryPoint(consignments)
        return ReleaseTimes(country: country.uppercased(), period: period, all: all, entryPoints: entryPoints)
    }
}
