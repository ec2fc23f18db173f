import Foundation

/// One language's translations, read from a gettext PO file: each English message (`msgid`) and its
/// translation (`msgstr`). Entries without a translation, and fuzzy ones, are left out, so the
/// English shows rather than a guess.
public struct Catalog: Sendable {
    public private(set) var translations: [String: String] = [:]

    public init(translations: [String: String] = [:]) {
        self.translations = translations
    }

    public subscript(key: String) -> String? { translations[key] }

    /// Adds another file's translations (a language's catalogue is kept in a file per part).
    public mutating func merge(_ other: Catalog) {
        translations.merge(other.translations) { first, _ in first }
    }

    /// Reads the PO file's text. Only what Corridor's catalogues use: `msgctxt`, `msgid`, `msgstr`,
    /// continuation lines, comments and the `fuzzy` flag.
    public init(po text: String) throws(CatalogError) {
        var entry = Entry()
        var field: WritableKeyPath<Entry, String>?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                add(entry)
                entry = Entry()
                field = nil
                continue
            }
            if line.hasPrefix("#,"), line.contains("fuzzy") { entry.fuzzy = true }
            if line.hasPrefix("#") { continue }
            for (keyword, path) in Self.keywords where line.hasPrefix(keyword + " ") {
                if field == \Entry.msgstr, path != \Entry.msgstr {
                    add(entry)
                    entry = Entry()
                }
                field = path
                entry[keyPath: path] = try Self.unquote(String(line.dropFirst(keyword.count + 1)), line: index + 1)
            }
            if line.hasPrefix("\"") {
                guard let field else { throw CatalogError(line: index + 1, problem: "a string continues no entry") }
                entry[keyPath: field] += try Self.unquote(line, line: index + 1)
            }
        }
        add(entry)
    }

    private struct Entry {
        var msgctxt = ""
        var msgid = ""
        var msgstr = ""
        var fuzzy = false
    }

    private static var keywords: [(String, WritableKeyPath<Entry, String>)] {
        [("msgctxt", \Entry.msgctxt), ("msgid", \Entry.msgid), ("msgstr", \Entry.msgstr)]
    }

    private mutating func add(_ entry: Entry) {
        guard !entry.msgid.isEmpty, !entry.msgstr.isEmpty, !entry.fuzzy else { return }
        translations[entry.msgctxt.isEmpty ? entry.msgid : entry.msgctxt + "\u{4}" + entry.msgid] = entry.msgstr
    }

    private static func unquote(_ text: String, line: Int) throws(CatalogError) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else {
            throw CatalogError(line: line, problem: "a string must be in double quotes")
        }
        var result = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}

public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public let line: Int
    public let problem: String
    public var description: String { "line \(line): \(problem)" }
}
