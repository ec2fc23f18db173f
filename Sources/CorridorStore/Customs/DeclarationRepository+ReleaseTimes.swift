import CorridorCore
import Foundation
import SQLKit

extension DeclarationRepository {
    public struct ReleaseTimes: Sendable, Codable {
        public var country: String
        public var all: ReleaseTimeSummary
        public var entryPoints: [String: ReleaseTimeSummary]
    }

    /// Arrival → release of the country's released consignments, per entry point and overall.
    public func releaseTimes(country: String, since: Int64? = nil) async throws -> ReleaseTimes {
        let rows = try await database.read { db in
            var sql: SQLQueryString = """
                SELECT entry_point, arrived_at, released_at FROM declarations
                WHERE destination = \(bind: country.uppercased()) AND arrived_at IS NOT NULL AND released_at IS NOT NULL
                """
            if let since { sql.appendLiteral(" AND released_at >= "); sql.appendInterpolation(bind: since) }
            return try await db.raw(sql).all()
        }
        var byPoint: [String: [Double]] = [:]
        var all: [Double] = []
        for row in rows {
            let hours = Double(try row.int64("released_at") - row.int64("arrived_at")) / 3600
            byPoint[try row.string("entry_point"), default: []].append(hours)
            all.append(hours)
        }
        return ReleaseTimes(country: country.uppercased(), all: ReleaseTimeSummary(hours: all),
                            entryPoints: byPoint.mapValues { ReleaseTimeSummary(hours: $0) })
    }
}
