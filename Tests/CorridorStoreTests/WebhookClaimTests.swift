import CorridorCore
import CorridorStore
import Foundation
import Logging
import SQLKit
import Testing

/// Several servers share one database and each runs a webhook deliverer: every due delivery is
/// claimed by exactly one of them, and a claim that its server never finishes runs out.
@Suite struct WebhookClaimTests {
    typealias D = DeclarationTests

    /// PostgreSQL only: several servers share a PostgreSQL database, never a SQLite file.
    @Test(.disabled(if: TestDatabase.postgresURL == nil, "CORRIDOR_TEST_POSTGRES_URL is unset"))
    func twoServersClaimEveryDueDeliveryOnceBetweenThem() async throws {
        try await TestDatabase.postgres.withStore { store in
            let w = try await D.world(store)
            for index in 0..<12 { _ = try await store.webhooks.register(org: "WFP", url: "https://8.8.8.8/hook/\(index)", by: w.wfp) }
            // Lodging and assigning the lane: two events, one delivery per receiver each.
            _ = try await ClearanceTests.lodgedWithLane(w, "CLAIM-1")
            let now = UnixTime.now()
            let other = try Database(store.database.url, logger: Logger(label: "test"), postgresSchema: store.database.postgresSchema)
            async let mine = Self.claimAll(store.database, now: now)
            async let theirs = Self.claimAll(other, now: now)
            let (a, b) = try await (mine, theirs)
            await other.close()
            #expect(a.count + b.count == 24, "\(a.count) + \(b.count)")
            #expect(Set(a + b).count == 24, "no delivery was claimed twice")
            #expect(try await WebhookOutbox.claim(store.database, now: now + 1).isEmpty, "claimed deliveries are no longer due")
            let again = try await WebhookOutbox.claim(store.database, now: now + WebhookOutbox.claimSeconds + 1, limit: 100)
            #expect(again.count == 24, "a claim nobody finished runs out, and the deliveries are due again")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRecordedAttemptEndsTheClaim(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await D.world(store)
            _ = try await store.webhooks.register(org: "WFP", url: "https://8.8.8.8/hook", by: w.wfp)
            _ = try await ClearanceTests.lodgedWithLane(w, "CLAIM-2")
            let now = UnixTime.now()
            let claimed = try await WebhookOutbox.claim(store.database, now: now)
            #expect(claimed.map(\.event) == ["declaration.lodge", "declaration.assign_lane"])
            try await WebhookOutbox.record(claimed[0], status: 204, error: nil, database: store.database, now: now)
            try await WebhookOutbox.record(claimed[1], status: 500, error: "HTTP 500", database: store.database, now: now)
            let retry = now + Int64(WebhookRules.delay(afterAttempt: 1))
            #expect(try await WebhookOutbox.claim(store.database, now: retry - 1).isEmpty, "the failed one waits for its backoff")
            let due = try await WebhookOutbox.claim(store.database, now: retry)
            #expect(due.map(\.event) == ["declaration.assign_lane"] && due.first?.attempts == 1, "\(due.map(\.event))")
        }
    }

    /// Claims a few at a time until nothing is due, yielding between claims so the two servers interleave.
    static func claimAll(_ database: Database, now: Int64) async throws -> [Int64] {
        var ids: [Int64] = []
        while true {
            let claimed = try await WebhookOutbox.claim(database, now: now, limit: 3)
            if claimed.isEmpty { return ids }
            ids += claimed.map(\.id)
            await Task.yield()
        }
    }
}
