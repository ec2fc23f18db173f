import CorridorCore
import Foundation
import SQLKit

/// The SQL of a declaration's steps, nothing else: the rules are the core's and the order of
/// things is `DeclarationSteps`'.
enum DeclarationRecords {
    /// The columns a step stamps with its time.
    static func stampColumn(of step: DeclarationStep) -> String? {
        switch step {
        case .lodge: "lodged_at"
        case .assignLane: "lane_at"
        case .release: "released_at"
        case .close: "closed_at"
        default: nil
        }
    }

    /// Writes the new state when the declaration is still at `version`; false when it is not.
    static func update(
        id: Int64, version: Int64, to state: DeclarationState, step: DeclarationStep, lane: LaneDecision?,
        completionDue: Int64?, at time: Int64, on db: any SQLDatabase
    ) async throws -> Bool {
        var sql: SQLQueryString = "UPDATE declarations SET state = \(bind: state.rawValue), version = version + 1"
        if let lane {
            sql.appendLiteral(", lane = ")
            sql.appendInterpolation(bind: lane.lane.rawValue)
            sql.appendLiteral(", lane_reasons = ")
            sql.appendInterpolation(bind: lane.reasons.joined(separator: "\n"))
        }
        if let column = stampColumn(of: step) {
            sql.appendLiteral(", \(column) = ")
            sql.appendInterpolation(bind: time)
        }
        if let completionDue {
            sql.appendLiteral(", completion_due = ")
            sql.appendInterpolation(bind: completionDue)
        }
        sql.appendLiteral(" WHERE id = ")
        sql.appendInterpolation(bind: id)
        sql.appendLiteral(" AND version = ")
        sql.appendInterpolation(bind: version)
        sql.appendLiteral(" RETURNING id")
        return try await db.raw(sql).first() != nil
    }

    static func insertMessage(_ message: DeclarationMessage, declarationID: Int64, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO declaration_messages (declaration_id, sequence, step, party, author, at, body)
            VALUES (\(bind: declarationID), \(bind: message.sequence), \(bind: message.step.rawValue), \(bind: message.party.rawValue),
                    \(bind: message.author), \(bind: message.at), \(bind: message.text))
            """
        ).run()
    }

    /// Records arrival once; false when it was recorded already.
    static func recordArrival(id: Int64, at time: Int64, on db: any SQLDatabase) async throws -> Bool {
        try await db.raw(
            """
            UPDATE declarations SET arrived_at = \(bind: time), version = version + 1 WHERE id = \(bind: id) AND arrived_at IS NULL RETURNING id
            """
        ).first() != nil
    }
}

/// The SQL of the stock a dispatch reserved, when its consignment is released or given up.
enum DispatchRecords {
    /// The reserved stock leaves its site with the release.
    static func settle(declarationID: Int64, at time: Int64, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            DELETE FROM stock_lines WHERE status = 'reserved'
              AND dispatch_id IN (SELECT id FROM dispatches WHERE declaration_id = \(bind: declarationID) AND state = 'reserved')
            """
        ).run()
        try await db.raw(
            """
            UPDATE dispatches SET state = 'delivered', settled_at = \(bind: time) WHERE declaration_id = \(bind: declarationID) AND state = 'reserved'
            """
        ).run()
    }

    /// A cancelled or rejected consignment gives its reserved stock back.
    static func releaseReservation(declarationID: Int64, at time: Int64, on db: any SQLDatabase) async throws {
        let reserved = try await db.raw(
            "SELECT DISTINCT site_id, item_code FROM dispatches WHERE declaration_id = \(bind: declarationID) AND state = 'reserved'"
        ).all().map { (site: try $0.int64("site_id"), item: try $0.string("item_code")) }
        try await db.raw(
            """
            UPDATE stock_lines SET status = 'available', dispatch_id = NULL WHERE status = 'reserved'
              AND dispatch_id IN (SELECT id FROM dispatches WHERE declaration_id = \(bind: declarationID) AND state = 'reserved')
            """
        ).run()
        try await db.raw(
            """
            UPDATE dispatches SET state = 'cancelled', settled_at = \(bind: time) WHERE declaration_id = \(bind: declarationID) AND state = 'reserved'
            """
        ).run()
        for line in reserved { try await StockTotals.refresh(site: line.site, item: line.item, on: db) }
    }
}
