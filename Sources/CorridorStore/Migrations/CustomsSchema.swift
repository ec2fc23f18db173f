import Foundation
import SQLKit

/// Entry points, emergencies and their needs lists, accreditations, and the per-country duty rate
/// tables and selectivity rules that customs administrations edit.
enum CustomsSchema {
    static let migration = Migration(version: 4, name: "customs: entry points, emergencies, needs, accreditations, duty rates") {
        db, dialect in
        let statements = [
            """
            CREATE TABLE entry_points (
                locode TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL REFERENCES countries (alpha2),
                kind TEXT NOT NULL, lat DOUBLE PRECISION, lon DOUBLE PRECISION, locode_verified INTEGER NOT NULL, source TEXT)
            """,
            "CREATE INDEX entry_points_country ON entry_points (country)",
            """
            CREATE TABLE emergencies (
                id $ID, country TEXT NOT NULL REFERENCES countries (alpha2), name TEXT NOT NULL, hazard TEXT NOT NULL,
                declared TEXT NOT NULL, ends TEXT, pre_arrival INTEGER NOT NULL, provisional_deadline_days INTEGER,
                duty_tax_waiver INTEGER NOT NULL, fee_waiver INTEGER NOT NULL, out_of_hours INTEGER NOT NULL,
                created_by BIGINT REFERENCES users (id), created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE needs (
                id $ID, emergency_id BIGINT NOT NULL REFERENCES emergencies (id) ON DELETE CASCADE,
                item_code TEXT REFERENCES items (code), hs_heading TEXT, priority INTEGER NOT NULL, note TEXT)
            """,
            """
            CREATE TABLE accreditations (
                id $ID, org_id BIGINT NOT NULL REFERENCES organisations (id), country TEXT NOT NULL REFERENCES countries (alpha2),
                status TEXT NOT NULL, valid_until TEXT, requested_at BIGINT NOT NULL, decided_at BIGINT,
                decided_by BIGINT REFERENCES users (id), UNIQUE (org_id, country))
            """,
            """
            CREATE TABLE duty_rates (
                country TEXT NOT NULL REFERENCES countries (alpha2), position INTEGER NOT NULL,
                first_chapter INTEGER NOT NULL, last_chapter INTEGER NOT NULL,
                duty_percent DOUBLE PRECISION NOT NULL, tax_percent DOUBLE PRECISION NOT NULL, note TEXT,
                PRIMARY KEY (country, position))
            """,
            """
            CREATE TABLE selectivity_rules (country TEXT PRIMARY KEY REFERENCES countries (alpha2), rules TEXT NOT NULL, updated_at BIGINT NOT NULL)
            """,
        ]
        try await Migration.run(statements, on: db, dialect)
        let points = try ReferenceFiles.entryPoints()
        try await BulkInsert.insert(
            into: "entry_points", columns: ["locode", "name", "country", "kind", "lat", "lon", "locode_verified", "source"],
            // The key column, named locode until migration 13 renamed it code, holds each point's code.
            rows: points.map { [$0.code, $0.name, $0.country, $0.kind, $0.lat, $0.lon, $0.locode_verified ? 1 : 0, $0.source] },
            on: db)
        let rates = try ReferenceFiles.dutyRates()
        var position: [String: Int] = [:]
        try await BulkInsert.insert(
            into: "duty_rates", columns: ["country", "position", "first_chapter", "last_chapter", "duty_percent", "tax_percent", "note"],
            rows: rates.rates.map { rate in
                position[rate.country, default: 0] += 1
                let bounds = rate.chapters.split(separator: "-").compactMap { Int($0) }
                return [
                    rate.country, position[rate.country]!, bounds.first ?? 1, bounds.last ?? 97, rate.duty_percent, rate.tax_percent,
                    rate.note,
                ]
            },
            on: db)
    }
}
