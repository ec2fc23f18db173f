import Foundation
import SQLKit

/// The item catalogue, organisations' own item codes, stock lines and the reports that brought them.
enum StockSchema {
    static let migration = Migration(version: 3, name: "stock: items, aliases, reports, stock lines, minimums") { db, dialect in
        let statements = [
            """
            CREATE TABLE items (
                code TEXT PRIMARY KEY, name TEXT NOT NULL, sector TEXT NOT NULL, item_group TEXT NOT NULL,
                family TEXT NOT NULL, family_label TEXT NOT NULL, unit TEXT NOT NULL,
                weight_kg DOUBLE PRECISION NOT NULL, volume_m3 DOUBLE PRECISION NOT NULL,
                hs_code TEXT NOT NULL REFERENCES hs_codes (code), kit INTEGER NOT NULL,
                coverage_people DOUBLE PRECISION, coverage_days DOUBLE PRECISION, coverage_source TEXT,
                crosswalk TEXT NOT NULL DEFAULT '{}', source TEXT)
            """,
            """
            CREATE TABLE item_aliases (
                org_id BIGINT NOT NULL REFERENCES organisations (id), alias TEXT NOT NULL,
                item_code TEXT NOT NULL REFERENCES items (code), PRIMARY KEY (org_id, alias))
            """,
            """
            CREATE TABLE stock_reports (
                id $ID, org_id BIGINT NOT NULL REFERENCES organisations (id), file_name TEXT NOT NULL,
                rows_read BIGINT NOT NULL, lines BIGINT NOT NULL, sites_created BIGINT NOT NULL,
                warnings BIGINT NOT NULL, created_by BIGINT REFERENCES users (id), created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE stock_lines (
                id $ID, site_id BIGINT NOT NULL REFERENCES sites (id), item_code TEXT NOT NULL REFERENCES items (code),
                owner_org_id BIGINT NOT NULL REFERENCES organisations (id),
                reporter_org_id BIGINT NOT NULL REFERENCES organisations (id),
                quantity_milli BIGINT NOT NULL, status TEXT NOT NULL, expiry TEXT, batch TEXT,
                reported_at TEXT NOT NULL, report_id BIGINT REFERENCES stock_reports (id))
            """,
            "CREATE INDEX stock_lines_site ON stock_lines (site_id, reporter_org_id)",
            "CREATE INDEX stock_lines_item ON stock_lines (item_code, status)",
            """
            CREATE TABLE stock_minimums (
                site_id BIGINT NOT NULL REFERENCES sites (id), item_code TEXT NOT NULL REFERENCES items (code),
                minimum_milli BIGINT NOT NULL, PRIMARY KEY (site_id, item_code))
            """,
        ]
        try await Migration.run(statements, on: db, dialect)
        let items = try ReferenceFiles.items()
        try await BulkInsert.insert(
            into: "items",
            columns: [
                "code", "name", "sector", "item_group", "family", "family_label", "unit", "weight_kg", "volume_m3",
                "hs_code", "kit", "coverage_people", "coverage_days", "coverage_source", "crosswalk", "source",
            ],
            rows: items.map { i in
                [
                    i.code, i.name, i.sector, i.group, i.family, i.family_label, i.unit, i.weight_kg, i.volume_m3,
                    i.hs_code, i.kit ? 1 : 0, i.coverage_people, i.coverage_days, i.coverage_source, i.crosswalkJSON, i.source,
                ]
            },
            on: db)
    }
}
