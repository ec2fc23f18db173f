import CorridorCore

/// The quick check's memory of site, item and owner verdicts for one import, keyed by the exact
/// bytes of the cells each verdict depends on. A verdict is kept only when it is clean (no
/// problem, no warning); a key whose verdict is not clean is remembered as such, so its rows go
/// to the full check, which words the problems. Only valid with one unchanging
/// `StockReportContext`, which it holds, and for one report: its keys are read through the
/// report's columns. Bounded: a table is cleared when full.
public final class StockByteMemo {
    struct Site {
        var reference: SiteReference
        var hash: Int
    }

    struct Code {
        var code: String
        var hash: Int

        /// With a copy of `code` that only this memo's thread holds: every checked row holds the
        /// code, and rows checked on several threads counting references to one shared string
        /// kept its memory bouncing between cores.
        init(private code: String) {
            self.code = String(decoding: Array(code.utf8), as: UTF8.self)
            hash = code.hashValue
        }
    }

    /// Below `ByteKeyTable.maximumCount`.
    static let capacity = 50_000

    private let sites = ByteKeyTable<Site?>()
    private let items = ByteKeyTable<Code?>()
    private let owners = ByteKeyTable<Code?>()
    private let scratch = KeyScratch()
    // Kept here: reading a `static let` checks every time that it was initialised.
    private let siteGroup = StockFieldGroup.site, itemGroup = StockFieldGroup.item, ownerGroup = StockFieldGroup.owner
    let context: StockReportContext
    /// Read on every row; copying it out of `context` would copy the whole context.
    let today: Day

    public init(context: StockReportContext) {
        self.context = context
        today = context.today
    }

    // The verdicts are resolved by closures that capture nothing and are handed the memo: one
    // that captured `self` cost a retain and a release of the memo on every look-up, found or not.
    func site(_ cells: StockCellBytes) -> Site? {
        lookUp(sites, siteGroup, cells) { memo, cells in
            var clean = true
            let site = StockRowChecker.resolveSite(
                cells.text, context: memo.context, fail: { _, _ in clean = false },
                warn: { _, _ in clean = false })
            guard clean, let site else { return nil }
            return Site(reference: site, hash: site.hashValue)
        }
    }

    func item(_ cells: StockCellBytes) -> Code? {
        lookUp(items, itemGroup, cells) { memo, cells in
            var clean = true
            let item = StockRowChecker.resolveItem(
                cells.text(.itemCode), cells.text(.itemName), context: memo.context,
                fail: { _, _ in clean = false })
            guard clean, let item else { return nil }
            if let unit = cells.text(.unit), !UnitNames.same(unit, item.unit) { return nil }
            return Code(private: item.code)
        }
    }

    func owner(_ cells: StockCellBytes) -> Code? {
        lookUp(owners, ownerGroup, cells) { memo, cells in
            var clean = true
            let owner = StockRowChecker.resolveOwner(
                cells.text(.orgCode), cells.text(.orgName), context: memo.context,
                fail: { _, _ in clean = false })
            return clean ? Code(private: owner) : nil
        }
    }

    /// The verdict for the cells of `group`, resolved on first sight.
    private func lookUp<Value>(
        _ table: ByteKeyTable<Value?>, _ group: StockFieldGroup, _ cells: StockCellBytes,
        resolve: (StockByteMemo, StockCellBytes) -> Value?
    ) -> Value? {
        let key = cells.key(group, scratch: scratch)
        let hash = ByteHash.of(key)
        if let known = table.find(key, hash: hash) { return known }
        // A cell that a spreadsheet would run as a formula gets a warning from the full check.
        let formula = (0..<group.count).contains { index in
            let field = group[index]
            guard let first = cells[field].first, FormulaCells.startsLikeFormula(first) else { return false }
            return FormulaCells.looksLikeFormula(cells.raw(field))
        }
        let verdict = formula ? nil : resolve(self, cells)
        if table.count >= Self.capacity { table.removeAll() }
        table.insert(key, hash: hash, value: verdict)
        return verdict
    }
}
