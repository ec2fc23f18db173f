import CorridorCore
import CorridorLanguages
import Foundation

/// Rows and options that several pages share.

/// One line of text in a list, such as a problem with its place.
struct TextRow: Sendable {
    let text: String

    static func located(_ problems: [Problem]) -> [TextRow] { problems.map { TextRow(text: Localizer.current.located($0)) } }
}

/// An organisation (or other) code in a list or a select.
struct CodeRow: Sendable {
    let code: String

    static func list(_ codes: [String]) -> [CodeRow] { codes.map(CodeRow.init) }
}

/// An option of a select whose text is its value.
struct ValueRow: Sendable {
    let value: String
}

/// An option of a select whose text is its value, marked when chosen.
struct Choice: Sendable {
    let value: String
    let selected: Bool
}

/// An option of a select with its own text.
struct LabelledValue: Sendable {
    let value: String
    let label: String
}

/// An option of a select with its own text, marked when chosen.
struct LabelledChoice: Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// A country in a select, marked when chosen.
struct CountryChoice: Sendable {
    let alpha2: String
    let name: String
    let selected: Bool

    /// Every country by name, `selected` (a code, any case) marked: what a country field offers,
    /// so no one types a code that means another country.
    static func list(_ countries: [Country], selected: String?) -> [CountryChoice] {
        let chosen = selected?.uppercased()
        let localizer = Localizer.current
        let rows = countries.map {
            CountryChoice(alpha2: $0.alpha2, name: localizer.country($0.alpha2, or: $0.name), selected: $0.alpha2 == chosen)
        }
        // Names in another language no longer follow the English order: sort them as its reader would.
        guard localizer.language != .en else { return rows }
        let locale = Locale(identifier: localizer.language.rawValue)
        return rows.sorted {
            $0.name.compare($1.name, options: [.caseInsensitive, .diacriticInsensitive], locale: locale) == .orderedAscending
        }
    }
}

/// A problem with a form field.
struct FieldProblem: Sendable {
    let field: String
    let problem: String

    static func list(_ error: DomainError?) -> [FieldProblem] {
        (error?.problems ?? []).map { FieldProblem(field: $0.field ?? "", problem: Localizer.current.string($0.phrase)) }
    }
}

/// A problem in a row of an uploaded file.
struct RowProblem: Sendable {
    let row: String
    let column: String
    let problem: String

    init(_ problem: Problem) {
        row = problem.row.map(String.init) ?? ""
        column = problem.column ?? problem.field ?? ""
        self.problem = Localizer.current.string(problem.phrase)
    }
}

/// Words for a code that is not an enum of its own (a hazard, an item family): `tropical_cyclone`
/// reads "tropical cyclone".
enum CodeWords {
    static func of(_ code: String) -> String { code.replacingOccurrences(of: "_", with: " ") }
}

/// An option of a select whose value and text differ, marked when chosen.
struct ChoiceRow: Sendable {
    let value: String
    let text: String
    let selected: Bool
}

/// Which rows of a long list a page shows, with links to the pages before and after.
struct ListPaging: Sendable {
    let range: Range<Int>
    let total: Int
    let previous: String?
    let next: String?
    // Stored, not computed: templates read a view's stored properties only.
    let first: Int
    let last: Int
    let several: Bool

    /// Page `page` (from 1) of `count` rows, `size` a page; a page past the end shows the last one.
    /// `link` gives a page's address.
    init(page: Int, of count: Int, size: Int, link: (Int) -> String) {
        let pages = max(1, (count + size - 1) / size)
        let page = min(max(page, 1), pages)
        range = (page - 1) * size..<min(page * size, count)
        total = count
        previous = page > 1 ? link(page - 1) : nil
        next = page < pages ? link(page + 1) : nil
        (first, last, several) = (range.lowerBound + 1, range.upperBound, pages > 1)
    }
}
