import CorridorCore
import Foundation

/// Speaks to one reader: their language's catalogue, and how their language and country write
/// numbers and dates. Pages get the request's localizer as `Localizer.current`.
public struct Localizer: Sendable {
    public let language: Language
    /// The reader's country (ISO 3166-1 alpha-2), when known: Spanish in Honduras writes 1,234.5,
    /// in Spain 1.234,5.
    public let region: String?
    let catalog: Catalog
    let names: ReferenceNames

    public init(language: Language, region: String? = nil, translations: Translations) {
        self.language = language
        self.region = region?.uppercased()
        self.catalog = translations.catalogs[language] ?? Catalog()
        self.names = translations.names[language] ?? ReferenceNames()
    }

    /// English, with nothing to look up: what the code says.
    public static let english = Localizer(language: .en, translations: Translations())

    @TaskLocal public static var current: Localizer = .english

    /// The phrase in the reader's language; English where the catalogue has no translation.
    public func string(_ phrase: Phrase) -> String {
        let arguments = phrase.arguments.map { argument in
            switch argument {
            case .text(let text): text
            case .phrase(let inner): string(inner)
            case .day(let iso): date(iso: iso)
            case .number(let plain): number(plain)
            }
        }
        return Phrase.fill(catalog[phrase.pattern] ?? phrase.pattern, with: arguments)
    }

    /// A catalogue entry with named placeholders (`{count}`), as templates use them; the values
    /// are filled in by the caller.
    public func template(_ key: String) -> String { catalog[key] ?? key }

    /// "ligne 12, colonne Quantité (#indicator+num) : doit être un nombre"
    public func located(_ problem: Problem) -> String {
        var parts: [String] = []
        if let row = problem.row { parts.append(string(Phrase("row \(row)"))) }
        if let column = problem.column { parts.append(string(Phrase("column \(column)"))) }
        if let field = problem.field { parts.append(string(Phrase("field \(field)"))) }
        let text = (problem.file.map { "\($0): " } ?? "") + string(problem.phrase)
        return parts.isEmpty ? text : parts.joined(separator: ", ") + colon + text
    }

    /// The message of an error as its reader reads it.
    public func message(_ error: DomainError) -> String {
        if case .invalid(let problems) = error, problems.count == 1 { return located(problems[0]) }
        return string(error.phrase)
    }

    /// French sets a space before a colon.
    var colon: String { language == .fr ? "\u{202F}: " : ": " }

    // MARK: Names from the reference data

    /// A country's name in the reader's language (from the iso-codes translations), else `english`.
    public func country(_ iso: String, or english: String) -> String { names.countries[iso.uppercased()] ?? english }

    /// A currency's name in the reader's language, else `english`.
    public func currency(_ code: String, or english: String) -> String { names.currencies[code.uppercased()] ?? english }

    /// A catalogue item's name in the reader's language, else `english`.
    public func item(_ code: String, or english: String) -> String { names.items[code.uppercased()] ?? english }

    // MARK: Numbers and dates

    /// The decimal mark and the digit-group separator, as the language and country write them.
    public var separators: (decimal: String, group: String) {
        switch language {
        case .en, .ar: return (".", ",")
        case .fr: return (",", "\u{202F}")
        case .es:
            // Spanish-speaking Central America, Mexico and the Caribbean write 1,234.5.
            return Self.dotDecimalSpanish.contains(region ?? "") ? (".", ",") : (",", ".")
        case .pt: return region == "BR" ? (",", ".") : (",", "\u{00A0}")
        }
    }

    static let dotDecimalSpanish: Set<String> = ["MX", "GT", "HN", "SV", "NI", "PA", "DO", "PR", "CU"]

    /// Writes digits in groups of three with the reader's separators: "1 234,5" / "1,234.5".
    /// `digits` is a plain decimal as the core writes it ("-1234.5").
    public func number(_ digits: String) -> String {
        let (decimal, group) = separators
        let parts = digits.split(separator: ".", maxSplits: 1)
        var whole = parts.first.map(String.init) ?? ""
        let negative = whole.hasPrefix("-")
        if negative { whole.removeFirst() }
        var grouped = ""
        for (index, digit) in whole.reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped += String(group.reversed()) }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + String(grouped.reversed()) + (parts.count > 1 ? decimal + parts[1] : "")
    }

    /// A day as the reader writes it: 2026-12-03 in English (unambiguous across the agencies that
    /// use it), 03/12/2026 in the other languages.
    public func date(_ day: Day) -> String {
        guard language != .en else { return day.description }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(day.day))/\(two(day.month))/\(day.year)"
    }

    /// A date written `YYYY-MM-DD` (as stores and APIs keep it), as the reader writes it.
    public func date(iso text: String) -> String {
        guard let day = Day.parse(String(text.prefix(10))) else { return text }
        return date(day) + String(text.dropFirst(10))
    }
}
