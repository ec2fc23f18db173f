import Foundation
import CorridorCore
import Testing

@Suite struct PolicyTests {
    let admin = Actor.user(id: 1, email: "a@x.org", roles: [.admin])
    let member = Actor.user(id: 2, email: "m@x.org", roles: [.orgMember(orgCode: "WFP")])
    let customs = Actor.user(id: 3, email: "c@x.org", roles: [.customsOfficer(country: "KE")])
    let coordinator = Actor.user(id: 4, email: "g@x.org", roles: [.coordinator(country: nil)])

    @Test func anonymousReadsReferenceDataButNeedsIdentityToWrite() {
        #expect(Policy.decide(.anonymous, .readReferenceData) == .allow)
        #expect(Policy.decide(.anonymous, .readOrganisations) == .allow)
        #expect(Policy.decide(.anonymous, .createOrganisation) == .needsIdentity)
        #expect(Policy.decide(.anonymous, .readOwnAccount) == .needsIdentity)
    }

    @Test func onlyAdminsAndTheConsoleCreateOrganisationsAndUsers() {
        for actor in [member, customs, coordinator] {
            #expect(Policy.decide(actor, .createOrganisation) == .deny)
            #expect(Policy.decide(actor, .createUser) == .deny)
            #expect(Policy.decide(actor, .readUsers) == .deny)
        }
        #expect(Policy.can(admin, .createOrganisation))
        #expect(Policy.can(.console, .createUser))
    }

    @Test func tokensBelongToTheirOwner() {
        #expect(Policy.can(member, .createToken, .account(ownerID: 2)))
        #expect(Policy.decide(member, .createToken, .account(ownerID: 3)) == .deny)
        #expect(Policy.decide(member, .revokeToken, .account(ownerID: 3)) == .deny)
        #expect(Policy.can(admin, .revokeToken, .account(ownerID: 3)))
    }

    @Test func authorizeThrowsTheMatchingError() {
        #expect(throws: DomainError.unauthenticated("sign in or send an API token to do this")) {
            try Policy.authorize(.anonymous, .createUser)
        }
        #expect(throws: DomainError.self) { try Policy.authorize(member, .createUser) }
    }

    @Test func privateSitesAreSeenOnlyByOwnerCoordinatorsAndAdmins() {
        let site = Site(
            id: 1, orgCode: "OXFAM", code: "S", name: "S", country: "KE", adm1: nil, lat: 0, lon: 36,
            tier: .field, capacityM3: nil, freeM3: nil, sharing: .private)
        #expect(!Policy.canSee(site, .anonymous))
        #expect(!Policy.canSee(site, member))
        #expect(!Policy.canSee(site, customs))
        #expect(Policy.canSee(site, coordinator))
        #expect(Policy.canSee(site, .user(id: 9, email: "o@x.org", roles: [.orgMember(orgCode: "OXFAM")])))
        #expect(Policy.canSee(site, .user(id: 9, email: "k@x.org", roles: [.coordinator(country: "KE")])))
        #expect(!Policy.canSee(site, .user(id: 9, email: "n@x.org", roles: [.coordinator(country: "NP")])))
    }
}
