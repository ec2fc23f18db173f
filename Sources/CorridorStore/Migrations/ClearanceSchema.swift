import Foundation
import SQLKit

/// What clearance needs beyond the declaration itself: the messages of queries and answers, the
/// stored document files, per-country selectivity rules, completion and re-export obligations,
/// the catalogue's indicative values, and webhook subscriptions with their delivery outbox.
enum ClearanceSchema {
    static let migration = Migration(
        version: 6, name: "customs: messages, document files, selectivity rules, obligations, webhooks",
        statements: [
            "ALTER TABLE declarations ADD COLUMN completion_due BIGINT",
            "ALTER TABLE declaration_lines ADD COLUMN re_exported_at BIGINT",
            "ALTER TABLE items ADD COLUMN value_usd DOUBLE PRECISION",
            """
            CREATE TABLE declaration_messages (
                declaration_id BIGINT NOT NULL REFERENCES declarations (id), sequence INTEGER NOT NULL, step TEXT NOT NULL,
                party TEXT NOT NULL, author TEXT NOT NULL, at BIGINT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (declaration_id, sequence))
            """,
            """
            CREATE TABLE document_files (
                declaration_id BIGINT NOT NULL REFERENCES declarations (id) ON DELETE CASCADE, document TEXT NOT NULL,
                file_name TEXT NOT NULL, content_type TEXT NOT NULL, sha256 TEXT NOT NULL, content $BLOB NOT NULL,
                PRIMARY KEY (declaration_id, document))
            """,
            """
            CREATE TABLE selectivity_rule_sets (
                country TEXT PRIMARY KEY REFERENCES countries (alpha2), rule_set TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE webhooks (
                id $ID, org_id BIGINT NOT NULL REFERENCES organisations (id), url TEXT NOT NULL, secret TEXT NOT NULL,
                created_at BIGINT NOT NULL, revoked_at BIGINT)
            """,
            """
            CREATE TABLE webhook_deliveries (
                id $ID, webhook_id BIGINT NOT NULL REFERENCES webhooks (id), event TEXT NOT NULL, payload TEXT NOT NULL,
                attempts INTEGER NOT NULL, next_attempt_at BIGINT NOT NULL, delivered_at BIGINT, last_status INTEGER, last_error TEXT,
                created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL",
        ])
}
