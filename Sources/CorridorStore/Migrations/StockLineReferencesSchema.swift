import Foundation
import SQLKit

/// On PostgreSQL, stock lines no longer carry foreign keys: PostgreSQL checks a foreign key with
/// one query per inserted row, which dominated the time of a bulk COPY of stock lines. Every
/// line is written by code that took its references from the same transaction (an import checks
/// each row against the sites, items and organisations it read; a dispatch splits a line it
/// read), and nothing deletes a site, an item, an organisation, a report or a dispatch. SQLite
/// keeps its foreign keys; an import turns them off on its own connection only.
enum StockLineReferencesSchema {
    static let migration = Migration(version: 14, name: "stock lines: no per-row foreign-key checks on PostgreSQL") { db, dialect in
        guard dialect == .postgres else { return }
        for column in ["site_id", "item_code", "owner_org_id", "reporter_org_id", "report_id", "dispatch_id"] {
            try await db.raw("ALTER TABLE stock_lines DROP CONSTRAINT IF EXISTS \(ident: "stock_lines_\(column)_fkey")").run()
        }
    }
}
