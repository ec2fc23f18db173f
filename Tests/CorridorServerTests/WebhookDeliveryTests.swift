import AsyncHTTPClient
import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import Logging
import HummingbirdTesting
import NIOCore
import SQLKit
import Synchronization
import Testing

/// A receiver on 127.0.0.1 that fails its first delivery, then takes them, keeping what it got.
final class Receiver: Sendable {
    struct Delivery: Sendable { var body: Data; var signature: String; var event: String }
    let received = Mutex<[Delivery]>([])
    let failuresLeft = Mutex(1)

    func run(_ port: AsyncStream<Int>.Continuation) async throws {
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let fail = self.failuresLeft.withLock { left in
                defer { left -= 1 }
                return left > 0
            }
            guard !fail else { return Response(status: .internalServerError) }
            self.received.withLock {
                $0.append(
                    Delivery(
                        body: Data(body.readableBytesView), signature: request.headers[.init("X-Corridor-Signature")!] ?? "",
                        event: request.headers[.init("X-Corridor-Event")!] ?? ""))
            }
            return Response(status: .noContent)
        }
        var logger = Logger(label: "test.receiver")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in port.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        try await app.runService()
    }
}

@Suite struct WebhookDeliveryTests {
    @Test func stateChangesArePostedSignedAndRetriedWithoutHoldingTheDeclaration() async throws {
        try await TestApp.run { app, client in
            let receiver = Receiver()
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await receiver.run(continuation) }
                var iterator = ports.makeAsyncIterator()
                let port = try #require(await iterator.next())
                let bad = try await client.execute(
                    uri: "/api/v1/organisations/WFP/webhooks", method: .post, headers: app.headers("org_member", json: true),
                    body: ByteBuffer(string: #"{"url":"ftp://127.0.0.1/hook"}"#))
                #expect(bad.status == .unprocessableContent)
                let registered = try await client.execute(
                    uri: "/api/v1/organisations/WFP/webhooks", method: .post,
                    headers: app.headers("org_member", json: true),
                    body: ByteBuffer(string: #"{"url":"http://127.0.0.1:\#(port)/hook"}"#))
                #expect(registered.status == .created)
                let secret = try #require(try registered.body.json()["secret"] as? String)
                #expect(
                    try await client.execute(uri: "/api/v1/organisations/WFP/webhooks", method: .get, headers: app.headers("org_member"))
                        .body.text.contains("\"secret\"") == false, "the secret is shown once")

                let declaration = try #require(try await app.store.declarations.view(id: app.kenyaDeclarationID, by: .console))
                let laned = try await client.execute(
                    uri: "/api/v1/declarations/\(declaration.id)/steps/assign_lane", method: .post,
                    headers: app.headers("customs_officer", json: true),
                    body: ByteBuffer(string: #"{"version":\#(declaration.version)}"#))
                #expect(laned.status == .ok, "the step does not wait for the receiver")

                let deliverer = WebhookDeliverer(store: app.store, client: HTTPClient.shared)
                let now = UnixTime.now()
                #expect(try await deliverer.deliverDue(now: now) == 0, "the receiver fails the first attempt")
                #expect(try await deliverer.deliverDue(now: now + 5) == 0, "not due again before the backoff")
                #expect(try await deliverer.deliverDue(now: now + 11) == 1)
                #expect(try await deliverer.deliverDue(now: now + 100) == 0, "delivered once")
                let delivery = try #require(receiver.received.withLock { $0.first })
                #expect(delivery.event == "declaration.assign_lane")
                #expect(WebhookSignature.verify(header: delivery.signature, body: delivery.body, secret: secret, now: now + 11))
                #expect(
                    !WebhookSignature.verify(
                        header: delivery.signature, body: delivery.body + Data("x".utf8), secret: secret, now: now + 11))
                #expect(!WebhookSignature.verify(header: delivery.signature, body: delivery.body, secret: "whsec_other", now: now + 11))
                #expect(
                    !WebhookSignature.verify(header: delivery.signature, body: delivery.body, secret: secret, now: now + 11 + 3600),
                    "replayed later")
                let event = try #require(try JSONSerialization.jsonObject(with: delivery.body) as? [String: Any])
                #expect(event["state"] as? String == "lane_assigned" && event["reference"] as? String == "WFP-KE-0001")
                let hooks = try await client.execute(
                    uri: "/api/v1/organisations/WFP/webhooks", method: .get, headers: app.headers("org_member")
                ).body.json()
                let hook = try #require((hooks["items"] as? [[String: Any]])?.first)
                #expect(hook["delivered"] as? Int == 1 && hook["failing"] as? Int == 0)
                let revoked = try await client.execute(
                    uri: "/api/v1/organisations/WFP/webhooks/\(hook["id"] as? Int ?? 0)", method: .delete,
                    headers: app.headers("org_member"))
                #expect(revoked.status == .noContent)
                group.cancelAll()
            }
        }
    }

    /// An organisation cannot point webhooks into Corridor's own network: refused at registration
    /// whatever the spelling of the address (the test server allows only 127.0.0.1 by name).
    @Test func receiversInsideTheNetworkAreRefusedAtRegistration() async throws {
        try await TestApp.run { app, client in
            for url in [
                "http://hooks.example.org/in", "https://localhost:8080/in", "https://0x7f000001/in", "https://2130706433/in",
                "https://127.1/in", "https://[::1]/in", "https://[::ffff:127.0.0.1]/in", "https://169.254.169.254/latest/meta-data",
                "https://10.0.0.1/in", "https://192.168.0.10/in", "https://0.0.0.0/in", "https://[fe80::1]/in", "https://224.0.0.1/in",
            ] {
                let response = try await client.execute(
                    uri: "/api/v1/organisations/WFP/webhooks", method: .post,
                    headers: app.headers("org_member", json: true),
                    body: ByteBuffer(string: #"{"url":"\#(url)"}"#))
                #expect(response.status == .unprocessableContent, "\(url) answered \(response.status.code)")
                #expect(response.body.text.contains("\"field\":\"url\""), "\(url): \(response.body.text)")
            }
            let hooks = try await client.execute(
                uri: "/api/v1/organisations/WFP/webhooks", method: .get, headers: app.headers("org_member")
            ).body.json()
            #expect((hooks["items"] as? [Any])?.isEmpty == true, "nothing was registered")
        }
    }

    /// The system resolver is asked, so a name's addresses, not its spelling, decide.
    @Test func namesAreResolvedToTheirAddresses() async throws {
        let addresses = try await HostResolver.addresses(of: "localhost")
        #expect(!addresses.isEmpty && addresses.allSatisfy(\.isInternal), "\(addresses)")
        #expect(throws: DomainError.self) { try WebhookTargets().check(addresses, host: "hooks.example.org") }
        #expect(try await HostResolver.addresses(of: "0x7f000001") == [.v4(0x7F00_0001)])
    }

    /// A name that resolves inward by the time of delivery (here `localhost`, as if its DNS had
    /// changed since registration) gets no request, and its delivery records why.
    @Test func aDeliveryToANameThatNowResolvesInwardIsRefused() async throws {
        try await TestApp.run { app, client in
            let receiver = Receiver()
            receiver.failuresLeft.withLock { $0 = 0 }
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await receiver.run(continuation) }
                var iterator = ports.makeAsyncIterator()
                let port = try #require(await iterator.next())
                try await app.store.database.transaction { db in
                    try await db.raw(
                        """
                        INSERT INTO webhooks (org_id, url, secret, created_at)
                        SELECT id, \(bind: "https://localhost:\(port)/hook"), 'whsec_test', 0 FROM organisations WHERE code = 'WFP'
                        """
                    ).run()
                }
                let declaration = try #require(try await app.store.declarations.view(id: app.kenyaDeclarationID, by: .console))
                let laned = try await client.execute(
                    uri: "/api/v1/declarations/\(declaration.id)/steps/assign_lane", method: .post,
                    headers: app.headers("customs_officer", json: true),
                    body: ByteBuffer(string: #"{"version":\#(declaration.version)}"#))
                #expect(laned.status == .ok)
                #expect(try await WebhookDeliverer(store: app.store).deliverDue(now: UnixTime.now()) == 0)
                #expect(receiver.received.withLock { $0.isEmpty }, "no request reached the address inside the network")
                let error = try await app.store.database.read { db in
                    try await db.raw("SELECT last_error FROM webhook_deliveries").first()?.decode(column: "last_error", as: String?.self)
                        ?? nil
                }
                #expect(error?.hasPrefix("refused: ") == true, "\(String(describing: error))")
                group.cancelAll()
            }
        }
    }
}
