import CorridorCore
import Foundation
import CorridorLanguages

/// Interface text in the reader's language: `L("Sign out")`, `L("\(count) sites")`. The literal
/// is the catalogue's key (interpolations become `{0}`, `{1}`…), so it must be written here, in
/// the call, for the catalogue check to find it.
func L(_ phrase: Phrase) -> String { Localizer.current.string(phrase) }

/// Templates mark text to translate as `{{#t}}Stock{{/t}}`; before a template is compiled for a
/// language, each mark becomes the catalogue's text, HTML-escaped, its `{name}` placeholders
/// becoming the template's `{{name}}` values.
enum TemplateText {
    static let open = "{{#t}}", close = "{{/t}}"

    static func translate(_ template: String, with localizer: Localizer) -> String {
        var result = ""
        var rest = template[...]
        while let start = rest.range(of: open), let end = rest[start.upperBound...].range(of: close) {
            result += rest[..<start.lowerBound]
            let key = String(rest[start.upperBound..<end.lowerBound])
            result += placeholders(escaped(localizer.template(key)))
            rest = rest[end.upperBound...]
        }
        return result + rest
    }

    /// The keys a template marks, in order.
    static func keys(in template: String) -> [String] {
        var keys: [String] = []
        var rest = template[...]
        while let start = rest.range(of: open), let end = rest[start.upperBound...].range(of: close) {
            keys.append(String(rest[start.upperBound..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return keys
    }

    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    /// `{count}` → `{{count}}`: a named value of the page's view.
    static func placeholders(_ text: String) -> String {
        var result = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            result += rest[..<open]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) {
                result += "{{" + name + "}}"
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
