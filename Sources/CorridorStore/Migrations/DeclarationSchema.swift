import Foundation
import SQLKit

/// Relief consignment declarations, their lines and documents, and the audit chain of every change.
enum DeclarationSchema {
    static let migration = Migration(
        version: 5, name: "customs: declarations, lines, documents, audit events",
        statements: [
            """
            CREATE TABLE declarations (
                id $ID, reference TEXT NOT NULL, declarant_org_id BIGINT NOT NULL REFERENCES organisations (id),
                consignee TEXT NOT NULL, destination TEXT NOT NULL REFERENCES countries (alpha2),
                entry_point TEXT NOT NULL REFERENCES entry_points (locode), emergency_id BIGINT REFERENCES emergencies (id),
                transport_mode TEXT NOT NULL, transport_document TEXT, expected_arrival TEXT,
                state TEXT NOT NULL, lane TEXT, lane_reasons TEXT, version BIGINT NOT NULL,
                created_at BIGINT NOT NULL, lodged_at BIGINT, arrived_at BIGINT, lane_at BIGINT, released_at BIGINT, closed_at BIGINT,
                UNIQUE (declarant_org_id, reference))
            """,
            "CREATE INDEX declarations_destination ON declarations (destination, state)",
            """
            CREATE TABLE declaration_lines (
                declaration_id BIGINT NOT NULL REFERENCES declarations (id) ON DELETE CASCADE, line_no INTEGER NOT NULL,
                description TEXT NOT NULL, item_code TEXT REFERENCES items (code), hs_code TEXT NOT NULL, quantity_milli BIGINT NOT NULL,
                unit TEXT NOT NULL, gross_kg DOUBLE PRECISION NOT NULL, value_milli BIGINT NOT NULL,
                currency TEXT NOT NULL REFERENCES currencies (code), origin TEXT NOT NULL REFERENCES countries (alpha2), re_export_by TEXT,
                PRIMARY KEY (declaration_id, line_no))
            """,
            """
            CREATE TABLE declaration_documents (
                declaration_id BIGINT NOT NULL REFERENCES declarations (id) ON DELETE CASCADE, document TEXT NOT NULL,
                status TEXT NOT NULL, file_name TEXT, sha256 TEXT, size_bytes BIGINT, updated_at BIGINT NOT NULL,
                PRIMARY KEY (declaration_id, document))
            """,
            """
            CREATE TABLE audit_events (
                declaration_id BIGINT NOT NULL REFERENCES declarations (id), sequence INTEGER NOT NULL, actor TEXT NOT NULL,
                at BIGINT NOT NULL, action TEXT NOT NULL, before_state TEXT NOT NULL, after_state TEXT NOT NULL,
                previous_hash TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (declaration_id, sequence))
            """,
        ])
}
