import CorridorCore
import Foundation
import SQLKit

/// The item catalogue and organisations' own codes for catalogue items.
public struct ItemRepository: Sendable {
    let database: Database

    public func all() async throws -> [Item] {
        try await database.read { db in try await Self.all(on: db) }
    }

    static func all(on db: any SQLDatabase) async throws -> [Item] {
        try await db.raw("SELECT * FROM items ORDER BY sector, name").all().map(item)
    }

    public func find(code: String) async throws -> Item? {
        try await database.read { db in
            try await db.raw("SELECT * FROM items WHERE code = \(bind: code.uppercased())").first().map(Self.item)
        }
    }

    /// Adds an item to the standard catalogue (administrators only).
    public func create(_ input: ItemInput, by actor: Actor) async throws -> Item {
        try Policy.authorize(actor, .createItem)
        let item = try input.validated()
        try await database.transaction { db in
            guard try await db.raw("SELECT code FROM hs_codes WHERE code = \(bind: item.hsCode)").first() != nil else {
                throw DomainError.invalid(field: "hs_code", "\(item.hsCode) is not in the HS 2022 nomenclature")
            }
            if try await db.raw("SELECT code FROM items WHERE code = \(bind: item.code)").first() != nil {
                throw DomainError.conflict(
                    "an item with code \(item.code) already exists", [Problem(field: "code", problem: "already taken")])
            }
            try await BulkInsert.insert(
                into: "items",
                columns: [
                    "code", "name", "sector", "item_group", "family", "family_label", "unit", "weight_kg", "volume_m3",
                    "hs_code", "kit", "coverage_people", "coverage_days",
                ],
                rows: [
                    [
                        item.code, item.name, item.sector.rawValue, item.group, item.family, item.familyLabel, item.unit,
                        item.weightKg, item.volumeM3, item.hsCode, item.kit ? 1 : 0, item.coveragePeople, item.coverageDays,
                    ]
                ],
                on: db)
        }
        return item
    }

    /// Sets (or clears) the indicative value per unit that the value-per-kg indicator compares with.
    public func setIndicativeValue(code: String, valueUSD: Quantity?, by actor: Actor) async throws -> Item {
        try Policy.authorize(actor, .createItem)
        try Item.checkIndicativeValue(valueUSD)
        return try await database.transaction { db in
            guard
                try await db.raw(
                    "UPDATE items SET value_usd_milli = \(bind: valueUSD?.milli) WHERE code = \(bind: code.uppercased()) RETURNING code"
                ).first() != nil,
                let row = try await db.raw("SELECT * FROM items WHERE code = \(bind: code.uppercased())").first()
            else {
                throw DomainError.notFound("no catalogue item \(code)")
            }
            return try Self.item(row)
        }
    }

    /// The organisation's own item codes → catalogue codes.
    static func aliases(orgID: Int64, on db: any SQLDatabase) async throws -> [String: String] {
        var aliases: [String: String] = [:]
        for row in try await db.raw("SELECT alias, item_code FROM item_aliases WHERE org_id = \(bind: orgID)").all() {
            aliases[try row.string("alias")] = try row.string("item_code")
        }
        return aliases
    }

    /// Maps an organisation's own item code to a catalogue item, so its reports import unchanged.
    public func mapAlias(_ alias: String, to itemCode: String, org orgCode: String, by actor: Actor) async throws {
        try Policy.authorize(actor, .manageItemAliases, .organisation(code: orgCode.uppercased()))
        let alias = alias.trimmingCharacters(in: .whitespaces).uppercased()
        guard !alias.isEmpty, alias.count <= 64 else { throw DomainError.invalid(field: "alias", "must be 1 to 64 characters") }
        try await database.transaction { db in
            guard let org = try await OrganisationRepository.find(code: orgCode, on: db) else {
                throw DomainError.notFound("no organisation with code \(orgCode)")
            }
            guard try await db.raw("SELECT code FROM items WHERE code = \(bind: itemCode.uppercased())").first() != nil else {
                throw DomainError.invalid(field: "item_code", "'\(itemCode)' is not a catalogue item code")
            }
            try await db.raw("DELETE FROM item_aliases WHERE org_id = \(bind: org.id) AND alias = \(bind: alias)").run()
            try await db.raw(
                """
                INSERT INTO item_aliases (org_id, alias, item_code) VALUES (\(bind: org.id), \(bind: alias), \(bind: itemCode.uppercased()))
                """
            ).run()
        }
    }

    static func item(_ row: any SQLRow) throws -> Item {
        Item(
            code: try row.string("code"), name: try row.string("name"),
            sector: Sector(rawValue: try row.string("sector")) ?? .nfi, group: try row.string("item_group"),
            family: try row.string("family"), familyLabel: try row.string("family_label"), unit: try row.string("unit"),
            weightKg: try row.double("weight_kg"), volumeM3: try row.double("volume_m3"), hsCode: try row.string("hs_code"),
            kit: try row.int("kit") != 0, coveragePeople: try row.optionalDouble("coverage_people"),
            coverageDays: try row.optionalDouble("coverage_days"),
            valueUSD: try row.decode(column: "value_usd_milli", as: Int64?.self).map(Quantity.init(milli:)),
            alternativeHSCodes: CatalogueCustomsSchema.codes(try row.string("alternative_hs_codes")),
            unNumber: try row.optionalString("un_number"), controlledMedicine: try row.int("controlled_medicine") != 0,
            customsSource: try row.optionalString("customs_source"))
    }
}
