/// Remembers, for one import, the verdicts of checks that depend only on a few cells' text. A
/// report repeats the same site, item and owner on thousands of rows; resolving a site
/// (upper-casing, dictionary look-ups, two coordinates parsed, a bounding box) cost more than
/// reading the row. A verdict keeps its problems and warnings as (field, message) so that each
/// row still gets them with its own row number and column, in the same order as unmemoised.
///
/// Only valid with one unchanging `StockReportContext`. Bounded: cleared when full.
public final class StockCheckMemo {
    typealias Notes = [(field: StockField, message: String)]

    struct SiteKey: Hashable {
        var code, name, country, lat, lon, adm1: String?
    }

    struct SiteVerdict {
        var site: SiteReference?
        var problems: Notes
        var warnings: Notes
    }

    /// A code and a name column, either of which may be absent.
    struct PairKey: Hashable {
        var code, name: String?
    }

    struct ItemVerdict {
        var item: Item?
        var problems: Notes
    }

    static let capacity = 50_000

    var sites: [SiteKey: SiteVerdict] = [:]
    var items: [PairKey: ItemVerdict] = [:]
    var owners: [PairKey: (owner: String, problems: Notes)] = [:]
    var formulas: [String: Bool] = [:]

    public init() {}

    func site(_ key: SiteKey, _ resolve: () -> SiteVerdict) -> SiteVerdict {
        if let known = sites[key] { return known }
        if sites.count >= Self.capacity { sites.removeAll(keepingCapacity: true) }
        let verdict = resolve()
        sites[key] = verdict
        return verdict
    }

    func item(_ key: PairKey, _ resolve: () -> ItemVerdict) -> ItemVerdict {
        if let known = items[key] { return known }
        if items.count >= Self.capacity { items.removeAll(keepingCapacity: true) }
        let verdict = resolve()
        items[key] = verdict
        return verdict
    }

    func owner(_ key: PairKey, _ resolve: () -> (owner: String, problems: Notes)) -> (owner: String, problems: Notes) {
        if let known = owners[key] { return known }
        if owners.count >= Self.capacity { owners.removeAll(keepingCapacity: true) }
        let verdict = resolve()
        owners[key] = verdict
        return verdict
    }

    /// Only cells that start like a formula reach here; "-1.25" (a longitude) is the usual one.
    func looksLikeFormula(_ text: String) -> Bool {
        if let known = formulas[text] { return known }
        if formulas.count >= Self.capacity { formulas.removeAll(keepingCapacity: true) }
        let verdict = FormulaCells.looksLikeFormula(text)
        formulas[text] = verdict
        return verdict
    }
}
