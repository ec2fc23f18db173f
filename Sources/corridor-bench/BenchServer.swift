import CorridorCore
import CorridorServer
import CorridorStore
import Foundation
import AsyncHTTPClient
import Hummingbird
import ServiceLifecycle

/// Corridor's server in the benchmark's own process, on `store`, with an API token of a global
/// coordinator (who sees every line, as the figures were taken).
struct BenchServer {
    let token: String
    let base: String
    private let services: ServiceGroup
    private let running: Task<Void, any Error>

    static func start(_ store: Store, port: Int) async throws -> BenchServer {
        let user = try await store.users.create(
            NewUser(
                email: "bench-coordinator-\(UUID().uuidString.prefix(8))@bench.invalid", name: "Bench coordinator",
                password: UUID().uuidString, roles: [.coordinator(country: nil)]),
            by: .console)
        let token = try await store.tokens.create(for: user.id, name: "bench", by: .console).secret
        var config = CorridorConfig()
        config.host = "127.0.0.1"
        config.port = port
        let app = try await buildApplication(config: config, store: store, logger: CorridorBench.logger)
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: CorridorBench.logger))
        let running = Task { try await services.run() }
        return BenchServer(token: token, base: "http://127.0.0.1:\(port)", services: services, running: running)
    }

    /// Runs `body` with a server on `store`, stopped afterwards, on error too.
    static func serving<T>(_ store: Store, port: Int, _ body: (BenchServer) async throws -> T) async throws -> T {
        let server = try await start(store, port: port)
        return try await ending(with: server.stop) { try await body(server) }
    }

    /// Runs `body` with `client`, shut down afterwards, on error too.
    static func using<T>(_ client: HTTPClient, _ body: (HTTPClient) async throws -> T) async throws -> T {
        try await ending(with: client.shutdown) { try await body(client) }
    }

    /// `body`'s result once `end` has run; on an error of `body`, `end` still runs and the error
    /// is `body`'s.
    private static func ending<T>(with end: () async throws -> Void, _ body: () async throws -> T) async throws -> T {
        do {
            let result = try await body()
            try await end()
            return result
        } catch {
            try? await end()
            throw error
        }
    }

    /// Stops as on SIGTERM: requests in flight finish first.
    func stop() async throws {
        await services.triggerGracefulShutdown()
        try await running.value
    }
}
