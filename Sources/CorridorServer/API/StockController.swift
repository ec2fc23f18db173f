import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import Hummingbird
import NIOCore

/// Items, stock imports, stock lists and exports, the country / region / global lists, nearest stock.
struct StockController {
    let store: Store

    struct AliasInput: Decodable { var alias: String; var itemCode: String }

    /// `uploads` takes stock reports, under the larger body limit.
    func addRoutes(to group: RouterGroup<CorridorRequestContext>, uploads: RouterGroup<CorridorRequestContext>) {
        group.get("items") { _, _ in ItemList(items: try await store.items.all()) }
        group.post("items") { request, context in
            try Policy.authorize(context.actor, .createItem)
            let input = try await request.decodeJSON(ItemInput.self, context: context)
            return EditedResponse(status: .created, response: try await store.items.create(input, by: context.actor))
        }

        uploads.post("stock/imports") { request, context in
            let org = try QueryParameters(request).required("org")
            try Policy.authorize(context.actor, .importStock, .organisation(code: org.uppercased()))
            let query = QueryParameters(request)
            let file = try await StockUpload.spool(request.body, fileName: query["file_name"] ?? "upload", limit: context.maxUploadSize)
            let report = try await StockUpload.importFile(
                file,
                request: StockImportRequest(
                    org: org, fileName: file.fileName, dryRun: query.flag("dry_run"),
                    dateConvention: query["dates"] == "day_first" ? .dayFirst : .isoOnly), store: store, actor: context.actor)
            return EditedResponse(status: report.dryRun ? .ok : .created, response: report)
        }

        group.post("organisations/{code}/item-aliases") { request, context in
            let code = try request.required("code", context)
            try Policy.authorize(context.actor, .manageItemAliases, .organisation(code: code.uppercased()))
            let input = try await request.decodeJSON(AliasInput.self, context: context)
            try await store.items.mapAlias(input.alias, to: input.itemCode, org: code, by: context.actor)
            return Response(status: .noContent)
        }

        group.get("stock") { request, context in
            let query = QueryParameters(request)
            let limit = try query.int("limit", in: 1...5_000) ?? 500
            let cursor = try query.int("cursor", in: 0...Int.max).map(Int64.init)
            let lines = try await store.stock.lines(
                try query.filter(), visibleTo: context.actor, after: cursor, limit: limit + 1, days: try query.coverageDays())
            return StockPage(items: Array(lines.prefix(limit)), nextCursor: lines.count > limit ? lines[limit - 1].id : nil)
        }

        group.get("stock.hxl.csv") { request, context in
            let filter = try QueryParameters(request).filter()
            let days = try QueryParameters(request).coverageDays()
            let actor = context.actor
            // Streamed page by page, so an export of a million lines never sits in memory.
            let body = ResponseBody { writer in
                try await StockExports.hxl(store: store, filter, visibleTo: actor, days: days) {
                    try await writer.write(ByteBuffer(bytes: $0))
                }
                try await writer.finish(nil)
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"corridor-stock.hxl.csv\"",
                ],
                body: body)
        }

        group.get("sites.geojson") { request, context in
            let query = QueryParameters(request)
            let (actor, country, days) = (context.actor, query["country"], try query.coverageDays())
            // Streamed a page of sites at a time, like the HXL export.
            let body = ResponseBody { writer in
                try await StockExports.geoJSON(store: store, visibleTo: actor, country: country, days: days) {
                    try await writer.write(ByteBuffer(bytes: $0))
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "application/geo+json"], body: body)
        }

        group.get("stock/nearest") { request, context in
            let query = QueryParameters(request)
            var problems = ProblemList()
            let item = query["item"]
            if item == nil { problems.add(field: "item", "give a catalogue item code, e.g. ?item=SHE-TENT-FAM") }
            let lat = query.double("lat"), lon = query.double("lon")
            if lat == nil || !(-90...90).contains(lat!) { problems.add(field: "lat", "give a latitude from -90 to 90") }
            if lon == nil || !(-180...180).contains(lon!) { problems.add(field: "lon", "give a longitude from -180 to 180") }
            var limit = 10
            do throws(DomainError) { limit = try query.int("limit", in: 1...100) ?? limit } catch { problems.add(contentsOf: error) }
            // The catalogue is read only when the answer is refused or empty (an unknown item finds
            // nothing), not on every request; every problem is still named at once.
            func checkItem() async throws {
                if let item, try await store.items.find(code: item) == nil {
                    problems.add(field: "item", "'\(item)' is not a catalogue item code")
                }
            }
            if !problems.problems.isEmpty { try await checkItem() }
            try problems.check()
            let found = try await store.stock.nearest(item: item!, lat: lat!, lon: lon!, limit: limit, visibleTo: context.actor)
            if found.isEmpty {
                try await checkItem()
                try problems.check()
            }
            return ItemList(items: found)
        }

        group.get("countries/{iso}/prepositioned") { request, context in
            let iso = try request.required("iso", context)
            let days = try QueryParameters(request).coverageDays()
            guard let tiers = try await store.stock.prepositioned(for: iso, visibleTo: context.actor, days: days) else {
                throw DomainError.notFound("no country with ISO code '\(iso)'")
            }
            return Prepositioned(country: iso.uppercased(), tiers: tiers)
        }

        group.get("stock/alerts") { request, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to see stock alerts") }
            let query = QueryParameters(request)
            let days = try query.int("days", in: 1...3_650) ?? 90
            let country = try query.country()
            let kinds = try query.alertKind().map { [$0] } ?? Set(StockAlert.Kind.allCases)
            return ItemList(
                items: try await store.stock.alerts(visibleTo: context.actor, country: country, kinds: kinds, expiringWithinDays: days))
        }
    }

    struct StockPage: ResponseEncodable, Sendable {
        var items: [StockLineView]
        var nextCursor: Int64?
    }

    struct Prepositioned: ResponseEncodable, Sendable {
        var country: String
        var tiers: [PrepositionedTier]
    }
}

extension Item: ResponseEncodable {}
extension StockImportReport: ResponseEncodable {}
