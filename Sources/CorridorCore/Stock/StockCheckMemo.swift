/// Remembers, for one import, the verdicts of checks that depend only on a few cells' text. A
/// report repeats the same site, item and owner on thousands of rows; resolving a site
/// (upper-casing, dictionary look-ups, two coordinates parsed, a bounding box) cost more than
/// reading the row. A verdict keeps its problems and warnings as (field, message) so that each
/// row still gets them with its own row number and column, in the same order as unmemoised.
///
/// Only valid with one unchanging `StockReportContext`. Bounded: cleared when full.
public final class StockCheckMemo {
    typealias Notes = [(field: StockField, message: Phrase)]

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

    func site(_ key: SiteKey, _ resolve: () -> SiteVerdict) -> SiteVerdict { Self.remember(key, in: &sites, resolve) }
    func item(_ key: PairKey, _ resolve: () -> ItemVerdict) -> ItemVerdict { Self.remember(key, in: &items, resolve) }
    func owner(_ key: PairKey, _ resolve: () -> (owner: String, problems: Notes)) -> (owner: String, problems: Notes) {
        Self.remember(key, in: &owners, resolve)
    }

    /// Only cells that start like a formula reach here; "-1.25" (a longitude) is the usual one.
    func looksLikeFormula(_ text: String) -> Bool {
        Self.remember(text, in: &formulas) { FormulaCells.looksLikeFormula(text) }
    }

    private static func remember<Key: Hashable, Value>(_ key: Key, in table: inout [Key: Value], _ resolve: () -> Value) -> Value {
        if let known = table[key] { return known }
        if table.count >= capacity { table.removeAll(keepingCapacity: true) }
        let verdict = resolve()
        table[key] = verdict
        return verdict
    }
}
