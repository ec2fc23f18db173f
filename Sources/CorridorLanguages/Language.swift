import Foundation

/// The languages Corridor's pages speak. English is the language the code is written in; the
/// others come from the catalogues in `Resources/locales`.
public enum Language: String, CaseIterable, Sendable, Codable {
    case en, fr, es, pt, ar

    /// The language's name in itself, as a language switch shows it.
    public var nativeName: String {
        switch self {
        case .en: "English"
        case .fr: "Français"
        case .es: "Español"
        case .pt: "Português"
        case .ar: "العربية"
        }
    }

    /// The writing direction for `<html dir>`.
    public var direction: String { self == .ar ? "rtl" : "ltr" }

    /// A language tag as a person or a browser writes it ("fr", "pt-MZ", "AR"), or nil when
    /// Corridor does not speak it.
    public init?(tag: String) {
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        self.init(rawValue: primary.trimmingCharacters(in: .whitespaces))
    }

    /// The first language of an `Accept-Language` header, by its weights, that Corridor speaks.
    public static func preferred(in acceptLanguage: String) -> Language? {
        var choices: [(language: Language, weight: Double, order: Int)] = []
        for (order, part) in acceptLanguage.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, let language = Language(tag: tag) else { continue }
            var weight = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            if weight > 0 { choices.append((language, weight, order)) }
        }
        return choices.min { $0.weight != $1.weight ? $0.weight > $1.weight : $0.order < $1.order }?.language
    }
}
