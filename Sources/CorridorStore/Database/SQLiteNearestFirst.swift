import CorridorCore
import VaporCSQLite

/// `nearest_first(lat, lon)`, an R*Tree query function for `site_positions` (whose columns are
/// id, min_lat, max_lat, min_lon, max_lon): it scores each node of the tree by the great-circle
/// distance from the point to the node's box, a bound below every site inside, and each site by
/// its own distance, both as their haversine. SQLite's R*Tree visits what is queued in order of
/// score, so `WHERE id MATCH nearest_first(?, ?)` yields sites nearest first and a `LIMIT` stops
/// the walk once it has enough, without reading the rest of a dense cluster.
enum SQLiteNearestFirst {
    static let name = "nearest_first"

    /// Registers the function on one connection.
    static func register(on handle: OpaquePointer) -> Int32 {
        sqlite_nio_sqlite3_rtree_query_callback(handle, name, score, nil, nil)
    }

    /// Frees what `score` kept with a search, when SQLite ends it.
    private static let release: @convention(c) (UnsafeMutableRawPointer?) -> Void = { kept in
        kept?.assumingMemoryBound(to: Geodesy.Origin.self).deallocate()
    }

    private static let score: @convention(c) (UnsafeMutablePointer<sqlite3_rtree_query_info>?) -> Int32 = { info in
        guard let info, info.pointee.nParam == 2, info.pointee.nCoord == 4, let parameters = info.pointee.aParam,
            let corners = info.pointee.aCoord
        else { return SQLITE_ERROR }
        // The point's sines and cosines, worked out on the search's first entry and kept with it.
        let origin: UnsafeMutablePointer<Geodesy.Origin>
        if let kept = info.pointee.pUser {
            origin = kept.assumingMemoryBound(to: Geodesy.Origin.self)
        } else {
            origin = .allocate(capacity: 1)
            origin.initialize(to: Geodesy.Origin(lat: parameters[0], lon: parameters[1]))
            info.pointee.pUser = UnsafeMutableRawPointer(origin)
            info.pointee.xDelUser = release
        }
        let (minLat, maxLat, minLon, maxLon) = (corners[0], corners[1], corners[2], corners[3])
        // Scored by the haversine of the distance, which orders as the distance does and needs
        // no inverse sine or cosine.
        if info.pointee.iLevel == 0 {
            // A site: its box is its position, widened to 32-bit floats.
            info.pointee.rScore = Geodesy.haversine(from: origin.pointee, lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2)
        } else {
            info.pointee.rScore = Geodesy.haversine(
                from: origin.pointee, to: Geodesy.BoundingBox(minLon: minLon, minLat: minLat, maxLon: maxLon, maxLat: maxLat))
        }
        info.pointee.eWithin = PARTLY_WITHIN
        return SQLITE_OK
    }
}
