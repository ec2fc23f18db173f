import CorridorCore

extension StockTotals {
    /// A total's key in two words: a million lines sum into about half as many totals, in memory
    /// or set aside on disk until the import writes them, so each byte of a key counts.
    struct TallyKey: Hashable, Comparable {
        /// A stored site's id, or the negated position (from 1) of a new site's code.
        var site: Int64
        /// The item's number (20 bits), the owner's number (20 bits) and the expiry (24 bits, 0 for
        /// none). Items are numbered in the order of their codes and owners in the order of their
        /// ids, so keys sort as the totals table's primary key does.
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

        /// Sites in the order of their ids once stored: stored sites first, then new sites in the
        /// order first met, as the line writer stores them. So keys come out of a merge site by
        /// site, in the totals table's order, and its tree grows at one end.
        private var siteOrder: Int64 { site > 0 ? site : Int64.max / 2 - site }

        static func < (lhs: TallyKey, rhs: TallyKey) -> Bool {
            lhs.site != rhs.site ? lhs.siteOrder < rhs.siteOrder : lhs.rest < rhs.rest
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

    /// Codes numbered, so keys hold a number instead of the code: the codes given first in their
    /// order, any other in the order first met.
    struct Interned {
        private var numbers: [String: Int32] = [:]
        private(set) var values: [String] = []

        init(_ codes: [String] = []) {
            for code in codes where numbers[code] == nil {
                numbers[code] = Int32(values.count)
                values.append(code)
            }
        }

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
