import CorridorCore
import CorridorFormats
import Foundation

/// How stock views become export cells and GeoJSON features.
public enum StockExports {
    /// Lines read per page of an export: large enough to stream fast, small enough to stay flat in memory.
    static let pageSize = 5_000

    /// Every line the caller may see, page by page in id order, handed to `page` as it is read.
    public static func forEachPage(
        store: Store, _ filter: StockFilter, visibleTo actor: Actor, days: Int = PeopleCovered.defaultDays,
        _ page: ([StockLineView]) async throws -> Void
    ) async throws {
        var cursor: Int64?
        repeat {
            let lines = try await store.stock.lines(filter, visibleTo: actor, after: cursor, limit: pageSize, days: days)
            try await page(lines)
            cursor = lines.count == pageSize ? lines.last?.id : nil
        } while cursor != nil
    }

    /// The HXL export, its tag rows first, as text chunks of one page each.
    /// Each line carries the people it covers for `days`.
    public static func hxl(
        store: Store, _ filter: StockFilter, visibleTo actor: Actor, days: Int = PeopleCovered.defaultDays,
        _ chunk: (String) async throws -> Void
    ) async throws {
        let writer = HXLWriter(columns: StockHXLProfile.columns)
        try await chunk(writer.head())
        try await forEachPage(store: store, filter, visibleTo: actor, days: days) { lines in
            try await chunk(lines.map { writer.row(hxlCells($0)) }.joined())
        }
    }

    public static func hxlCells(_ line: StockLineView) -> [String] {
        [
            line.owner, line.siteCode, line.siteName, line.country, line.adm1 ?? "", String(line.lat), String(line.lon),
            line.itemCode, line.itemName, line.sector, line.quantity.description, line.unit, line.status, line.expiry ?? "",
            line.batch ?? "", line.reportedAt, line.siteOrg, line.personDays.map { number($0, 1) } ?? "",
            line.peopleCovered.map { number($0, 1) } ?? "", line.peopleCovered == nil ? "" : String(line.days),
        ]
    }

    private static func number(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", rounded(value, places))
    }

    /// Sites the caller may see, with totals by sector and people covered for `days` by item
    /// family, as an RFC 7946 FeatureCollection.
    public static func geoJSON(
        store: Store, visibleTo actor: Actor, country: String? = nil, days: Int = PeopleCovered.defaultDays
    ) async throws -> Data {
        try geoJSON(try await store.stock.siteTotals(visibleTo: actor, country: country, days: days))
    }

    public static func geoJSON(_ totals: [SiteTotals]) throws -> Data {
        try GeoJSON.featureCollection(totals.map(feature))
    }

    private static func feature(_ entry: SiteTotals) -> GeoJSON.Feature {
        var sectors: [String: JSONValue] = [:]
        for total in entry.sectors {
            let values: [String: JSONValue] = [
                "lines": .integer(total.lines),
                "weight_kg": .number(rounded(total.weightKg, 1)),
                "volume_m3": .number(rounded(total.volumeM3, 2)),
            ]
            sectors[total.sector] = .object(values)
        }
        var families: [String: JSONValue] = [:]
        for family in entry.families {
            families[family.family] = .object([
                "label": .string(family.familyLabel),
                "person_days": family.personDays.map { .number(rounded($0, 1)) } ?? .null,
                "people_covered": .number(family.peopleCovered.rounded()),
                "days": .integer(family.days),
            ])
        }
        let site = entry.site
        var properties: [String: JSONValue] = [
            "code": .string(site.code), "name": .string(site.name), "org": .string(site.orgCode),
            "country": .string(site.country), "tier": .string(site.tier.rawValue), "sharing": .string(site.sharing.rawValue),
        ]
        properties["latest_report"] = entry.latestReport.map(JSONValue.string) ?? .null
        properties["volume_m3"] = .number(rounded(entry.volumeM3, 2))
        properties["sectors"] = .object(sectors)
        properties["families"] = .object(families)
        properties["days"] = .integer(entry.days)
        return GeoJSON.Feature(id: "\(site.orgCode)/\(site.code)", lon: site.lon, lat: site.lat, properties: properties)
    }

    private static func rounded(_ value: Double, _ places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }
}
