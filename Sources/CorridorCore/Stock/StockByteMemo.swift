/// The quick check's memory of site, item and owner verdicts for one import, keyed by the exact
/// bytes of the cells each verdict depends on. A verdict is kept only when it is clean (no
/// problem, no warning); a key whose verdict is not clean is remembered as such, so its rows go
/// to the full check, which words the problems. Only valid with one unchanging
/// `StockReportContext`, which it holds. Bounded: a table is cleared when full.
public final class StockByteMemo {
    struct Site {
        var reference: SiteReference
        var hash: Int
    }

    struct Code {
        var code: String
        var hash: Int
    }

    private let siteFields = StockFieldGroup(.siteCode, .siteName, .country, .lat, .lon, .adm1)
    private let itemFields = StockFieldGroup(.itemCode, .itemName, .unit)
    private let ownerFields = StockFieldGroup(.orgCode, .orgName)
    static let capacity = 50_000

    private var sites = ByteKeyTable<Site?>()
    private var items = ByteKeyTable<Code?>()
    private var owners = ByteKeyTable<Code?>()
    let context: StockReportContext
    /// Read on every row; copying it out of `context` would copy the whole context.
    let today: Day

    public init(context: StockReportContext) {
        self.context = context
        today = context.today
    }

    func site(_ cells: StockCellBytes) -> Site? {
        lookUp(&sites, siteFields, cells) {
            var clean = true
            let site = StockRowChecker.resolveSite(cells.text, context: self.context, fail: { _, _ in clean = false },
                                                   warn: { _, _ in clean = false })
            guard clean, let site else { return nil }
            return Site(reference: site, hash: site.hashValue)
        }
    }

    func item(_ cells: StockCellBytes) -> Code? {
        lookUp(&items, itemFields, cells) {
            var clean = true
            let item = StockRowChecker.resolveItem(cells.text(.itemCode), cells.text(.itemName), context: self.context,
                                                   fail: { _, _ in clean = false })
            guard clean, let item else { return nil }
            if let unit = cells.text(.unit), !UnitNames.same(unit, item.unit) { return nil }
            return Code(code: item.code, hash: item.code.hashValue)
        }
    }

    func owner(_ cells: StockCellBytes) -> Code? {
        lookUp(&owners, ownerFields, cells) {
            var clean = true
            let owner = StockRowChecker.resolveOwner(cells.text(.orgCode), cells.text(.orgName), context: self.context,
                                                     fail: { _, _ in clean = false })
            return clean ? Code(code: owner, hash: owner.hashValue) : nil
        }
    }

    /// The verdict for the cells of `fields`, resolved on first sight.
    private func lookUp<Value>(_ table: inout ByteKeyTable<Value?>, _ fields: StockFieldGroup, _ cells: StockCellBytes,
                               resolve: () -> Value?) -> Value? {
        let hash = cells.hash(fields)
        if let known = table.find(parts: fields.count, { cells[fields[$0]] }, hash: hash) { return known }
        // A cell that a spreadsheet would run as a formula gets a warning from the full check.
        let formula = (0..<fields.count).contains { index in
            let field = fields[index]
            guard let first = cells[field].first, FormulaCells.startsLikeFormula(first) else { return false }
            return FormulaCells.looksLikeFormula(cells.raw(field))
        }
        let verdict = formula ? nil : resolve()
        if table.count >= Self.capacity { table.removeAll() }
        table.insert(parts: fields.count, { cells[fields[$0]] }, hash: hash, value: verdict)
        return verdict
    }
}
