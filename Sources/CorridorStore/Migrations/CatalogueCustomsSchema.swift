import Foundation
import SQLKit

/// The catalogue's customs facts (alternative HS codes, UN number, controlled medicines, with their
/// source), filled from items.json for the standard items already stored.
enum CatalogueCustomsSchema {
    static let migration = Migration(version: 11, name: "items: alternative HS codes, UN number, controlled medicines") { db, dialect in
        try await Migration.run(
            [
                "ALTER TABLE items ADD COLUMN alternative_hs_codes TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE items ADD COLUMN un_number TEXT",
                "ALTER TABLE items ADD COLUMN controlled_medicine INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE items ADD COLUMN customs_source TEXT",
            ], on: db, dialect)
        for item in try ReferenceFiles.items() where item.customs_source != nil {
            try await db.raw(
                """
                UPDATE items SET alternative_hs_codes = \(bind: (item.alternative_hs_codes ?? []).joined(separator: " ")),
                    un_number = \(bind: item.un_number), controlled_medicine = \(bind: item.controlled_medicine == true ? 1 : 0),
                    customs_source = \(bind: item.customs_source)
                WHERE code = \(bind: item.code)
                """
            ).run()
        }
    }

    /// Alternative codes are stored space-separated, in the catalogue's order.
    static func codes(_ stored: String) -> [String] { stored.split(separator: " ").map(String.init) }
}
