import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// A server on a fresh SQLite file with the demo loaded (its past declarations only when asked for:
/// they take seconds), and an API token for one user of each role.
// The router is built once and only read afterwards, so sharing it with the test client is safe.
struct TestApp: @unchecked Sendable {
    /// The SQLite file, removed when the test ends.
    let path: String
    let store: Store
    let router: Router<CorridorRequestContext>
    /// Bearer tokens by role name: admin, org_member, customs_officer, coordinator, coordinator_country.
    let tokens: [String: String]
    /// A spare token of the admin's, for owner-only routes (revoking it must not lock the tests out).
    let adminTokenID: Int64
    /// A site of WFP, the organisation of the `org_member` account.
    let wfpSiteID: Int64
    /// A demo emergency and accreditation in Kenya, the country of the `customs_officer` account.
    let kenyaEmergencyID: Int64
    let kenyaAccreditationID: Int64
    let kenyaDeclarationID: Int64

    /// The record an `{id}` in a documented path stands for in the route table test.
    func sampleID(for path: String) -> Int64 {
        if path.contains("/sites/") { return wfpSiteID }
        if path.contains("/emergencies/") { return kenyaEmergencyID }
        if path.contains("/accreditations/") { return kenyaAccreditationID }
        if path.contains("/declarations/") { return kenyaDeclarationID }
        return adminTokenID
    }

    static func make(history: Bool) async throws -> TestApp {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-http-\(UUID().uuidString).sqlite").path
        let settings = StoreSettings(
            bcryptCost: 4,
            loginThrottle: LoginThrottle(
                freeFailures: 2, lockAfter: 4, addressLockAfter: 10, lockSeconds: 600, windowSeconds: 900, baseDelayMilliseconds: 1),
            webhookTargets: WebhookTargets(allowedHosts: ["127.0.0.1"]))
        let store = try await Store.open(.sqlite(path: path), settings: settings, logger: Logger(label: "test"))
        do {
            _ = try await DemoLoader.load(into: store, history: history)
        } catch {
            await store.close()
            removeFiles(at: path)
            throw error
        }
        var config = CorridorConfig()
        config.store = settings
        config.maxBodyBytes = 64 * 1024
        let router = try await buildRouter(store: store, config: config)
        var tokens: [String: String] = [:]
        var adminTokenID: Int64 = 0
        for (role, email) in Self.accounts {
            let user = try #require(try await store.users.find(email: email))
            let created = try await store.tokens.create(for: user.id, name: "test", by: .console)
            tokens[role] = created.secret
            if role == "admin" {
                adminTokenID = try await store.tokens.create(for: user.id, name: "to revoke", by: .console).info.id
            }
        }
        let wfpSite = try #require(try await store.sites.visible(to: .console).first { $0.orgCode == "WFP" })
        let emergency = try #require(try await store.customs.emergencies(country: "KE").first)
        let accreditation = try #require(try await store.accreditations.visible(to: .console).first { $0.country == "KE" })
        return TestApp(
            path: path, store: store, router: router, tokens: tokens, adminTokenID: adminTokenID, wfpSiteID: wfpSite.id,
            kenyaEmergencyID: emergency.id, kenyaAccreditationID: accreditation.id,
            kenyaDeclarationID: try #require(try await store.declarations.list(by: .console).first).id)
    }

    static let accounts: [(String, String)] = [
        ("admin", "admin@corridor.example"),
        ("org_member", "logistics@wfp.example"),
        ("customs_officer", "customs.ke@corridor.example"),
        ("coordinator", "coordinator@corridor.example"),
        ("coordinator_country", "coordinator.np@corridor.example"),
    ]

    /// Builds a test app, runs `body` against its router, and closes the store, pass or fail.
    static func run(history: Bool = false, _ body: @escaping @Sendable (TestApp, any TestClientProtocol) async throws -> Void) async throws
    {
        let testApp = try await make(history: history)
        let app = Application(router: testApp.router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        do {
            try await app.test(.router) { client in
                try await body(testApp, SchemaCheckingClient(inner: client, document: .shared))
            }
        } catch {
            await testApp.store.close()
            removeFiles(at: testApp.path)
            throw error
        }
        await testApp.store.close()
        removeFiles(at: testApp.path)
    }

    /// The test's SQLite file and its WAL files, once the store is closed.
    private static func removeFiles(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    func headers(_ role: String?, json: Bool = false) -> HTTPFields {
        var fields = HTTPFields()
        if let role, let token = tokens[role] { fields[.authorization] = "Bearer \(token)" }
        if json { fields[.contentType] = "application/json" }
        return fields
    }
}

extension ByteBuffer {
    var text: String { String(buffer: self) }
    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
