import Foundation
import CorridorCore
import CorridorStore
import Hummingbird

/// Countries, currencies and the HS nomenclature: public reference data.
struct ReferenceController {
    let store: Store

    struct CountryDTO: ResponseEncodable, Sendable {
        var alpha2, alpha3, numeric, name, region, subregion: String
        var lat, lon: Double?
        init(_ c: Country) {
            (alpha2, alpha3, numeric, name, region, subregion, lat, lon) =
                (c.alpha2, c.alpha3, c.numeric, c.name, c.region, c.subregion, c.lat, c.lon)
        }
    }

    struct HSDetail: ResponseEncodable, Sendable {
        var code: String
        var level: Int
        var description: String
        var parent: String?
        var children: [HSEntry]
        var requested: String
    }

    func addRoutes(to group: RouterGroup<CorridorRequestContext>) {
        group.get("countries") { _, _ in
            ItemList(items: try await store.reference.countries().map(CountryDTO.init))
        }
        group.get("countries/{iso}") { request, context in
            let iso = try request.required("iso", context)
            guard let country = try await store.reference.country(iso) else {
                throw DomainError.notFound("no country with ISO code '\(iso)'")
            }
            return CountryDTO(country)
        }
        group.get("currencies") { _, _ in
            ItemList(items: try await store.reference.currencies())
        }
        group.get("hs") { request, _ in
            guard let query = request.uri.queryParameters["q"].map(String.init), !query.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw DomainError.invalid(field: "q", "give a word or a code to search for, e.g. ?q=tent")
            }
            let limit = try QueryParameters(request).int("limit", in: 1...100) ?? 25
            return ItemList(items: try await store.reference.searchHS(query, limit: limit))
        }
        group.get("hs/{code}") { request, context in
            let raw = try request.required("code", context)
            guard let code = HSCode(raw) else {
                throw DomainError.invalid(field: "code", "'\(raw)' is not an HS code (2, 4, 6, 8 or 10 digits)")
            }
            guard let entry = try await store.reference.hsEntry(raw) else {
                throw DomainError.notFound("HS code \(code.international) is not in the HS 2022 nomenclature")
            }
            return HSDetail(
                code: entry.code, level: entry.level, description: entry.description, parent: entry.parent,
                children: try await store.reference.hsChildren(of: entry.code), requested: code.digits)
        }
    }
}

extension Currency: ResponseEncodable {}
extension HSEntry: ResponseEncodable {}
