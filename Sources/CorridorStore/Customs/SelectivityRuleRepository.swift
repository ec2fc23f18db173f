import CorridorCore
import Foundation
import SQLKit

/// Each country's selectivity rules, kept as data so its customs administration tunes them
/// without a release of Corridor; a country that never set any uses the standard set.
public struct SelectivityRuleRepository: Sendable {
    let database: Database

    public struct Stored: Sendable, Codable, Equatable {
        public var country: String
        public var ruleSet: SelectivityRuleSet
        /// False while the country uses the standard set.
        public var customised: Bool
        public var updatedBy: String?
        public var updatedAt: Int64?

        public init(country: String, ruleSet: SelectivityRuleSet, customised: Bool, updatedBy: String? = nil, updatedAt: Int64? = nil) {
            (self.country, self.ruleSet, self.customised, self.updatedBy, self.updatedAt) = (
                country, ruleSet, customised, updatedBy, updatedAt
            )
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    public func get(country: String) async throws -> Stored {
        let iso = country.uppercased()
        return try await database.read { db in
            guard let row = try await db.raw("SELECT * FROM selectivity_rule_sets WHERE country = \(bind: iso)").first() else {
                return Stored(country: iso, ruleSet: .standard, customised: false)
            }
            return Stored(
                country: iso, ruleSet: try Self.decode(row), customised: true, updatedBy: try row.string("updated_by"),
                updatedAt: try row.int64("updated_at"))
        }
    }

    /// Replaces the country's rules after the core's checks (no origin criterion, reasons, rate).
    public func put(country: String, _ ruleSet: SelectivityRuleSet, by actor: Actor) async throws -> Stored {
        let iso = country.uppercased()
        try Policy.authorize(actor, .manageSelectivityRules, .country(iso))
        let valid = try ruleSet.validated()
        let json = String(decoding: try Self.encoder.encode(valid), as: UTF8.self)
        let now = UnixTime.now()
        try await database.transaction { db in
            guard try await ReferenceRepository.countryExists(iso, on: db) else { throw DomainError.notFound("no country \(iso)") }
            try await db.raw("DELETE FROM selectivity_rule_sets WHERE country = \(bind: iso)").run()
            try await db.raw(
                """
                INSERT INTO selectivity_rule_sets (country, rule_set, updated_by, updated_at)
                VALUES (\(bind: iso), \(bind: json), \(bind: DeclarationAudit.actorName(actor)), \(bind: now))
                """
            ).run()
        }
        return Stored(country: iso, ruleSet: valid, customised: true, updatedBy: DeclarationAudit.actorName(actor), updatedAt: now)
    }

    static func ruleSet(country: String, on db: any SQLDatabase) async throws -> SelectivityRuleSet {
        guard let row = try await db.raw("SELECT rule_set FROM selectivity_rule_sets WHERE country = \(bind: country)").first() else {
            return .standard
        }
        return try decode(row)
    }

    static func decode(_ row: any SQLRow) throws -> SelectivityRuleSet {
        try JSONDecoder().decode(SelectivityRuleSet.self, from: Data(try row.string("rule_set").utf8))
    }
}
