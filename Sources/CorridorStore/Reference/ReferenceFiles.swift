import CorridorCore
import Foundation

/// The committed reference data files (see Resources/refdata/SOURCES.md and scripts/refdata/).
public enum ReferenceFiles {
    struct CountryRecord: Decodable {
        var alpha2: String
        var alpha3: String
        var numeric: String
        var name: String
        var region: String
        var subregion: String
        var lat: Double?
        var lon: Double?
        var bbox: [Double]?
    }

    struct CurrencyRecord: Decodable {
        var code: String
        var name: String
        var numeric: String?
        var minor_unit: Int?
    }

    struct HSRecord: Decodable {
        var code: String
        var level: Int
        var description: String
        var parent: String?
    }

    public enum LoadError: Error, CustomStringConvertible {
        case missing(String)
        public var description: String {
            switch self { case .missing(let name): "reference data file \(name) is missing from the bundle" }
        }
    }

    public static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "refdata") else {
            throw LoadError.missing(name)
        }
        return try Data(contentsOf: url)
    }

    static func countries() throws -> [CountryRecord] {
        try JSONDecoder().decode([CountryRecord].self, from: data("countries.json"))
    }

    static func currencies() throws -> [CurrencyRecord] {
        try JSONDecoder().decode([CurrencyRecord].self, from: data("currencies.json"))
    }

    static func hsCodes() throws -> [HSRecord] {
        try JSONDecoder().decode([HSRecord].self, from: data("hs2022.json"))
    }
}
