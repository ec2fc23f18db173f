import CorridorCore
import CorridorIngest

/// New sites' ids by the checker's `NewSite` object: rows of one site from one checking thread
/// share the object, and looking its identity up costs less than hashing the site's code (a
/// `Dictionary` hashed the identity with SipHash on every row). Open addressing, linear probing;
/// each entry holds its object, so that its identity is not reused while the table knows it.
struct NewSiteIDs {
    private var entries: [(site: NewSite, id: Int64)?] = Array(repeating: nil, count: 1024)
    private(set) var count = 0

    func id(of site: NewSite) -> Int64? {
        let mask = entries.count - 1
        var slot = Self.slot(of: site) & mask
        while let entry = entries[slot] {
            if entry.site === site { return entry.id }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Stores `id` for `site`, which must not be in the table yet.
    mutating func insert(_ site: NewSite, id: Int64) {
        if (count + 1) * 2 > entries.count { grow() }
        let mask = entries.count - 1
        var slot = Self.slot(of: site) & mask
        while entries[slot] != nil { slot = (slot + 1) & mask }
        entries[slot] = (site, id)
        count += 1
    }

    private static func slot(of site: NewSite) -> Int {
        Int(truncatingIfNeeded: ByteHash.mix(UInt64(UInt(bitPattern: ObjectIdentifier(site)))))
    }

    private mutating func grow() {
        let old = entries
        entries = Array(repeating: nil, count: old.count * 2)
        count = 0
        for case let entry? in old { insert(entry.site, id: entry.id) }
    }
}
