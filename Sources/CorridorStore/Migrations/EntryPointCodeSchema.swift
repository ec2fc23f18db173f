import Foundation
import SQLKit

/// Entry points are keyed by a code: their UN/LOCODE where they have one, else an internal code
/// ("KE-NAMANGA"), with the LOCODE in a column of its own that may be empty. Codes that were
/// wrong (Birgunj's NPBGJ is NPBRG) or placeholders (KENAM, HTMPS, MZRGA, PHMNS) move to the new
/// code together with every declaration and dispatch that names them.
enum EntryPointCodeSchema {
    /// Old key → new key, for databases created before this migration.
    static let renamed = [
        "NPBGJ": "NPBRG", "KENAM": "KE-NAMANGA", "HTMPS": "HT-MALPASSE", "MZRGA": "MZ-RESSANO-GARCIA",
        "PHMNS": "PH-MANILA-SOUTH-HARBOR",
    ]

    static let migration = Migration(version: 13, name: "entry points: a code as key, the UN/LOCODE only where one exists") {
        db, dialect in
        // Both databases rename the parent column in the foreign keys that reference it.
        try await Migration.run(
            [
                "ALTER TABLE entry_points RENAME COLUMN locode TO code",
                "ALTER TABLE entry_points ADD COLUMN locode TEXT",
            ], on: db, dialect)
        for (old, new) in renamed.sorted(by: { $0.key < $1.key }) {
            guard try await db.raw("SELECT code FROM entry_points WHERE code = \(bind: old)").first() != nil else { continue }
            try await db.raw(
                """
                INSERT INTO entry_points (code, name, country, kind, lat, lon, locode_verified, source)
                SELECT \(bind: new), name, country, kind, lat, lon, locode_verified, source FROM entry_points WHERE code = \(bind: old)
                """
            ).run()
            try await db.raw("UPDATE declarations SET entry_point = \(bind: new) WHERE entry_point = \(bind: old)").run()
            try await db.raw("UPDATE dispatches SET entry_point = \(bind: new) WHERE entry_point = \(bind: old)").run()
            try await db.raw("DELETE FROM entry_points WHERE code = \(bind: old)").run()
        }
        for point in try ReferenceFiles.entryPoints() {
            try await db.raw(
                """
                UPDATE entry_points SET locode = \(bind: point.locode), name = \(bind: point.name),
                    locode_verified = \(bind: point.locode_verified ? 1 : 0), source = \(bind: point.source)
                WHERE code = \(bind: point.code)
                """
            ).run()
        }
    }
}
