import AsyncHTTPClient
import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import Logging
import HummingbirdTesting
import NIOCore
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
                $0.append(Delivery(body: Data(body.readableBytesView), signature: request.headers[.init("X-Corridor-Signature")!] ?? "",
                                   event: request.headers[.init("X-Corridor-Event")!] ?? ""))
            }
            return Response(status: .noContent)
        }
        var logger = Logger(label: "test.receiver")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
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
                let bad = try await client.execute(uri: "/api/v1/organisations/WFP/webhooks", method: .post, headers: app.headers("org_member", json: true),
                                                   body: ByteBuffer(string: #"{"url":"ftp://127.0.0.1/hook"}"#))
                #expect(bad.status == .unprocessableContent)
                let registered = try await client.execute(uri: "/api/v1/organisations/WFP/webhooks", method: .post,
                                                          headers: app.headers("org_member", json: true),
                                                          body: ByteBuffer(string: #"{"url":"http://127.0.0.1:\#(port)/hook"}"#))
                #expect(registered.status == .created)
                let secret = try #require(try registered.body.json()["secret"] as? String)
                #expect(try await client.execute(uri: "/api/v1/organisations/WFP/webhooks", method: .get, headers: app.headers("org_member"))
                    .body.text.contains("\"secret\"") == false, "the secret is shown once")

                let declaration = try #require(try await app.store.declarations.view(id: app.kenyaDeclarationID, by: .console))
                let laned = try await client.execute(uri: "/api/v1/declarations/\(declaration.id)/steps/assign_lane", method: .post,
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
                #expect(!WebhookSignature.verify(header: delivery.signature, body: delivery.body + Data("x".utf8), secret: secret, now: now + 11))
                #expect(!WebhookSignature.verify(header: delivery.signature, body: delivery.body, secret: "whsec_other", now: now + 11))
                #expect(!WebhookSignature.verify(header: delivery.signature, body: delivery.body, secret: secret, now: now + 11 + 3600), "replayed later")
                let event = try #require(try JSONSerialization.jsonObject(with: delivery.body) as? [String: Any])
                #expect(event["state"] as? String == "lane_assigned" && event["reference"] as? String == "WFP-KE-0001")
                let hooks = try await client.execute(uri: "/api/v1/organisations/WFP/webhooks", method: .get, headers: app.headers("org_member")).body.json()
                let hook = try #require((hooks["items"] as? [[String: Any]])?.first)
                #expect(hook["delivered"] as? Int == 1 && hook["failing"] as? Int == 0)
                let revoked = try await client.execute(uri: "/api/v1/organisations/WFP/webhooks/\(hook["id"] as? Int ?? 0)", method: .delete,
                                                       headers: app.headers("org_member"))
                #expect(revoked.status == .noContent)
                group.cancelAll()
            }
        }
    }
}
