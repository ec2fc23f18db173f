import Foundation

/// Where a checked row's stock is: a site the organisation has, or one the report introduces.
public enum SiteReference: Sendable, Equatable, Hashable {
    case existing(id: Int64)
    /// An existing site that the report places elsewhere: the import moves it there.
    case moved(SiteMove)
    case new(NewSite)

    /// The id of a site already registered.
    public var existingID: Int64? {
        switch self {
        case .existing(let id): id
        case .moved(let move): move.id
        case .new: nil
        }
    }
}

/// A registered site and the coordinates a report gives it. A reference, so that a checked row
/// stays as small as with an existing site.
public final class SiteMove: Sendable, Hashable {
    public let id: Int64
    public let lat: Double
    public let lon: Double

    public init(id: Int64, lat: Double, lon: Double) { (self.id, self.lat, self.lon) = (id, lat, lon) }

    public static func == (a: SiteMove, b: SiteMove) -> Bool { a === b || (a.id, a.lat, a.lon) == (b.id, b.lat, b.lon) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(lat)
        hasher.combine(lon)
    }
}

/// Immutable and shared: a report names the same new site on thousands of rows, and a reference
/// keeps each checked row small to copy.
public final class NewSite: Sendable, Hashable {
    public let code: String
    public let name: String
    public let country: String
    public let adm1: String?
    public let lat: Double
    public let lon: Double

    public init(code: String, name: String, country: String, adm1: String?, lat: Double, lon: Double) {
        (self.code, self.name, self.country, self.adm1, self.lat, self.lon) = (code, name, country, adm1, lat, lon)
    }

    public static func == (a: NewSite, b: NewSite) -> Bool {
        a === b || (a.code, a.name, a.country, a.adm1, a.lat, a.lon) == (b.code, b.name, b.country, b.adm1, b.lat, b.lon)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(name)
        hasher.combine(country)
        hasher.combine(adm1)
        hasher.combine(lat)
        hasher.combine(lon)
    }
}

/// A row that passed every check, ready to store.
public struct CheckedStockRow: Sendable, Equatable {
    public var site: SiteReference
    public var itemCode: String
    public var ownerOrg: String
    public var quantity: Quantity
    public var status: StockStatus
    public var expiry: Day?
    public var batch: String?
    public var reportedAt: Day
}

extension CheckedStockRow {
    /// A row made in another module. It calls the memberwise initialiser, which builds the row
    /// from its arguments in place: a written initialiser copied every reference in the row once
    /// more and released the copy, on each of a million rows.
    package static func make(
        site: consuming SiteReference, itemCode: consuming String, ownerOrg: consuming String, quantity: Quantity, status: StockStatus,
        expiry: Day?, batch: consuming String?, reportedAt: Day
    ) -> CheckedStockRow {
        CheckedStockRow(
            site: site, itemCode: itemCode, ownerOrg: ownerOrg, quantity: quantity, status: status, expiry: expiry, batch: batch,
            reportedAt: reportedAt)
    }
}

/// The rules for one stock report row. Every problem of the row is reported, not just the first;
/// warnings (an expiry in the past, coordinates outside the country) never block an import.
public enum StockRowChecker {
    public struct Outcome: Sendable {
        public var row: CheckedStockRow?
        public var problems: [Problem]
        public var warnings: [Problem]
    }

    /// Stock past its expiry is reported with a warning: it may no longer be usable.
    @inlinable package static func hasExpired(_ expiry: Day, today: Day) -> Bool { expiry < today }

    /// A report cannot describe stock on a day that has not come yet.
    @inlinable package static func isInFuture(_ reported: Day, today: Day) -> Bool { reported > today }

