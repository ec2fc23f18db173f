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

    /// The HXL export, its tag rows first, as chunks of bytes of up to one page of lines each,
    /// encoded as the database hands the rows over. Each line carries the people it covers for `days`.
    public static func hxl(
        store: Store, _ filter: StockFilter, visibleTo actor: Actor, days: Int = PeopleCovered.defaultDays,
        linesPerChunk: Int = StockHXLExport.pageSize, _ chunk: ([UInt8]) async throws -> Void
    ) async throws {
        try await StockHXLExport(database: store.database, filter: filter, actor: actor, days: days, pageSize: linesPerChunk).write(chunk)
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
        var data = Data()
        try await geoJSON(store: store, visibleTo: actor, country: country, days: days) { data.append($0) }
        return data
    }

    /// The same FeatureCollection written a page of sites at a time, so it never sits whole in memory.
    public static func geoJSON(
        store: Store, visibleTo actor: Actor, country: String? = nil, days: Int = PeopleCovered.defaultDays,
        sitesPerChunk: Int = 100, _ chunk: (Data) async throws -> Void
    ) async throws {
        let stream = GeoJSON.Stream()
        var first = true
        try await chunk(GeoJSON.Stream.head)
        try await store.stock.forEachSiteTotalsPage(visibleTo: actor, country: country, days: days, pageSize: sitesPerChunk) { page in
            var data = Data()
            for entry in page {
                if !first { data.append(GeoJSON.Stream.separator) }
                first = false
                data.append(try stream.feature(feature(entry)))
            }
            try await chunk(data)
        }
        try await chunk(GeoJSON.Stream.tail)
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
