import Foundation
import SQLKit

/// Loads countries, currencies and the HS 2022 nomenclature, and builds the HS search index
/// (FTS5 on SQLite, a GIN text-search index on PostgreSQL — both built in, no extensions).
enum ReferenceDataMigration {
    static let migration = Migration(version: 2, name: "reference data: countries, currencies, HS 2022") { db, dialect in
        let countries = try ReferenceFiles.countries()
        try await BulkInsert.insert(
            into: "countries",
            columns: [
                "alpha2", "alpha3", "numeric_code", "name", "region", "subregion", "lat", "lon",
                "bbox_min_lon", "bbox_min_lat", "bbox_max_lon", "bbox_max_lat",
            ],
            rows: countries.map { c in
                let box = c.bbox?.count == 4 ? c.bbox : nil
                return [
                    c.alpha2, c.alpha3, c.numeric, c.name, c.region, c.subregion, c.lat, c.lon,
                    box?[0], box?[1], box?[2], box?[3],
                ]
            },
            on: db)

        let currencies = try ReferenceFiles.currencies()
        try await BulkInsert.insert(
            into: "currencies", columns: ["code", "name", "numeric_code", "minor_unit"],
            rows: currencies.map { [$0.code, $0.name, $0.numeric, $0.minor_unit] }, on: db)

        let hs = try ReferenceFiles.hsCodes()
        try await BulkInsert.insert(
            into: "hs_codes", columns: ["code", "level", "description", "parent"],
            rows: hs.map { [$0.code, $0.level, $0.description, $0.parent] }, on: db)

        switch dialect {
        case .sqlite:
            try await db.raw(
                """
                CREATE VIRTUAL TABLE hs_search USING fts5(code, description, tokenize = 'porter unicode61')
                """
            ).run()
            try await db.raw("INSERT INTO hs_search (code, description) SELECT code, description FROM hs_codes").run()
        case .postgres:
            try await db.raw(
                """
                CREATE INDEX hs_codes_text ON hs_codes USING GIN (to_tsvector('english', description))
                """
            ).run()
        }
    }
}
