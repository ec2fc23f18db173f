import Foundation
import SQLKit

/// What the read paths of a large store need: each site's available stock by item, owner and
/// expiry, kept by every stock write in its own transaction (`StockTotals`), so the nearest stock
/// and the pre-positioned lists read sites rather than lines; and an index of site positions, so
/// nearest looks only near the point. Expiry stays in the key because what has expired depends
/// on the day of the request; '' stands for no expiry, as a key column cannot be NULL.
enum StockTotalsSchema {
    static let migration = Migration(version: 16, name: "stock: per-site totals by item, a spatial index of sites") { db, dialect in
        let key = "PRIMARY KEY (site_id, item_code, owner_org_id, expiry)"
        try await db.raw(
            """
            CREATE TABLE stock_site_totals (
                site_id BIGINT NOT NULL, item_code TEXT NOT NULL, owner_org_id BIGINT NOT NULL, expiry TEXT NOT NULL,
                quantity_milli BIGINT NOT NULL, latest_report TEXT NOT NULL, \(unsafeRaw: key))\(unsafeRaw: dialect == .sqlite ? " WITHOUT ROWID" : "")
            """
        ).run()
        try await StockTotals.recomputeAll(on: db)
        // A country's pre-positioned list starts from its sites.
        try await db.raw("CREATE INDEX sites_country ON sites (country)").run()
        switch dialect {
        case .sqlite:
            // SQLite's R*Tree module: a site is a box of no size. Triggers keep it with the sites
            // table, whoever writes a site (a form, an import's new or moved sites).
            let statements = [
                "CREATE VIRTUAL TABLE site_positions USING rtree (id, min_lat, max_lat, min_lon, max_lon)",
                "INSERT INTO site_positions (id, min_lat, max_lat, min_lon, max_lon) SELECT id, lat, lat, lon, lon FROM sites",
                """
                CREATE TRIGGER site_positions_insert AFTER INSERT ON sites BEGIN
                    INSERT INTO site_positions (id, min_lat, max_lat, min_lon, max_lon) VALUES (NEW.id, NEW.lat, NEW.lat, NEW.lon, NEW.lon);
                END
                """,
                """
                CREATE TRIGGER site_positions_update AFTER UPDATE OF lat, lon ON sites BEGIN
                    UPDATE site_positions SET min_lat = NEW.lat, max_lat = NEW.lat, min_lon = NEW.lon, max_lon = NEW.lon WHERE id = NEW.id;
                END
                """,
                "CREATE TRIGGER site_positions_delete AFTER DELETE ON sites BEGIN DELETE FROM site_positions WHERE id = OLD.id; END",
            ]
            for statement in statements { try await db.raw(SQLQueryString(statement)).run() }
        case .postgres:
            // The built-in point type's GiST index answers "inside this box".
            try await db.raw("CREATE INDEX sites_position ON sites USING gist (point(lon, lat))").run()
        }
    }
}
