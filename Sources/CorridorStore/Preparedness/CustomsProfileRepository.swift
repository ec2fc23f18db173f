import CorridorCore
import Foundation
import SQLKit

/// Country customs profiles: what the working group records, beside what Corridor measures.
public struct CustomsProfileRepository: Sendable {
    let database: Database

    public struct View: Sendable, Codable, Equatable {
        public var profile: CustomsProfile
        /// False while nobody has written one (an empty profile is shown).
        public var recorded: Bool
        public var updatedBy: String?
        public var updatedAt: Int64?
        /// Arrival → release measured from the country's released relief consignments.
        public var measured: ReleaseTimeSummary
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    public func get(country: String) async throws -> View? {
        let iso = country.uppercased()
        guard try await database.read({ db in try await ReferenceRepository.countryExists(iso, on: db) }) else { return nil }
        let row = try await database.read { db in try await db.raw("SELECT * FROM customs_profiles WHERE country = \(bind: iso)").first() }
        let measured = try await DeclarationRepository(database: database).releaseTimes(country: iso).all[.arrivalToRelease]
        return View(
            profile: try row.map(Self.decode) ?? CustomsProfile(country: iso), recorded: row != nil,
            updatedBy: try row?.string("updated_by"), updatedAt: try row?.int64("updated_at"), measured: measured)
    }

    public func put(_ profile: CustomsProfile, by actor: Actor) async throws -> View {
        let valid = try profile.validated()
        try Policy.authorize(actor, .manageCustomsProfile, .country(valid.country))
        if let zone = valid.timeZone, TimeZone(identifier: zone) == nil {
            throw DomainError.invalid(
                field: "time_zone", "'\(zone)' is not a time zone this server knows (IANA names such as Africa/Nairobi)")
        }
        let json = String(decoding: try Self.encoder.encode(valid), as: UTF8.self)
        try await database.transaction { db in
            guard try await ReferenceRepository.countryExists(valid.country, on: db) else {
                throw DomainError.notFound("no country \(valid.country)")
            }
            try await db.raw("DELETE FROM customs_profiles WHERE country = \(bind: valid.country)").run()
            try await db.raw(
                """
                INSERT INTO customs_profiles (country, profile, updated_by, updated_at)
                VALUES (\(bind: valid.country), \(bind: json), \(bind: DeclarationAudit.actorName(actor)), \(bind: UnixTime.now()))
                """
            ).run()
        }
        return try await get(country: valid.country)!
    }

    static func profile(_ country: String, on db: any SQLDatabase) async throws -> CustomsProfile? {
        try await db.raw("SELECT profile FROM customs_profiles WHERE country = \(bind: country)").first().map(decode)
    }

    static func decode(_ row: any SQLRow) throws -> CustomsProfile {
        try JSONDecoder().decode(CustomsProfile.self, from: Data(try row.string("profile").utf8))
    }
}
