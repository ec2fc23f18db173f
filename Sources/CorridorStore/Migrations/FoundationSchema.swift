import Foundation

/// Countries, organisations, accounts and sites: what every later capability hangs off.
enum FoundationSchema {
    static let migration = Migration(
        version: 1, name: "foundation schema",
        statements: [
            """
            CREATE TABLE countries (
                alpha2 TEXT PRIMARY KEY, alpha3 TEXT NOT NULL UNIQUE, numeric_code TEXT NOT NULL,
                name TEXT NOT NULL, region TEXT NOT NULL, subregion TEXT NOT NULL,
                lat DOUBLE PRECISION, lon DOUBLE PRECISION,
                bbox_min_lon DOUBLE PRECISION, bbox_min_lat DOUBLE PRECISION,
                bbox_max_lon DOUBLE PRECISION, bbox_max_lat DOUBLE PRECISION)
            """,
            """
            CREATE TABLE currencies (
                code TEXT PRIMARY KEY, name TEXT NOT NULL, numeric_code TEXT, minor_unit INTEGER)
            """,
            """
            CREATE TABLE hs_codes (
                code TEXT PRIMARY KEY, level INTEGER NOT NULL, description TEXT NOT NULL, parent TEXT)
            """,
            "CREATE INDEX hs_codes_level ON hs_codes (level)",
            """
            CREATE TABLE organisations (
                id $ID, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT NOT NULL,
                hq_country TEXT NOT NULL REFERENCES countries (alpha2), created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE users (
                id $ID, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, password_hash TEXT NOT NULL,
                created_at BIGINT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0)
            """,
            """
            CREATE TABLE user_roles (
                id $ID, user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                role TEXT NOT NULL, org_id BIGINT REFERENCES organisations (id),
                country TEXT REFERENCES countries (alpha2))
            """,
            "CREATE UNIQUE INDEX user_roles_unique ON user_roles (user_id, role, COALESCE(org_id, 0), COALESCE(country, ''))",
            """
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
            """,
            "CREATE INDEX sessions_user ON sessions (user_id)",
            """
            CREATE TABLE api_tokens (
                id $ID, user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL,
                created_at BIGINT NOT NULL, last_used_at BIGINT, revoked_at BIGINT)
            """,
            """
            CREATE TABLE login_failures (
                id $ID, throttle_key TEXT NOT NULL, failed_at BIGINT NOT NULL)
            """,
            "CREATE INDEX login_failures_key ON login_failures (throttle_key, failed_at)",
            """
            CREATE TABLE sites (
                id $ID, org_id BIGINT NOT NULL REFERENCES organisations (id), code TEXT NOT NULL,
                name TEXT NOT NULL, country TEXT NOT NULL REFERENCES countries (alpha2), adm1 TEXT,
                lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL, tier TEXT NOT NULL,
                capacity_m3 DOUBLE PRECISION, free_m3 DOUBLE PRECISION, sharing TEXT NOT NULL,
                created_at BIGINT NOT NULL, UNIQUE (org_id, code))
            """,
        ])
}
