import CorridorCore
import CorridorLanguages
import CorridorStore
import Foundation
import Hummingbird

/// The nearest stock of an item to a point picked on the map or typed: the page form of
/// GET /api/v1/stock/nearest, with the same checks and the same filtered query.
struct NearestStockPages {
    let store: Store
    let pages: PageRenderer
    let map: WorldMap

    func addRoutes(to router: RouterGroup<CorridorRequestContext>) {
        router.get("stock/nearest") { request, context in
            let query = QueryParameters(request)
            let items = try await store.items.all()
            var results: [NearestStock] = []
            var problems = ProblemList()
            let asked = query["item"] != nil || query["lat"] != nil || query["lon"] != nil
            let item = query["item"]?.uppercased()
            let lat = Self.degrees(query["lat"]), lon = Self.degrees(query["lon"])
            if asked {
                if item == nil || !items.contains(where: { $0.code == item }) {
                    problems.add(field: "item", "choose an item of the catalogue")
                }
                if lat == nil || !(-90...90).contains(lat!) {
                    problems.add(field: "lat", "give a latitude from -90 to 90 (or pick a point on the map)")
                }
                if lon == nil || !(-180...180).contains(lon!) {
                    problems.add(field: "lon", "give a longitude from -180 to 180 (or pick a point on the map)")
                }
                if problems.problems.isEmpty {
                    results = try await store.stock.nearest(item: item!, lat: lat!, lon: lon!, limit: 10, visibleTo: context.actor)
                }
            }
            let unit = items.first { $0.code == item }?.unit ?? ""
            // The point asked about and the sites found, the map closed in on them.
            let answered = asked && problems.problems.isEmpty
            let picked = answered ? WorldMap.MapMark(lat: lat!, lon: lon!, title: L("The place asked about")) : nil
            let found = results.map {
                WorldMap.MapMark(
                    lat: $0.lat, lon: $0.lon, title: "\($0.siteName) (\($0.org), \($0.country)) — \(Numbers.wholeNumber($0.distanceKm)) km")
            }
            return pages.page(
                NearestStockPageView(
                    items: items.map {
                        LabelledChoice(
                            value: $0.code, label: "\(Localizer.current.item($0.code, or: $0.name)) (\($0.code))", selected: $0.code == item
                        )
                    },
                    lat: query["lat"] ?? "", lon: query["lon"] ?? "",
                    map: map.svg(
                        sites: [], focus: WorldMap.box(around: found + (picked.map { [$0] } ?? [])), picking: true, picked: picked,
                        found: found),
                    asked: answered, hasError: !problems.problems.isEmpty,
                    problems: problems.problems.map {
                        FieldProblem(field: Self.fieldName($0.field ?? ""), problem: Localizer.current.string($0.phrase))
                    },
                    results: results.map {
                        .init(
                            site: $0.siteName, code: $0.siteCode, org: $0.org, country: $0.country,
                            distance: Numbers.wholeNumber($0.distanceKm), quantity: "\(Numbers.grouped($0.quantity)) \(unit)",
                            reported: Localizer.current.date(iso: $0.latestReport))
                    }
                ), title: L("Nearest stock"), context: context, path: "/stock",
                status: problems.problems.isEmpty ? .ok : .unprocessableContent)
        }
    }

    /// The form's field as its label reads.
    static func fieldName(_ field: String) -> String {
        switch field {
        case "item": L("Item")
        case "lat": L("Latitude")
        case "lon": L("Longitude")
        default: field
        }
    }

    /// Degrees as typed: a decimal comma or a typographic minus is read too.
    static func degrees(_ raw: String?) -> Double? {
        guard let raw else { return nil }
        return Double(
            raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".").replacingOccurrences(
                of: "\u{2212}", with: "-"))
    }
}
