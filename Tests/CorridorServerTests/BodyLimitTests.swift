import CorridorCore
@testable import CorridorServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Body limits belong to route groups: routes that take files allow the upload limit, every
/// other route the normal one (64 KiB in `TestApp`), and a refusal keeps the error envelope.
@Suite struct BodyLimitTests {
    /// A stock report a little over the normal limit: one header and many rows.
    static let report = "#loc+code,#item+code,#indicator+num\n" + String(repeating: "UNHRD-DXB,SHE-TENT-FAM,40\n", count: 3_000)

    @Test func aBodyOverTheNormalLimitIsRefusedOnlyWhereNoFileIsExpected() async throws {
        try await TestApp.run { app, client in
            #expect(Self.report.utf8.count > 64 * 1024)
            let refused = try await client.execute(
                uri: "/api/v1/organisations", method: .post, headers: app.headers("admin", json: true),
                body: ByteBuffer(string: Self.report))
            #expect(refused.status == .contentTooLarge)
            let error = try #require(try refused.body.json()["error"] as? [String: Any])
            #expect(error["code"] as? String == "too_large")

            let upload = try await client.execute(
                uri: "/api/v1/stock/imports?org=WFP&dry_run=true", method: .post,
                headers: app.headers("org_member"), body: ByteBuffer(string: Self.report))
            #expect(upload.status != .contentTooLarge, "\(upload.body.text.prefix(300))")
            #expect(upload.status == .ok, "\(upload.body.text.prefix(300))")
        }
    }
}