    /// - Parameter memo: verdicts remembered from earlier rows of the same report and context;
    ///   the outcome is the same with or without it (without, a fresh one serves this row).
    public static func check(
        _ cells: StockCells, rowNumber: Int, context: StockReportContext,
        memo: StockCheckMemo? = nil
    ) -> Outcome {
        let memo = memo ?? StockCheckMemo()
        var problems: [Problem] = []
        var warnings: [Problem] = []
        func text(_ field: StockField) -> String? {
            guard let value = cells[field]?.text.trimmedCell, !value.isEmpty else { return nil }
            return value
        }
        func fail(_ field: StockField, _ message: Phrase) {
            problems.append(Problem(row: rowNumber, column: cells[field]?.column, field: field.rawValue, problem: message))
        }
        func warn(_ field: StockField, _ message: Phrase) {
            warnings.append(Problem(row: rowNumber, column: cells[field]?.column, field: field.rawValue, problem: message))
        }
        for (field, cell) in cells where field != .quantity {
            guard let first = cell.text.utf8.first, FormulaCells.startsLikeFormula(first) else { continue }
            if memo.looksLikeFormula(cell.text) {
                warn(field, "'\(cell.text)' looks like a spreadsheet formula; it is kept as plain text and never evaluated")
            }
        }

        let itemCode = text(.itemCode), itemName = text(.itemName)
        let itemVerdict = memo.item(.init(code: itemCode, name: itemName)) {
            var notes: StockCheckMemo.Notes = []
            let item = resolveItem(itemCode, itemName, context: context, fail: { notes.append(($0, $1)) })
            return .init(item: item, problems: notes)
        }
        for note in itemVerdict.problems { fail(note.field, note.message) }
        let item = itemVerdict.item
        let quantity = parseQuantity(text(.quantity), fail: fail)
        if let item, let unit = text(.unit), !UnitNames.same(unit, item.unit) {
            fail(
                .unit,
                "the catalogue counts \(item.name) in '\(item.unit)', not '\(unit)'; convert the quantity or map your item to another catalogue item"
            )
        }
        let status: StockStatus
        if let raw = text(.status) {
            status = StockStatus.parse(raw) ?? .available
            if StockStatus.parse(raw) == nil { fail(.status, "'\(raw)' is not a status: use available, reserved or damaged") }
        } else {
            status = .available
        }
        let expiry = text(.expiryDate).flatMap { raw -> Day? in
            guard let day = parseDay(raw, context: context) else {
                fail(.expiryDate, "'\(raw)' is not a date: write it as YYYY-MM-DD"); return nil
            }
            if hasExpired(day, today: context.today) { warn(.expiryDate, "expired on \(day)") }
            return day
        }
        var reportedAt = context.today
        if let raw = text(.reportedDate) {
            if let day = parseDay(raw, context: context) {
                if isInFuture(day, today: context.today) { fail(.reportedDate, "\(day) is in the future") } else { reportedAt = day }
            } else {
                fail(.reportedDate, "'\(raw)' is not a date: write it as YYYY-MM-DD")
            }
        }
        let orgCode = text(.orgCode), orgName = text(.orgName)
        let ownerVerdict = memo.owner(.init(code: orgCode, name: orgName)) {
            var notes: StockCheckMemo.Notes = []
            let owner = resolveOwner(orgCode, orgName, context: context, fail: { notes.append(($0, $1)) })
            return (owner, notes)
        }
        for note in ownerVerdict.problems { fail(note.field, note.message) }
        let owner = ownerVerdict.owner
        let siteKey = StockCheckMemo.SiteKey(
            code: text(.siteCode), name: text(.siteName), country: text(.country),
            lat: text(.lat), lon: text(.lon), adm1: text(.adm1))
        let siteVerdict = memo.site(siteKey) {
            var problems: StockCheckMemo.Notes = [], warnings: StockCheckMemo.Notes = []
            let site = resolveSite(
                text, context: context, fail: { problems.append(($0, $1)) },
                warn: { warnings.append(($0, $1)) })
            return .init(site: site, problems: problems, warnings: warnings)
        }
        for note in siteVerdict.problems { fail(note.field, note.message) }
        for note in siteVerdict.warnings { warn(note.field, note.message) }
        let site = siteVerdict.site

        guard problems.isEmpty, let item, let quantity, let site else {
            return Outcome(row: nil, problems: problems, warnings: warnings)
        }
        let row = CheckedStockRow(
            site: site, itemCode: item.code, ownerOrg: owner, quantity: quantity, status: status,
            expiry: expiry, batch: text(.batch), reportedAt: reportedAt)
        return Outcome(row: row, problems: [], warnings: warnings)
    }

    package static func resolveItem(
        _ code: String?, _ name: String?, context: StockReportContext,
        fail: (StockField, Phrase) -> Void
    ) -> Item? {
        if let code {
            let key = code.uppercased()
            if let item = context.items[key] ?? context.aliases[key].flatMap({ context.items[$0.uppercased()] }) { return item }
            // A code a slip away from a catalogue code says more than the words of the row's name.
            var hint = NameSuggestions.closestCodes(to: code, among: context.itemCodes)
            if hint.isEmpty { hint = name.map { NameSuggestions.closest(to: $0, among: context.itemNames) } ?? [] }
            fail(
                .itemCode, "unknown item code '\(code)'\(suggestion(hint)); map your code to a catalogue item, or use a catalogue code"
            )
            return nil
        }
        if let name {
            if let code = context.itemsByName[name.lowercased()], let item = context.items[code.uppercased()] { return item }
            fail(.itemName, "unknown item '\(name)'\(suggestion(NameSuggestions.closest(to: name, among: context.itemNames)))")
            return nil
        }
        fail(.itemCode, "the row names no item (give #item+code or #item+name)")
        return nil
    }

    private static func suggestion(_ names: [String]) -> Phrase {
        names.isEmpty ? "" : Phrase(" — did you mean \(names.map { "'\($0)'" }.joined(separator: " / "))?")
    }

    private static func parseQuantity(_ raw: String?, fail: (StockField, Phrase) -> Void) -> Quantity? {
        guard let raw else { fail(.quantity, "the quantity is missing"); return nil }
        switch Quantity.parse(raw) {
        case .success(let quantity):
            if quantity < .zero { fail(.quantity, "'\(raw)' is negative"); return nil }
            return quantity
        case .failure(let problem):
            fail(.quantity, "'\(raw)' \(problem)")
            return nil
        }
    }

    private static func parseDay(_ raw: String, context: StockReportContext) -> Day? {
        Day.parse(raw, convention: context.dateConvention)
            ?? (context.acceptsSerialDates ? Day.fromSpreadsheetSerial(raw) : nil)
    }

    package static func resolveOwner(
        _ code: String?, _ name: String?, context: StockReportContext,
        fail: (StockField, Phrase) -> Void
    ) -> String {
        // People write an organisation's code where its name is asked and the other way round
        // ("Organisation = WFP"): either column accepts either, when it names one organisation.
        func known(_ text: String) -> String? {
            if context.organisations.contains(text.uppercased()) { return text.uppercased() }
            return context.organisationsByName[text.lowercased()]
        }
        if let code {
            if let owner = known(code) { return owner }
            fail(.orgCode, "unknown organisation code '\(code)'")
        } else if let name {
            if let owner = known(name) { return owner }
            fail(.orgName, "unknown organisation '\(name)': give its name or its code")
        }
        return context.reportingOrg
    }
}
