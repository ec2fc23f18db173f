import AsyncHTTPClient
import CorridorCore
import CorridorStore
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// Posts the outbox's due events to their receivers, signed, beside the HTTP server. A receiver
/// that fails or is slow only delays its own events (backoff per `WebhookRules`); declarations
/// never wait for it.
public struct WebhookDeliverer: Service {
    let store: Store
    let client: HTTPClient
    let interval: Duration
    let logger: Logger

    public init(
        store: Store, client: HTTPClient = WebhookDeliverer.client, interval: Duration = .seconds(2),
        logger: Logger = Logger(label: "corridor.webhooks")
    ) {
        (self.store, self.client, self.interval, self.logger) = (store, client, interval, logger)
    }

    /// A client that never follows redirects: a receiver could otherwise bounce a signed POST to an
    /// address inside the network that the target check refused.
    public static let client = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    /// Polls until the server shuts down: a graceful shutdown (SIGTERM) cancels the loop, so the
    /// process stops as promptly as the HTTP server does. Undelivered events wait in the outbox.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    _ = try await deliverDue()
                } catch {
                    logger.error("webhook delivery round failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One round: every due delivery attempted once, claimed a few at a time so that servers
    /// sharing the database never post the same one. Returns how many this server delivered.
    @discardableResult
    public func deliverDue(now: Int64 = UnixTime.now()) async throws -> Int {
        var delivered = 0
        while true {
            let claimed = try await WebhookOutbox.claim(store.database, now: now)
            if claimed.isEmpty { return delivered }
            delivered += try await deliver(claimed, at: now)
        }
    }

    private func deliver(_ claimed: [WebhookOutbox.Due], at now: Int64) async throws -> Int {
        var delivered = 0
        for due in claimed {
            let (status, error) = await post(due, at: now)
            try await WebhookOutbox.record(due, status: status, error: error, database: store.database, now: now)
            if let status, (200..<300).contains(status) {
                delivered += 1
            } else {
                logger.warning(
                    "webhook delivery failed",
                    metadata: [
                        "delivery": "\(due.id)", "url": "\(due.url)", "status": "\(status.map(String.init) ?? "none")",
                        "error": "\(error ?? "")", "attempt": "\(due.attempts + 1)",
                    ])
            }
        }
        return delivered
    }

    private func post(_ due: WebhookOutbox.Due, at time: Int64) async -> (Int?, String?) {
        // Checked again now, after resolving the name: it may point inward since registration.
        do {
            let targets = store.webhooks.targets
            let (_, host) = try targets.checkedURL(due.url)
            if !targets.isAllowedAnyway(host) { try targets.check(try await HostResolver.addresses(of: host), host: host) }
        } catch {
            return (nil, "refused: \((error as? DomainError)?.message ?? "the receiver's address could not be checked")")
        }
        let body = Data(due.payload.utf8)
        var request = HTTPClientRequest(url: due.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Corridor-Webhooks/1")
        request.headers.add(name: WebhookRules.eventHeader, value: due.event)
        request.headers.add(name: "X-Corridor-Delivery", value: String(due.id))
        request.headers.add(name: WebhookRules.signatureHeader, value: WebhookSignature.header(body: body, secret: due.secret, at: time))
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: .seconds(10))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            let code = Int(response.status.code)
            return (code, (200..<300).contains(code) ? nil : "HTTP \(code)")
        } catch {
            return (nil, String(String(describing: error).prefix(300)))
        }
    }
}
