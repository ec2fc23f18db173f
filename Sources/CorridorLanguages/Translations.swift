import Foundation

/// Every language's catalogue and reference names, read once at start from the bundle:
/// `locales/{language}/*.po` (the interface and the messages, a file per part of Corridor) and `names/{language}.json`
/// (country and currency names from Debian's iso-codes, and the item catalogue's names).
public struct Translations: Sendable {
    public var catalogs: [Language: Catalog] = [:]
    public var names: [Language: ReferenceNames] = [:]

    public init(catalogs: [Language: Catalog] = [:], names: [Language: ReferenceNames] = [:]) {
        self.catalogs = catalogs
        self.names = names
    }

    public static func load() throws -> Translations {
        var translations = Translations()
        for language in Language.allCases where language != .en {
            if let directory = Bundle.module.url(forResource: language.rawValue, withExtension: nil, subdirectory: "locales") {
                var catalog = Catalog()
                for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where file.hasSuffix(".po") {
                    do {
                        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                        catalog.merge(try Catalog(po: text))
                    } catch let error as CatalogError {
                        throw TranslationsError(file: "locales/\(language.rawValue)/\(file)", problem: error.description)
                    }
                }
                translations.catalogs[language] = catalog
            }
            if let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "names") {
                translations.names[language] = try JSONDecoder().decode(ReferenceNames.self, from: Data(contentsOf: url))
            }
        }
        return translations
    }
}

public struct TranslationsError: Error, CustomStringConvertible {
    public let file: String
    public let problem: String
    public var description: String { "\(file), \(problem)" }
}

/// Names of reference data in one language, keyed by their codes.
public struct ReferenceNames: Sendable, Codable {
    public var countries: [String: String] = [:]
    public var currencies: [String: String] = [:]
    public var items: [String: String] = [:]

    public init(countries: [String: String] = [:], currencies: [String: String] = [:], items: [String: String] = [:]) {
        self.countries = countries
        self.currencies = currencies
        self.items = items
    }
}
