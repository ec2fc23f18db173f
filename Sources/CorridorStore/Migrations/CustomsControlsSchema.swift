import Foundation

/// What a customs administration's review asked for: the particulars required to lodge, amendment
/// requests that customs decides, a verdict on each document, and certificate numbers that are
/// never reused (one sequence per country and year).
enum CustomsControlsSchema {
    static let migration = Migration(
        version: 15, name: "customs: lodging particulars, amendment requests, document verdicts, certificate numbers",
        statements: [
            "ALTER TABLE declarations ADD COLUMN transport_document_type TEXT",
            "ALTER TABLE declarations ADD COLUMN packages INTEGER",
            "ALTER TABLE declarations ADD COLUMN packages_kind TEXT",
            "ALTER TABLE declaration_lines ADD COLUMN no_commercial_value INTEGER NOT NULL DEFAULT 0",
            """
            CREATE TABLE declaration_amendments (
                declaration_id BIGINT NOT NULL REFERENCES declarations (id) ON DELETE CASCADE, sequence INTEGER NOT NULL,
                requested_by TEXT NOT NULL, requested_at BIGINT NOT NULL, content TEXT NOT NULL, differences TEXT NOT NULL,
                status TEXT NOT NULL, decided_by TEXT, decided_at BIGINT, reason TEXT,
                PRIMARY KEY (declaration_id, sequence))
            """,
            "ALTER TABLE emergencies ADD COLUMN legal_basis TEXT",
            "ALTER TABLE accreditations ADD COLUMN decision_reason TEXT",
            "ALTER TABLE declaration_documents ADD COLUMN verdict_reason TEXT",
            "ALTER TABLE declaration_documents ADD COLUMN verdict_by TEXT",
            """
            CREATE TABLE certificate_counters (
                country TEXT NOT NULL REFERENCES countries (alpha2), year INTEGER NOT NULL, last_number INTEGER NOT NULL,
                PRIMARY KEY (country, year))
            """,
            """
            CREATE TABLE release_certificates (
                declaration_id BIGINT PRIMARY KEY REFERENCES declarations (id) ON DELETE CASCADE, country TEXT NOT NULL,
                year INTEGER NOT NULL, number INTEGER NOT NULL, issued_at BIGINT NOT NULL, officer TEXT NOT NULL,
                UNIQUE (country, year, number))
            """,
        ])
}
