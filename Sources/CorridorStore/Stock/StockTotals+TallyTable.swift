import CorridorCore
import CorridorIngest

extension StockTotals {
    /// Totals by key for the tally: open addressing, linear probing, keyed by a cheap mix of the
    /// key's two words. A `Dictionary` hashed every row's key with SipHash, which took a fifth of
    /// the counting. An empty slot holds the site `Int64.min`, which no key names: stored sites
    /// count from 1 and new sites from -1.
    struct TallyTable {
        private var keys: [TallyKey] = []
        private var sums: [TallySum] = []
        private(set) var count = 0
        private static var empty: Int64 { .min }

        /// Adds `sum` to the total of `key`.
        mutating func add(_ key: TallyKey, _ sum: TallySum) {
            if count * 4 >= keys.count * 3 { grow() }
            let mask = keys.count - 1
            var slot = Self.slot(of: key) & mask
            keys.withUnsafeMutableBufferPointer { keys in
                sums.withUnsafeMutableBufferPointer { sums in
                    while true {
                        if keys[slot] == key {
                            sums[slot].add(sum)
                            return
                        }
                        if keys[slot].site == Self.empty {
                            (keys[slot], sums[slot]) = (key, sum)
                            count += 1
                            return
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }

        /// Calls `body` with every total, in no order.
        func forEach(_ body: (TallyKey, TallySum) -> Void) {
            for slot in keys.indices where keys[slot].site != Self.empty { body(keys[slot], sums[slot]) }
        }

        private static func slot(of key: TallyKey) -> Int {
            Int(truncatingIfNeeded: ByteHash.mix(ByteHash.mix(UInt64(bitPattern: key.site)) ^ key.rest))
        }

        private mutating func grow() {
            let (oldKeys, oldSums) = (keys, sums)
            keys = Array(repeating: TallyKey(site: Self.empty, item: 0, owner: 0, expiry: nil), count: max(1024, oldKeys.count * 2))
            sums = Array(repeating: TallySum(milli: 0, latest: Day(ordinal: 0)), count: keys.count)
            count = 0
            for slot in oldKeys.indices where oldKeys[slot].site != Self.empty { add(oldKeys[slot], oldSums[slot]) }
        }
    }
}
