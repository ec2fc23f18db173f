import CorridorCore
import CorridorStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Health, metrics, the OpenAPI document and static assets.
struct SystemRoutes {
    let store: Store
    let counter: RequestCounter

    func addRoutes(to router: RouterGroup<CorridorRequestContext>) {
        router.get("health") { _, _ in
            let healthy = await store.database.isHealthy()
            let body = "{\"status\":\"\(healthy ? "ok" : "database unavailable")\",\"database\":\"\(store.database.dialect)\"}"
            return Response(
                status: healthy ? .ok : .serviceUnavailable,
                headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        // For administrators only (a scraper sends an admin's API token): the counters tell what
        // the server is doing. Answered in plain text, not by a sign-in redirect, for scrapers.
        router.get("metrics") { _, context in
            switch Policy.decide(context.actor, .readMetrics) {
            case .allow:
                return Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: counter.exposition())))
            case .needsIdentity:
                return Response(
                    status: .unauthorized,
                    headers: [.contentType: "text/plain; charset=utf-8", .wwwAuthenticate: "Bearer realm=\"corridor\""],
                    body: .init(byteBuffer: ByteBuffer(string: "send an administrator's API token\n")))
            case .deny:
                return Response(
                    status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: "metrics are for administrators\n")))
            }
        }
        router.get("api/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json", .accessControlAllowOrigin: "*"],
                body: .init(byteBuffer: ByteBuffer(bytes: try OpenAPIDocument.data())))
        }
        router.get("static/{file}") { request, context in
            let name = try request.required("file", context)
            guard let asset = StaticAssets.asset(named: name) else { throw DomainError.notFound("no static file \(name)") }
            return Response(
                status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: asset.data)))
        }
    }
}

/// The OpenAPI 3.1 document, kept as a resource and checked against the router by a test.
public enum OpenAPIDocument {
    public static func data() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "static") else {
            throw DomainError.notFound("openapi.json is missing from the bundle")
        }
        return try Data(contentsOf: url)
    }
}

/// The handful of files under Resources/static, read once. Only names listed here are served,
/// so no path can reach outside the folder.
enum StaticAssets {
    struct Asset: Sendable { var data: Data; var contentType: String }

    static let assets: [String: Asset] = {
        let types = [
            "corridor.css": "text/css; charset=utf-8", "openapi.json": "application/json", "map.js": "text/javascript; charset=utf-8",
        ]
        var loaded: [String: Asset] = [:]
        for (name, type) in types {
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            if let url = Bundle.module.url(forResource: parts[0], withExtension: parts[1], subdirectory: "static"),
                let data = try? Data(contentsOf: url)
            {
                loaded[name] = Asset(data: data, contentType: type)
            }
        }
        return loaded
    }()

    static func asset(named name: String) -> Asset? { assets[name] }
}
