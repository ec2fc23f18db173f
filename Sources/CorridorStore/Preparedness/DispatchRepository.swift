import CorridorCore
import Foundation
import SQLKit

/// A dispatch reserves an organisation's stock at a site for a consignment and drafts its relief
/// declaration in the destination country, so it can be lodged before the goods leave. Release by
/// customs takes the reserved stock out of the site; cancelling gives it back.
public struct DispatchRepository: Sendable {
    let database: Database

    public struct Input: Sendable, Codable, Equatable {
        public var siteId: Int64
        public var itemCode: String
        public var quantity: String
        public var entryPoint: String
        public var transportMode: String
        public var expectedArrival: String?
        public var reference: String?
        public var consignee: String?
        public var scenarioId: Int64?

        public init(
            siteId: Int64, itemCode: String, quantity: String, entryPoint: String, transportMode: String, expectedArrival: String? = nil,
            reference: String? = nil, consignee: String? = nil, scenarioId: Int64? = nil
        ) {
            (self.siteId, self.itemCode, self.quantity, self.entryPoint, self.transportMode) = (
                siteId, itemCode, quantity, entryPoint, transportMode
            )
            (self.expectedArrival, self.reference, self.consignee, self.scenarioId) = (expectedArrival, reference, consignee, scenarioId)
        }
    }

    public struct Dispatch: Sendable, Codable, Equatable {
        public var id: Int64
        public var org: String
        public var site: String
        public var itemCode: String
        public var quantity: Quantity
        public var destination: String
        public var entryPoint: String
        public var state: String
        public var declarationId: Int64
        public var scenarioId: Int64?
    }

    public func get(id: Int64, by actor: Actor) async throws -> Dispatch? {
        try await database.read { db in try await Self.load("d.id = \(bind: id)", on: db).first }
            .flatMap { actor.isAdmin || actor.isMember(of: $0.org) || actor.isCustomsOfficer(of: $0.destination) ? $0 : nil }
    }

    public func list(scenario: Int64? = nil, by actor: Actor) async throws -> [Dispatch] {
        let all = try await database.read { db in
            if let scenario { return try await Self.load("d.scenario_id = \(bind: scenario)", on: db) }
            return try await Self.load("1 = 1", on: db)
        }
        return all.filter {
            actor.isAdmin || actor.isMember(of: $0.org) || actor.isCustomsOfficer(of: $0.destination)
                || actor.isCoordinator(of: $0.destination)
        }
    }

    static func load(_ filter: SQLQueryString, on db: any SQLDatabase) async throws -> [Dispatch] {
        var sql: SQLQueryString = """
            SELECT d.*, o.code AS org_code, s.code AS site_code FROM dispatches d JOIN organisations o ON o.id = d.org_id JOIN sites s ON s.id = d.site_id
            WHERE
            """
        sql.appendLiteral(" ")
        sql.appendInterpolation(filter)
        sql.appendLiteral(" ORDER BY d.id")
        return try await db.raw(sql).all().map { row in
            Dispatch(
                id: try row.int64("id"), org: try row.string("org_code"), site: try row.string("site_code"),
                itemCode: try row.string("item_code"),
                quantity: Quantity(milli: try row.int64("quantity_milli")), destination: try row.string("destination"),
                entryPoint: try row.string("entry_point"), state: try row.string("state"), declarationId: try row.int64("declaration_id"),
                scenarioId: try row.optionalInt64("scenario_id"))
        }
    }
}
