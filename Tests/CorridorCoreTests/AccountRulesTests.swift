import Foundation
import CorridorCore
import Testing

@Suite struct AccountRulesTests {
    @Test func rolesParseWithTheirScope() throws {
        #expect(try Role.parse(kind: "org_member", orgCode: "wfp", country: nil) == .orgMember(orgCode: "WFP"))
        #expect(try Role.parse(kind: "coordinator", orgCode: nil, country: nil) == .coordinator(country: nil))
        #expect(try Role.parse(kind: "coordinator", orgCode: nil, country: "np") == .coordinator(country: "NP"))
        #expect(throws: DomainError.invalid(field: "org", "an org_member needs an organisation code")) {
            try Role.parse(kind: "org_member", orgCode: nil, country: nil)
        }
        #expect(throws: DomainError.self) { try Role.parse(kind: "customs_officer", orgCode: nil, country: nil) }
        #expect(throws: DomainError.self) { try Role.parse(kind: "king", orgCode: nil, country: nil) }
        #expect(throws: DomainError.self) { try Role.parse(kind: "coordinator", orgCode: nil, country: "Nepal") }
    }

    @Test func newUserReportsEveryProblem() {
        let bad = NewUser(email: "not-an-email", name: "", password: "short", roles: [])
        do {
            _ = try bad.validated()
            Issue.record("expected invalid")
        } catch {
            #expect(Set(error.problems.compactMap(\.field)) == ["email", "password", "role"])
        }
    }

    @Test func organisationValidation() throws {
        let ok = try NewOrganisation(code: "msf-ocg", name: " MSF ", type: "ingo", hqCountry: "ch").validated()
        #expect(ok.code == "MSF-OCG")
        #expect(ok.name == "MSF")
        #expect(ok.hqCountry.value == "CH")
        do {
            _ = try NewOrganisation(code: "1", name: "", type: "club", hqCountry: "Swiss").validated()
            Issue.record("expected invalid")
        } catch {
            #expect(error.problems.count == 4)
        }
    }

    @Test func throttleSlowsThenLocksThenForgets() {
        let rule = LoginThrottle(freeFailures: 2, lockAfter: 4, lockSeconds: 600, windowSeconds: 900, baseDelayMilliseconds: 100)
        let now: Int64 = 10_000
        #expect(rule.verdict(failures: [now - 5, now - 4], now: now) == .proceed(delayMilliseconds: 0))
        #expect(rule.verdict(failures: [now - 5, now - 4, now - 3], now: now) == .proceed(delayMilliseconds: 100))
        #expect(rule.verdict(failures: [now - 5, now - 4, now - 3, now - 2], now: now) == .locked(retryAfterSeconds: 598))
        #expect(rule.verdict(failures: [now - 5, now - 4, now - 3, now - 2], now: now + 700) == .proceed(delayMilliseconds: 200))
        #expect(rule.verdict(failures: [now - 5, now - 4, now - 3, now - 2], now: now + 1000) == .proceed(delayMilliseconds: 0))
    }

    @Test func hsCodesAcceptNationalExtensions() {
        #expect(HSCode("6306.22")?.digits == "630622")
        #expect(HSCode("6306.22.10.00")?.international == "630622")
        #expect(HSCode("6306.22.10.00")?.level == 10)
        #expect(HSCode("63062") == nil)
        #expect(HSCode("63a6") == nil)
    }

    @Test func emailsAreNormalised() throws {
        #expect(try CredentialRules.normalisedEmail(" Ana@Example.ORG ") == "ana@example.org")
        #expect(throws: DomainError.self) { try CredentialRules.normalisedEmail("ana@localhost") }
    }
}
