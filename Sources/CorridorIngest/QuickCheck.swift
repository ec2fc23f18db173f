import CorridorCore

extension StockRowChecker {
    /// A row the quick check accepted, and its fingerprint for spotting repeated rows.
    public struct QuickOutcome: Sendable, Equatable {
        public var row: CheckedStockRow
        public var fingerprint: Int

        /// The scanner's row, made from this outcome as it ends, so that the checked row moves
        /// into it: read as a field of an outcome still alive, it was copied and the copy released.
        consuming func scannerRow(number: Int) -> StockReportScanner.Row {
            StockReportScanner.Row(number: number, checked: row, fingerprint: fingerprint, problems: [], warnings: [])
        }
    }

    /// Checks a row straight from its bytes when it has the shape nearly every row of a machine
    /// export has: whole-number quantity, ISO dates, a status word as written by Corridor, and a
    /// site, item and owner already seen clean in this report. Returns nil for any other row, which
    /// then takes the full `check`; a row accepted here is exactly the row `check` would accept
    /// with no problem and no warning, so the outcome never depends on which path a row took.
    public static func quickCheck(_ cells: StockCellBytes, memo: StockByteMemo) -> QuickOutcome? {
        let today = memo.today
        guard let site = memo.site(cells), let item = memo.item(cells), let owner = memo.owner(cells),
            let units = Quantity.wholeUnits(cells[.quantity])
        else { return nil }
        var status = StockStatus.available
        if !cells[.status].isEmpty {
            guard let word = CellBytes.status(cells[.status]) else { return nil }
            status = word
        }
        var expiry: Day?
        if !cells[.expiryDate].isEmpty {
            // An expiry in the past is a warning: the full check words it.
            guard let day = Day.iso(cells[.expiryDate]), !StockRowChecker.hasExpired(day, today: today) else { return nil }
            expiry = day
        }
        var reportedAt = today
        if !cells[.reportedDate].isEmpty {
            guard let day = Day.iso(cells[.reportedDate]), !StockRowChecker.isInFuture(day, today: today) else { return nil }
            reportedAt = day
        }
        var batch: String?
        if !cells[.batch].isEmpty {
            guard CellBytes.isPlainText(cells[.batch]) else { return nil }
            batch = String(decoding: cells[.batch], as: UTF8.self)
        }
        let fingerprint = fingerprint(
            siteHash: site.hash, itemHash: item.hash, ownerHash: owner.hash, batch: batch, expiry: expiry, status: status)
        // The verdicts are consumed into the row: read as fields of values still alive, each
        // reference was counted once more for the row and once less when the verdicts went.
        return QuickOutcome(
            row: CheckedStockRow.make(
                site: (consume site).reference, itemCode: (consume item).code, ownerOrg: (consume owner).code,
                quantity: Quantity(units: units), status: status, expiry: expiry, batch: consume batch, reportedAt: reportedAt),
            fingerprint: fingerprint)
    }

    /// Equal for rows of the same site, item, owner, batch, expiry and status (the duplicate-row warning).
    public static func fingerprint(_ row: CheckedStockRow) -> Int {
        fingerprint(
            siteHash: row.site.hashValue, itemHash: row.itemCode.hashValue, ownerHash: row.ownerOrg.hashValue,
            batch: row.batch, expiry: row.expiry, status: row.status)
    }

    static func fingerprint(siteHash: Int, itemHash: Int, ownerHash: Int, batch: String?, expiry: Day?, status: StockStatus) -> Int {
        // Mixed by hand: `Hasher` over six values cost as much as the rest of a quick check.
        var hash = ByteHash.mix(UInt64(bitPattern: Int64(siteHash)))
        hash = ByteHash.mix(hash ^ UInt64(bitPattern: Int64(itemHash)))
        hash = ByteHash.mix(hash ^ UInt64(bitPattern: Int64(ownerHash)))
        hash = ByteHash.mix(hash ^ UInt64(bitPattern: Int64(batch?.hashValue ?? 0x5A5A)))
        hash = ByteHash.mix(
            hash ^ UInt64(bitPattern: Int64(expiry.map { $0.year << 9 | $0.month << 5 | $0.day } ?? -1)) ^ UInt64(status.code) << 40)
        return Int(bitPattern: UInt(hash))
    }
}

/// Cell readings for the quick check. Each accepts only the plainest form of its value and
/// returns nil for anything else, which the full check then reads with all its rules.
enum CellBytes {
    /// The status words exactly as Corridor writes them (their lengths differ).
    static func status(_ bytes: UnsafeBufferPointer<UInt8>) -> StockStatus? {
        let status: StockStatus, word: StaticString
        switch bytes.count {
        case 9: (status, word) = (.available, "available")
        case 8: (status, word) = (.reserved, "reserved")
        case 7: (status, word) = (.damaged, "damaged")
        default: return nil
        }
        // Compared with the literal's bytes: `rawValue` made a String for every row.
        let expected = word.utf8Start
        for index in 0..<bytes.count where bytes[index] != expected[index] { return nil }
        return status
    }

    /// Text needing no trimming and not starting like a formula.
    static func isPlainText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        if FormulaCells.startsLikeFormula(first) { return false }
        return !String.isSpace(first) && !String.isSpace(last) && last != 0xA0
    }
}

extension StockStatus {
    /// A small number per status, for fingerprints.
    var code: Int {
        switch self {
        case .available: 1
        case .reserved: 2
        case .damaged: 3
        }
    }
}
