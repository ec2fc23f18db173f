import Foundation
import CorridorCore
import CorridorStore
import Testing

@Suite struct AccountTests {
    /// Stored credentials are these hashes: they must stay the standard lower-case hex digest,
    /// or every token and session already issued stops working.
    @Test func credentialsHashToTheStandardSHA256Digest() {
        #expect(Secrets.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secrets.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Secrets.sha256Hex("é") == "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c")
    }

    @Test(arguments: TestDatabase.available)
    func organisationsAreUniqueAndNeedAKnownCountry(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let wfp = try await store.organisations.create(
                NewOrganisation(code: "WFP", name: "World Food Programme", type: "un_agency", hqCountry: "IT"), by: .console)
            #expect(wfp.code == "WFP")
            await #expect(throws: DomainError.self) {
                try await store.organisations.create(
                    NewOrganisation(code: "wfp", name: "Again", type: "ingo", hqCountry: "IT"), by: .console)
            }
            await #expect(throws: DomainError.invalid(field: "hq_country", "'XX' is not a known country")) {
                try await store.organisations.create(NewOrganisation(code: "NEW", name: "New", type: "ingo", hqCountry: "XX"), by: .console)
            }
            let member = Actor.user(id: 99, email: "m@x.org", roles: [.orgMember(orgCode: "WFP")])
            await #expect(throws: DomainError.forbidden("your roles do not allow createOrganisation here")) {
                try await store.organisations.create(NewOrganisation(code: "MINE", name: "Mine", type: "ingo", hqCountry: "IT"), by: member)
            }
            #expect(try await store.organisations.all().map(\.code) == ["WFP"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func usersKeepTheirScopedRoles(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            _ = try await store.organisations.create(
                NewOrganisation(code: "IFRC", name: "IFRC", type: "red_cross_red_crescent", hqCountry: "CH"), by: .console)
            let roles: [Role] = [.orgMember(orgCode: "IFRC"), .coordinator(country: nil), .customsOfficer(country: "KE")]
            let created = try await store.users.create(
                NewUser(email: "Log@IFRC.example", name: "Log", password: "long enough pw", roles: roles), by: .console)
            let found = try await store.users.find(email: "log@ifrc.example")
            #expect(found == created)
            #expect(found?.roles == roles)
            await #expect(throws: DomainError.self) {
                try await store.users.create(
                    NewUser(email: "log@ifrc.example", name: "", password: "long enough pw", roles: [.admin]), by: .console)
            }
            await #expect(throws: DomainError.invalid(field: "org", "no organisation has code NOPE")) {
                try await store.users.create(
                    NewUser(
                        email: "x@y.org", name: "", password: "long enough pw",
                        roles: [.orgMember(orgCode: "NOPE")]), by: .console)
            }
            #expect(try await store.users.all(by: .console).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func repeatedFailedSignInsSlowDownThenLock(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            _ = try await store.users.create(
                NewUser(email: "ana@x.org", name: "Ana", password: "correct horse", roles: [.admin]), by: .console)
            let now: Int64 = 1_800_000_000
            #expect(
                try await store.signIn.signIn(email: "ana@x.org", password: "correct horse", address: "1.1.1.1", now: now)
                    != .rejected(delayMilliseconds: 0))
            #expect(
                try await store.signIn.signIn(email: "ana@x.org", password: "wrong", address: "1.1.1.1", now: now)
                    == .rejected(delayMilliseconds: 0))
            #expect(
                try await store.signIn.signIn(email: "ana@x.org", password: "wrong", address: "1.1.1.1", now: now)
                    == .rejected(delayMilliseconds: 0))
            #expect(
                try await store.signIn.signIn(email: "ana@x.org", password: "wrong", address: "1.1.1.1", now: now)
                    == .rejected(delayMilliseconds: 1))
            _ = try await store.signIn.signIn(email: "ana@x.org", password: "wrong", address: "1.1.1.1", now: now)
            // Locked now: even the right password is refused, from another address too.
            await #expect(throws: DomainError.self) {
                try await store.signIn.signIn(email: "ana@x.org", password: "correct horse", address: "2.2.2.2", now: now + 1)
            }
            // After the lock the right password works again.
            let later = try await store.signIn.signIn(email: "ana@x.org", password: "correct horse", address: "3.3.3.3", now: now + 1000)
            guard case .signedIn(let user) = later else { Issue.record("expected sign-in after the lock expired"); return }
            #expect(user.email == "ana@x.org")
        }
    }

    @Test(arguments: TestDatabase.available)
    func tokensAuthenticateUntilRevoked(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let user = try await store.users.create(
                NewUser(email: "bot@x.org", name: "", password: "long enough pw", roles: [.coordinator(country: nil)]), by: .console)
            let created = try await store.tokens.create(for: user.id, name: "script", by: user.actor)
            #expect(created.secret.hasPrefix("cor_"))
            #expect(try await store.tokens.authenticate(created.secret)?.id == user.id)
            #expect(try await store.tokens.authenticate(created.secret + "x") == nil)
            // Roles come back in the order they were given, not in their names' order.
            let roles: [Role] = [.coordinator(country: "KE"), .customsOfficer(country: "KE"), .admin]
            let many = try await store.users.create(
                NewUser(email: "many@x.org", name: "", password: "long enough pw", roles: roles), by: .console)
            let manyToken = try await store.tokens.create(for: many.id, name: "script", by: many.actor)
            #expect(try await store.tokens.authenticate(manyToken.secret)?.roles == roles)
            let other = Actor.user(id: user.id + 1, email: "o@x.org", roles: [.orgMember(orgCode: "X")])
            await #expect(throws: DomainError.self) { try await store.tokens.revoke(id: created.info.id, by: other) }
            let revoked = try await store.tokens.revoke(id: created.info.id, by: user.actor)
            #expect(revoked.revokedAt != nil)
            #expect(try await store.tokens.authenticate(created.secret) == nil)
            #expect(try await store.tokens.list(of: user.id, by: user.actor).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func sessionsEndAndCarryTheirCSRFToken(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let user = try await store.users.create(
                NewUser(email: "s@x.org", name: "", password: "long enough pw", roles: [.admin]), by: .console)
            let started = try await store.sessions.start(for: user)
            #expect(try await store.sessions.find(token: started.token)?.csrfToken == started.csrf)
            #expect(try await store.sessions.find(token: started.token, now: UnixTime.now() + SessionRepository.lifetimeSeconds + 1) == nil)
            try await store.sessions.end(token: started.token)
            #expect(try await store.sessions.find(token: started.token) == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func demoLoadsOnceAndAgainChangesNothing(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let first = try await DemoLoader.load(into: store)
            #expect(first.organisationsAdded >= 12)
            #expect(first.usersAdded == first.credentials.count)
            let second = try await DemoLoader.load(into: store)
            #expect(second.organisationsAdded == 0)
            #expect(second.usersAdded == 0)
            let hubs = try await store.sites.visible(to: .anonymous).filter { $0.code.hasPrefix("UNHRD") }
            #expect(hubs.count == 6)
            #expect(try await store.sites.visible(to: .anonymous).contains { $0.sharing == .private } == false)
            #expect(try await store.sites.visible(to: .console).contains { $0.sharing == .private })
        }
    }
}
