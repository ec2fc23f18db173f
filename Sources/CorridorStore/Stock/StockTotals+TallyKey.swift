import CorridorCore

extension StockTotals {
    /// A total's key in two words: a million lines sum into about half as many totals, all held
    /// until the import ends, so each byte of a key counts.
    struct TallyKey: Hashable, Comparable {
        /// A stored site's id, or the negated position (from 1) of a new site's code.
        var site: Int64
        /// The item's number (20 bits), the owner's number (20 bits) and the expiry (24 bits, 0 for
        /// none). Once `finish` renumbers items by code and owners by id, keys sort as the
        /// table's primary key does: site, item code, owner, expiry.
        var rest: UInt64

        /// Items or owners one report may name.
        static let numberLimit: Int32 = 1 << 20
        /// Makes 1900-01-01, the earliest day `Day` holds, 1.
        private static let expiryOffset = 25_568

        init(site: Int64, item: Int32, owner: Int32, expiry: Day?) {
            self.site = site
            let day = expiry.map { UInt64($0.ordinal + Self.expiryOffset) } ?? 0
            rest = UInt64(item) << 44 | UInt64(owner) << 24 | day
        }

        var item: Int { Int(rest >> 44) }
        var owner: Int { Int(rest >> 24 & 0xF_FFFF) }
        var expiry: Day? {
            let day = Int(rest & 0xFF_FFFF)
            return day == 0 ? nil : Day(ordinal: day - Self.expiryOffset)
        }

        /// The same key with its item and owner numbers replaced.
        func renumbered(items: [Int32], owners: [Int32]) -> TallyKey {
            TallyKey(site: site, rest: UInt64(items[item]) << 44 | UInt64(owners[owner]) << 24 | rest & 0xFF_FFFF)
        }

        private init(site: Int64, rest: UInt64) {
            (self.site, self.rest) = (site, rest)
        }

        func with(site: Int64) -> TallyKey { TallyKey(site: site, rest: rest) }

        static func < (lhs: TallyKey, rhs: TallyKey) -> Bool {
            lhs.site != rhs.site ? lhs.site < rhs.site : lhs.rest < rhs.rest
        }
    }

    struct TallySum {
        var milli: Int64
        var latest: Day

        mutating func add(_ other: TallySum) {
            milli += other.milli
            latest = max(latest, other.latest)
        }
    }

    typealias TallyEntry = (key: TallyKey, sum: TallySum)

    /// Sorted runs merged into one run in key order, the sums of equal keys added up: the
    /// tally's parts (each its own sites) and the totals other organisations reported there.
    struct TallyMerge: IteratorProtocol {
        private var runs: [[TallyEntry]]
        private var positions: [Int]
        /// Run indexes, a binary min-heap by each run's next key.
        private var heap: [Int] = []

        init(_ runs: [[TallyEntry]]) {
            self.runs = runs
            positions = Array(repeating: 0, count: runs.count)
            for run in runs.indices where !runs[run].isEmpty { push(run) }
        }

        mutating func next() -> TallyEntry? {
            guard var entry = pop() else { return nil }
            while let run = heap.first, head(run) == entry.key, let same = pop() { entry.sum.add(same.sum) }
            return entry
        }

        private func head(_ run: Int) -> TallyKey { runs[run][positions[run]].key }

        private mutating func pop() -> TallyEntry? {
            guard let run = heap.first else { return nil }
            let entry = runs[run][positions[run]]
            positions[run] += 1
            if positions[run] == runs[run].count {
                runs[run] = []
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
            return entry
        }

        private mutating func push(_ run: Int) {
            heap.append(run)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard head(heap[child]) < head(heap[parent]) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        }

        private mutating func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1, right = left + 1
                var least = parent
                if left < heap.count, head(heap[left]) < head(heap[least]) { least = left }
                if right < heap.count, head(heap[right]) < head(heap[least]) { least = right }
                guard least != parent else { return }
                heap.swapAt(parent, least)
                parent = least
            }
        }
    }

    /// Codes numbered in the order first met, so keys hold a number instead of the code.
    struct Interned {
        private var numbers: [String: Int32] = [:]
        private(set) var values: [String] = []

        /// The last code asked: rows in a row mostly repeat it (one owner, one site's items).
        private var last: (code: String, number: Int32)?

        mutating func index(_ code: String) -> Int32 {
            if let last, last.code == code { return last.number }
            if let number = numbers[code] {
                last = (code, number)
                return number
            }
            let number = Int32(values.count)
            numbers[code] = number
            values.append(code)
            last = (code, number)
            return number
        }
    }
}
