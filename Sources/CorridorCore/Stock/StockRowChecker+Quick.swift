extension StockRowChecker {
    /// A row the quick check accepted, and its fingerprint for spotting repeated rows.
    public struct QuickOutcome: Sendable, Equatable {
        public var row: CheckedStockRow
        public var fingerprint: Int
    }

    /// Checks a row straight from its bytes when it has the shape nearly every row of a machine
    /// export has: whole-number quantity, ISO dates, a status word as written by Corridor, and a
    /// site, item and owner already seen clean in this report. Returns nil for any other row, which
    /// then takes the full `check`; a row accepted here is exactly the row `check` would accept
    /// with no problem and no warning, so the outcome never depends on which path a row took.
    public static func quickCheck(_ cells: StockCellBytes, memo: StockByteMemo) -> QuickOutcome? {
        let today = memo.today
        guard let site = memo.site(cells), let item = memo.item(cells), let owner = memo.owner(cells),
              let units = CellBytes.wholeNumber(cells[.quantity]) else { return nil }
        var status = StockStatus.available
        if !cells[.status].isEmpty {
            guard let word = CellBytes.status(cells[.status]) else { return nil }
            status = word
        }
        var expiry: Day?
        if !cells[.expiryDate].isEmpty {
            // An expiry in the past is a warning: the full check words it.
            guard let day = CellBytes.isoDay(cells[.expiryDate]), day >= today else { return nil }
            expiry = day
        }
        var reportedAt = today
        if !cells[.reportedDate].isEmpty {
            guard let day = CellBytes.isoDay(cells[.reportedDate]), day <= today else { return nil }
            reportedAt = day
        }
        var batch: String?
        if !cells[.batch].isEmpty {
            guard CellBytes.isPlainText(cells[.batch]) else { return nil }
            batch = String(decoding: cells[.batch], as: UTF8.self)
        }
        let row = CheckedStockRow(site: site.reference, itemCode: item.code, ownerOrg: owner.code, quantity: Quantity(units: units),
                                  status: status, expiry: expiry, batch: batch, reportedAt: reportedAt)
        return QuickOutcome(row: row, fingerprint: fingerprint(siteHash: site.hash, itemHash: item.hash, ownerHash: owner.hash,
                                                               batch: batch, expiry: expiry, status: status))
    }

    /// Equal for rows of the same site, item, owner, batch, expiry and status (the duplicate-row warning).
    public static func fingerprint(_ row: CheckedStockRow) -> Int {
        fingerprint(siteHash: row.site.hashValue, itemHash: row.itemCode.hashValue, ownerHash: row.ownerOrg.hashValue,
                    batch: row.batch, expiry: row.expiry, status: row.status)
    }

    static func fingerprint(siteHash: Int, itemHash: Int, ownerHash: Int, batch: String?, expiry: Day?, status: StockStatus) -> Int {
        var hasher = Hasher()
        hasher.combine(siteHash)
        hasher.combine(itemHash)
        hasher.combine(ownerHash)
        hasher.combine(batch)
        hasher.combine(expiry)
        hasher.combine(status)
        return hasher.finalize()
    }
}

/// Cell readings for the quick check. Each accepts only the plainest form of its value and
/// returns nil for anything else, which the full check then reads with all its rules.
enum CellBytes {
    /// 1 to 15 ASCII digits, as `Quantity.parse` reads them first.
    static func wholeNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard (1...15).contains(bytes.count) else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        return value
    }

    /// YYYY-MM-DD exactly, a real calendar day.
    static func isoDay(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        var digits = 0, year = 0, month = 0, day = 0
        for index in [0, 1, 2, 3, 5, 6, 8, 9] {
            let byte = b[index]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let digit = Int(byte - 0x30)
            switch digits {
            case 0..<4: year = year * 10 + digit
            case 4..<6: month = month * 10 + digit
            default: day = day * 10 + digit
            }
            digits += 1
        }
        return Day(year: year, month: month, day: day)
    }

    private static let statusWords: [(word: [UInt8], status: StockStatus)] = StockStatus.allCases.map { (Array($0.rawValue.utf8), $0) }

    /// The status words exactly as Corridor writes them.
    static func status(_ bytes: UnsafeBufferPointer<UInt8>) -> StockStatus? {
        statusWords.first { $0.word.elementsEqual(bytes) }?.status
    }

    /// Text needing no trimming and not starting like a formula.
    static func isPlainText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 { return false }
        return !String.isSpace(first) && !String.isSpace(last) && last != 0xA0
    }
}
