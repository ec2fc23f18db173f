import CorridorCore
import CorridorIngest

extension StockTotals {
    /// What an import's tally has added up so far. One task at a time uses it: the import's, or
    /// the child task that counts a batch while the line writer takes the same batch, which the
    /// import awaits before it touches the counts again.
    final class Counts: @unchecked Sendable {
        /// Parts by site, each growing on its own: one table of half a million totals would,
        /// while it doubles, hold its old and its new storage at once.
        private static let partCount = 64
        private let spillThreshold: Int
        var parts: [TallyTable] = Array(repeating: TallyTable(), count: Counts.partCount)
        var items: Interned, owners: Interned, newSites = Interned()
        private(set) var spill: TallySpill?

        /// - Parameters:
        ///   - items: the catalogue's codes, sorted.
        ///   - owners: every organisation's code, in the order of their ids.
        init(spillThreshold: Int, items: [String], owners: [String]) {
            self.spillThreshold = spillThreshold
            (self.items, self.owners) = (Interned(items), Interned(owners))
        }

        /// Adds the batch's available stock; past `spillThreshold` keys, sets the totals so far
        /// aside as a sorted run.
        func add(_ rows: [StockReportScanner.Row]) throws {
            // Moved out for the batch, so each row's changes are to locals, not checked accesses
            // to this object's properties.
            var (parts, items, owners, newSites) = (self.parts, self.items, self.owners, self.newSites)
            (self.parts, self.items, self.owners, self.newSites) = ([], Interned(), Interned(), Interned())
            defer { (self.parts, self.items, self.owners, self.newSites) = (parts, items, owners, newSites) }
            for index in rows.indices {
                guard let row = rows[index].checked, row.status == .available else { continue }
                let site: Int64
                switch row.site {
                case .existing(let id): site = id
                case .moved(let move): site = move.id
                case .new(let new): site = -Int64(newSites.index(new.code) + 1)
                }
                let item = items.index(row.itemCode), owner = owners.index(row.ownerOrg)
                guard item < TallyKey.numberLimit, owner < TallyKey.numberLimit else {
                    throw DomainError.internalFailure("a report may name at most \(TallyKey.numberLimit) items and as many owners")
                }
                let key = TallyKey(site: site, item: item, owner: owner, expiry: row.expiry)
                parts[Int(truncatingIfNeeded: site) & (Self.partCount - 1)].add(
                    key, TallySum(milli: row.quantity.milli, latest: row.reportedAt))
            }
            if parts.reduce(0, { $0 + $1.count }) >= spillThreshold {
                let run = Self.sortedRun(of: &parts)
                if spill == nil { spill = try TallySpill() }
                try spill!.write(run)
            }
        }

        /// Every part's totals in one sorted run, each part freed as soon as it is read.
        static func sortedRun(of parts: inout [TallyTable]) -> [TallyEntry] {
            var run: [TallyEntry] = []
            run.reserveCapacity(parts.reduce(0) { $0 + $1.count })
            for index in parts.indices {
                parts[index].forEach { run.append(($0, $1)) }
                parts[index] = TallyTable()
            }
            run.sort { $0.key < $1.key }
            return run
        }
    }
}
