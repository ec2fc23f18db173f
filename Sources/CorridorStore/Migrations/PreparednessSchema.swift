import Foundation
import SQLKit

/// The ERP checklist per country with its history, country customs profiles, the planning figures,
/// saved scenarios, and dispatches that reserve stock for a draft relief declaration.
enum PreparednessSchema {
    static let migration = Migration(
        version: 7, name: "preparedness: checklist, customs profiles, planning figures, scenarios, dispatches",
        statements: [
            """
            CREATE TABLE preparedness_actions (
                country TEXT NOT NULL REFERENCES countries (alpha2), code TEXT NOT NULL, status TEXT NOT NULL,
                owner_org_id BIGINT REFERENCES organisations (id), due TEXT, evidence TEXT, updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL,
                PRIMARY KEY (country, code))
            """,
            """
            CREATE TABLE preparedness_history (
                id $ID, country TEXT NOT NULL, code TEXT NOT NULL, actor TEXT NOT NULL, at BIGINT NOT NULL, change TEXT NOT NULL)
            """,
            "CREATE INDEX preparedness_history_action ON preparedness_history (country, code)",
            """
            CREATE TABLE customs_profiles (
                country TEXT PRIMARY KEY REFERENCES countries (alpha2), profile TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE TABLE planning_figures (id INTEGER PRIMARY KEY, figures TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL)",
            """
            CREATE TABLE scenarios (
                id $ID, country TEXT NOT NULL REFERENCES countries (alpha2), lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL,
                people BIGINT NOT NULL, days INTEGER NOT NULL, hazard TEXT, name TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE dispatches (
                id $ID, org_id BIGINT NOT NULL REFERENCES organisations (id), site_id BIGINT NOT NULL REFERENCES sites (id),
                item_code TEXT NOT NULL REFERENCES items (code), quantity_milli BIGINT NOT NULL, destination TEXT NOT NULL REFERENCES countries (alpha2),
                entry_point TEXT NOT NULL REFERENCES entry_points (locode), transport_mode TEXT NOT NULL, expected_arrival TEXT,
                declaration_id BIGINT NOT NULL REFERENCES declarations (id), scenario_id BIGINT REFERENCES scenarios (id),
                state TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL, settled_at BIGINT)
            """,
            "CREATE INDEX dispatches_declaration ON dispatches (declaration_id)",
            "ALTER TABLE stock_lines ADD COLUMN dispatch_id BIGINT REFERENCES dispatches (id)",
        ])
}
