import CorridorCore
import CorridorFormats
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

    struct ItemRecord: Decodable {
        var code: String
        var name: String
        var sector: String
        var group: String
        var family: String
        var family_label: String
        var unit: String
        var weight_kg: Double
        var volume_m3: Double
        var hs_code: String
        var kit: Bool
        var coverage_people: Double?
        var coverage_days: Double?
        var coverage_source: String?
        var crosswalk: [String: String]?
        var source: String?
        var alternative_hs_codes: [String]?
        var un_number: String?
        var controlled_medicine: Bool?
        var customs_source: String?

        var crosswalkJSON: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return (try? encoder.encode(crosswalk ?? [:])).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        }
    }

    struct EntryPointRecord: Decodable {
        /// The entry point's key: its UN/LOCODE, or an internal code when it has none.
        var code: String
        var locode: String?
        var name: String
        var country: String
        var kind: String
        var lat: Double?
        var lon: Double?
        var locode_verified: Bool
        var source: String?
    }

    struct DutyRateFile: Decodable {
        struct Rate: Decodable {
            var country: String
            var chapters: String
            var duty_percent: Double
            var tax_percent: Double
            var note: String?
        }
        struct Country: Decodable {
            var country: String
            var currency: String?
        }
        var countries: [Country]?
        var rates: [Rate]
    }

    static func entryPoints() throws -> [EntryPointRecord] {
        try JSONDecoder().decode([EntryPointRecord].self, from: data("entry_points.json"))
    }

    static func dutyRates() throws -> DutyRateFile {
        try JSONDecoder().decode(DutyRateFile.self, from: data("duty_rates.json"))
    }

    public enum LoadError: Error, CustomStringConvertible {
        case missing(String)
        public var description: String {
            switch self {
            case .missing(let name): "reference data file \(name) is missing from the bundle"
            }
        }
    }

    public static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "refdata") else {
            throw LoadError.missing(name)
        }
        return try Data(contentsOf: url)
    }

    /// The Natural Earth country outlines (world.geojson), read once.
    public static func outlines() throws -> CountryOutlines { try loadedOutlines.get() }

    private static let loadedOutlines: Result<CountryOutlines, DomainError> = Result {
        () throws(DomainError) -> CountryOutlines in
        guard let data = try? data("world.geojson") else {
            throw DomainError.internalFailure("reference data file world.geojson is missing from the bundle")
        }
        return try CountryOutlineReader.read(data)
    }

    static func countries() throws -> [CountryRecord] {
        try JSONDecoder().decode([CountryRecord].self, from: data("countries.json"))
    }

    static func currencies() throws -> [CurrencyRecord] {
        try JSONDecoder().decode([CurrencyRecord].self, from: data("currencies.json"))
    }

    static func items() throws -> [ItemRecord] {
        try JSONDecoder().decode([ItemRecord].self, from: data("items.json"))
    }

    static func hsCodes() throws -> [HSRecord] {
        try JSONDecoder().decode([HSRecord].self, from: data("hs2022.json"))
    }
}
