import Foundation
import SQLKit

/// On PostgreSQL, sites indexed by where they are on the globe: the point on the unit sphere, a
/// 3-D `cube` of the contrib extension of that name, whose GiST index walks sites nearest first
/// (the straight line through the sphere grows with the great-circle distance). The extension is
/// marked trusted, so a database owner without superuser rights may create it; it goes in the
/// `public` schema, where every Corridor schema of the database finds it under one name.
enum SiteEarthPositionSchema {
    static let migration = Migration(version: 18, name: "sites: nearest first on PostgreSQL, by their point on the globe") { db, dialect in
        guard dialect == .postgres else { return }
        // Schemas of one database migrate independently; the extension is the database's.
        try await db.raw("SELECT pg_advisory_xact_lock(hashtext('corridor.extension.cube'))").run()
        try await db.raw("CREATE EXTENSION IF NOT EXISTS cube WITH SCHEMA public").run()
        let schema = try await db.raw(
            "SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'cube'"
        ).first()?.decode(column: "schema", as: String.self)
        guard schema == "public" else {
            throw MigrationError(
                "PostgreSQL's cube extension is installed in schema '\(schema ?? "?")'; Corridor needs it in public: "
                    + "run ALTER EXTENSION cube SET SCHEMA public as its owner")
        }
        try await db.raw(
            "CREATE INDEX sites_earth ON sites USING gist (\(unsafeRaw: SiteEarthPosition.unitVector(lat: "lat", lon: "lon")))"
        ).run()
        try await db.raw("DROP INDEX sites_position").run()
    }
}

/// The point on the unit sphere of a site and of a place asked about, as SQL; the index and the
/// query must write the site's alike for PostgreSQL to use the one for the other.
enum SiteEarthPosition {
    static func unitVector(lat: String, lon: String) -> String {
        "public.cube(ARRAY[cos(radians(\(lat))) * cos(radians(\(lon))), cos(radians(\(lat))) * sin(radians(\(lon))), sin(radians(\(lat)))])"
    }
}
