import Foundation
import CorridorCore
import SQLKit

/// Countries, currencies and the HS nomenclature, as loaded by the reference data migration.
public struct ReferenceRepository: Sendable {
    let database: Database

    public func countries() async throws -> [Country] {
        try await database.read { db in
            try await db.raw("SELECT * FROM countries ORDER BY name").all().map(Self.country)
        }
    }

    public func country(_ code: String) async throws -> Country? {
        guard let iso = CountryCode(code) else { return nil }
        return try await database.read { db in
            try await db.raw("SELECT * FROM countries WHERE alpha2 = \(bind: iso.value)").first().map(Self.country)
        }
    }

    /// Whether the ISO alpha-2 code names a country of the reference table.
    static func country(_ code: String, on db: any SQLDatabase) async throws -> Country? {
        try await db.raw("SELECT * FROM countries WHERE alpha2 = \(bind: code.uppercased())").first().map(Self.country)
    }

    /// Every country's name by its alpha-2 code.
    static func countryNames(on db: any SQLDatabase) async throws -> [String: String] {
        Dictionary(
            try await db.raw("SELECT alpha2, name FROM countries").all().map { (try $0.string("alpha2"), try $0.string("name")) },
            uniquingKeysWith: { first, _ in first })
    }

    static func countryExists(_ code: String, on db: any SQLDatabase) async throws -> Bool {
        try await db.raw("SELECT alpha2 FROM countries WHERE alpha2 = \(bind: code.uppercased())").first() != nil
    }

    public func currencies() async throws -> [Currency] {
        try await database.read { db in
            try await db.raw("SELECT code, name, minor_unit FROM currencies ORDER BY code").all().map { row in
                Currency(
                    code: try row.string("code"), name: try row.string("name"),
                    minorUnit: try row.decode(column: "minor_unit", as: Int?.self))
            }
        }
    }

    public struct HSCounts: Sendable, Equatable {
        public var chapters: Int
        public var headings: Int
        public var subheadings: Int
    }

    public func hsCounts() async throws -> HSCounts {
        try await database.read { db in
            let rows = try await db.raw("SELECT level, COUNT(*) AS n FROM hs_codes GROUP BY level").all()
            var counts: [Int: Int] = [:]
            for row in rows { counts[try row.int("level")] = try row.int("n") }
            return HSCounts(chapters: counts[2] ?? 0, headings: counts[4] ?? 0, subheadings: counts[6] ?? 0)
        }
    }

    /// The entry for a 2/4/6-digit code (national digits beyond six are looked up by their
    /// international part), or nil.
    public func hsEntry(_ raw: String) async throws -> HSEntry? {
        guard let code = HSCode(raw) else { return nil }
        let lookup = code.level > 6 ? code.international : code.digits
        return try await database.read { db in
            try await db.raw("SELECT * FROM hs_codes WHERE code = \(bind: lookup)").first().map(Self.hsEntry)
        }
    }

    /// The entries directly below a code (headings of a chapter, subheadings of a heading).
    public func hsChildren(of code: String) async throws -> [HSEntry] {
        try await database.read { db in
            try await db.raw("SELECT * FROM hs_codes WHERE parent = \(bind: code) ORDER BY code").all().map(Self.hsEntry)
        }
    }

    /// Full-text search over descriptions, or prefix search when the query is a code.
    public func searchHS(_ query: String, limit: Int = 25) async throws -> [HSEntry] {
        let limit = max(1, min(limit, 100))
        let digits = query.filter { $0 != "." && $0 != " " }
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return try await database.read { db in
                try await db.raw(
                    """
                    SELECT * FROM hs_codes WHERE code LIKE \(bind: String(digits.prefix(6)) + "%")
                    ORDER BY code LIMIT \(literal: limit)
                    """
                ).all().map(Self.hsEntry)
            }
        }
        let terms = HSSearchTerms.words(in: query)
        guard !terms.isEmpty else { return [] }
        return try await database.read { db in
            switch database.dialect {
            case .sqlite:
                // Each word quoted (so FTS5 operators in user input stay literal) and prefix-matched.
                let match = terms.map { "\"\($0)\"*" }.joined(separator: " ")
                return try await db.raw(
                    """
                    SELECT h.* FROM hs_search s JOIN hs_codes h ON h.code = s.code
                    WHERE hs_search MATCH \(bind: match)
                    ORDER BY bm25(hs_search), h.level DESC, h.code LIMIT \(literal: limit)
                    """
                ).all().map(Self.hsEntry)
            case .postgres:
                let tsquery = terms.map { "\($0):*" }.joined(separator: " & ")
                return try await db.raw(
                    """
                    SELECT * FROM hs_codes
                    WHERE to_tsvector('english', description) @@ to_tsquery('english', \(bind: tsquery))
                    ORDER BY ts_rank(to_tsvector('english', description), to_tsquery('english', \(bind: tsquery))) DESC,
                             level DESC, code
                    LIMIT \(literal: limit)
                    """
                ).all().map(Self.hsEntry)
            }
        }
    }

    static func country(_ row: any SQLRow) throws -> Country {
        Country(
            alpha2: try row.string("alpha2"), alpha3: try row.string("alpha3"),
            numeric: try row.string("numeric_code"), name: try row.string("name"),
            region: try row.string("region"), subregion: try row.string("subregion"),
            lat: try row.optionalDouble("lat"), lon: try row.optionalDouble("lon"))
    }

    static func hsEntry(_ row: any SQLRow) throws -> HSEntry {
        HSEntry(
            code: try row.string("code"), level: try row.int("level"),
            description: try row.string("description"), parent: try row.optionalString("parent"))
    }
}

/// Splits a search box into words safe to hand to FTS5 or to_tsquery: letters and digits only.
enum HSSearchTerms {
    static func words(in query: String) -> [String] {
        query.lowercased()
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map(String.init)
            .filter { !$0.isEmpty }
            .prefix(8)
            .map { $0 }
    }
}
