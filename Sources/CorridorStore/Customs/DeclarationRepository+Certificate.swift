import CorridorCore
import Foundation
import SQLKit

extension DeclarationRepository {
    /// The release certificate of a declaration the caller may see, once it is released.
    public func certificate(id: Int64, by actor: Actor) async throws -> ReleaseCertificate? {
        try await database.read { db in
            guard try await Self.view(id: id, by: actor, on: db) != nil else { return nil }
            return try await CertificateRecords.certificate(of: id, on: db)
        }
    }

    /// People's names for the audit names of a declaration's actors (`user:5:a@b.org` → the
    /// user's name), so pages and certificates name people, not ids.
    public func names(of actors: [String]) async throws -> [String: String] {
        let ids = Set(actors.compactMap(Self.userID(ofActor:)))
        guard !ids.isEmpty else { return [:] }
        return try await database.read { db in
            var names: [String: String] = [:]
            for row in try await db.raw("SELECT id, name, email FROM users WHERE id IN \(SQLQueryString.list(ids.sorted()))").all() {
                let id = try row.int64("id"), email = try row.string("email")
                names["user:\(id):\(email)"] = try row.string("name")
            }
            return names
        }
    }

    static func userID(ofActor actor: String) -> Int64? {
        let parts = actor.split(separator: ":", maxSplits: 2)
        guard parts.count == 3, parts[0] == "user" else { return nil }
        return Int64(parts[1])
    }
}
