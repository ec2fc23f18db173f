import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import Hummingbird

/// Query-string parameters of the stock routes, read with located errors.
struct StockQuery {
    let parameters: [String: String]

    init(_ request: Request) {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where !value.isEmpty { parameters[String(key)] = String(value) }
        self.parameters = parameters
    }

    subscript(_ name: String) -> String? { parameters[name] }

    func required(_ name: String) throws -> String {
        guard let value = parameters[name] else { throw DomainError.invalid(field: name, "is required (?\(name)=…)") }
        return value
    }

    func int(_ name: String) -> Int? { parameters[name].flatMap { Int($0) } }
    func double(_ name: String) -> Double? { parameters[name].flatMap { Double($0) } }
    func flag(_ name: String) -> Bool { ["1", "true", "yes"].contains(parameters[name]?.lowercased() ?? "") }

    func filter() throws -> StockFilter {
        var expiring: Day?
        if let raw = parameters["expiring_before"] {
            guard let day = Day.parse(raw) else { throw DomainError.invalid(field: "expiring_before", "'\(raw)' is not a date (YYYY-MM-DD)") }
            expiring = day
        }
        return try StockFilter(
            country: parameters["country"], region: parameters["region"], subregion: parameters["subregion"],
            sector: parameters["sector"], item: parameters["item"], org: parameters["org"], orgType: parameters["org_type"],
            tier: parameters["tier"], status: parameters["status"], expiringBefore: expiring
        ).validated()
    }
}

/// How stock views become export cells and GeoJSON features.
enum StockExport {
    static func hxlCells(_ line: StockLineView) -> [String] {
        [line.owner, line.siteCode, line.siteName, line.country, line.adm1 ?? "", String(line.lat), String(line.lon),
         line.itemCode, line.itemName, line.sector, line.quantity.description, line.unit, line.status, line.expiry ?? "",
         line.batch ?? "", line.reportedAt, line.siteOrg]
    }

    static func geoJSON(_ totals: [SiteTotals]) throws -> Data {
        try GeoJSON.featureCollection(totals.map(feature))
    }

    private static func feature(_ entry: SiteTotals) -> GeoJSON.Feature {
        var sectors: [String: JSONValue] = [:]
        for total in entry.sectors {
            let values: [String: JSONValue] = [
                "lines": .integer(total.lines),
                "weight_kg": .number(rounded(total.weightKg, 1)),
                "volume_m3": .number(rounded(total.volumeM3, 2)),
                "people_covered": .number(total.peopleCovered.rounded()),
            ]
            sectors[total.sector] = .object(values)
        }
        let site = entry.site
        var properties: [String: JSONValue] = [
            "code": .string(site.code), "name": .string(site.name), "org": .string(site.orgCode),
            "country": .string(site.country), "tier": .string(site.tier.rawValue), "sharing": .string(site.sharing.rawValue),
        ]
        properties["latest_report"] = entry.latestReport.map(JSONValue.string) ?? .null
        properties["volume_m3"] = .number(rounded(entry.volumeM3, 2))
        properties["sectors"] = .object(sectors)
        return GeoJSON.Feature(id: "\(site.orgCode)/\(site.code)", lon: site.lon, lat: site.lat, properties: properties)
    }

    private static func rounded(_ value: Double, _ places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }
}
