import CorridorCore
import Foundation
import SQLKit

extension DeclarationRepository {
    /// Customs records that temporarily admitted goods of one line left the country.
    public func recordReExport(
        id: Int64, line lineNo: Int, version: Int64, by actor: Actor,
        at time: Int64 = UnixTime.now()
    ) async throws -> DeclarationView {
        try await database.transaction { db in
            guard let current = try await Self.view(id: id, by: actor, on: db) else {
                throw DomainError.notFound("no declaration with id \(id)")
            }
            try Policy.authorize(actor, .recordReExport, .country(current.destination))
            guard current.version == version else {
                throw DomainError.conflict(
                    "the declaration changed since you read it (version \(current.version), not \(version)); reload it")
            }
            guard let line = current.lines.first(where: { $0.lineNo == lineNo }) else { throw DomainError.notFound("no line \(lineNo)") }
            guard line.reExportBy != nil else { throw DomainError.conflict("line \(lineNo) was not admitted temporarily") }
            guard line.reExportedAt == nil else { throw DomainError.conflict("the re-export of line \(lineNo) was recorded already") }
            guard [.released, .completed, .closed].contains(current.state) else {
                throw DomainError.conflict("goods are re-exported after release (this declaration is \(current.state.rawValue))")
            }
            try await db.raw(
                """
                UPDATE declaration_lines SET re_exported_at = \(bind: time) WHERE declaration_id = \(bind: id) AND line_no = \(bind: lineNo)
                """
            ).run()
            guard
                try await db.raw(
                    "UPDATE declarations SET version = version + 1 WHERE id = \(bind: id) AND version = \(bind: version) RETURNING id"
                )
                .first() != nil
            else { throw DomainError.conflict("the declaration changed since you read it; reload it") }
            try await DeclarationAudit.append(
                declarationID: id, actor: actor, action: "re-export line \(lineNo)",
                before: "due by \(line.reExportBy ?? "")", after: "re-exported", at: time, on: db)
            return try await Self.view(id: id, by: actor, on: db)!
        }
    }

    public struct Obligations: Sendable, Codable, Equatable {
        public struct Completion: Sendable, Codable, Equatable {
            public var declarationId: Int64
            public var reference: String
            public var org: String
            public var destination: String
            public var releasedAt: Int64
            public var completionDue: Int64
            public var overdue: Bool
            public var missingDocuments: [String]
        }

        public struct ReExport: Sendable, Codable, Equatable {
            public var declarationId: Int64
            public var reference: String
            public var org: String
            public var destination: String
            public var line: Int
            public var description: String
            public var reExportBy: String
            public var overdue: Bool
        }

        /// Provisional releases still to be completed, overdue ones first.
        public var completions: [Completion]
        /// Temporarily admitted lines still in the country, overdue ones first.
        public var reExports: [ReExport]
    }

    /// What released consignments the caller may see still owe.
    public func obligations(by actor: Actor, now: Int64 = UnixTime.now()) async throws -> Obligations {
        let today = Day.today(Date(timeIntervalSince1970: TimeInterval(now)))
        var afterRelease = ListFilter(limit: 5000)
        afterRelease.states = [.released, .completed, .closed]
        let released = try await list(by: actor, filter: afterRelease, now: now)
        var completions: [Obligations.Completion] = []
        var reExports: [Obligations.ReExport] = []
        for d in released {
            if d.state == .released, let due = d.times.completionDue {
                completions.append(
                    .init(
                        declarationId: d.id, reference: d.reference, org: d.org, destination: d.destination,
                        releasedAt: d.times.released ?? 0,
                        completionDue: due, overdue: ReleaseObligations.isCompletionOverdue(state: d.state, completionDue: due, now: now),
                        missingDocuments: d.documents.filter { $0.status == DocumentsChecklist.Status.missing.rawValue }.map(\.label)))
            }
            for line in d.lines where line.reExportBy != nil && line.reExportedAt == nil {
                reExports.append(
                    .init(
                        declarationId: d.id, reference: d.reference, org: d.org, destination: d.destination, line: line.lineNo,
                        description: line.description, reExportBy: line.reExportBy!,
                        overdue: ReleaseObligations.isReExportOverdue(
                            state: d.state, reExportBy: line.reExportBy.flatMap { Day.parse($0) },
                            reExported: false, today: today)))
            }
        }
        return Obligations(
            completions: completions.sorted { ($0.overdue ? 0 : 1, $0.completionDue) < ($1.overdue ? 0 : 1, $1.completionDue) },
            reExports: reExports.sorted { ($0.overdue ? 0 : 1, $0.reExportBy) < ($1.overdue ? 0 : 1, $1.reExportBy) })
    }

    public struct Summary: Sendable, Codable, Equatable {
        public struct Row: Sendable, Codable, Equatable {
            public var destination: String
            public var state: String
            public var lane: String?
            public var count: Int
        }

        public var rows: [Row]
    }

    /// Counts by destination, state and lane: what coordinators see of consignments (not their
    /// content), for their country or the world; other callers see the counts of what they may see.
    public func summary(by actor: Actor) async throws -> Summary {
        guard actor != .anonymous else { throw DomainError.unauthenticated("sign in to see declaration counts") }
        let coordinated = actor.roles.compactMap { role -> String?? in
            if case .coordinator(let country) = role { country } else { nil }
        }
        let orgs = actor.roles.compactMap(\.orgCode)
        let customs = actor.customsCountries
        let everything = actor.isAdmin || coordinated.contains { $0 == nil }
        var sql: SQLQueryString = """
            SELECT d.destination, d.state, d.lane, COUNT(*) AS n FROM declarations d JOIN organisations o ON o.id = d.declarant_org_id
            WHERE d.state <> 'draft'
            """
        if !everything {
            sql.appendLiteral(" AND (d.destination IN ")
            sql.appendInterpolation(SQLQueryString.list(customs + coordinated.compactMap { $0 }))
            sql.appendLiteral(" OR o.code IN ")
            sql.appendInterpolation(SQLQueryString.list(orgs))
            sql.appendLiteral(")")
        }
        sql.appendLiteral(" GROUP BY d.destination, d.state, d.lane ORDER BY d.destination, d.state, d.lane")
        let rows = try await database.read { db in try await db.raw(sql).all() }
        return Summary(
            rows: try rows.map { row in
                Summary.Row(
                    destination: try row.string("destination"), state: try row.string("state"), lane: try row.optionalString("lane"),
                    count: try row.int("n"))
            })
    }
}
