import CorridorCore
import Foundation
import Testing

@Suite struct LodgementRulesTests {
    @Test func anAirWaybillNumberCarriesItsModSevenCheckDigit() {
        // 1234567 = 7 × 176366 + 5: the check digit is 5.
        #expect(TransportDocumentType.airWaybill.checked("176-12345675") == .success("176-12345675"))
        #expect(TransportDocumentType.airWaybill.checked(" 176 1234 5675 ") == .success("176-12345675"))
        #expect(TransportDocumentType.airWaybill.checked("17612345675") == .success("176-12345675"))
        // 9999999 = 7 × 1428571 + 2.
        #expect(TransportDocumentType.airWaybill.checked("020-99999992") == .success("020-99999992"))
        guard case .failure(let wrong) = TransportDocumentType.airWaybill.checked("176-12345676") else {
            Issue.record("a wrong check digit passed")
            return
        }
        #expect(wrong.message.contains("must be 5"))
        for bad in ["176-1234567", "176-123456789", "ABC-12345675", ""] {
            #expect((try? TransportDocumentType.airWaybill.checked(bad).get()) == nil, "\(bad)")
        }
        #expect(TransportDocumentType.billOfLading.checked("maeu 123456789") == .success("MAEU 123456789"))
        #expect((try? TransportDocumentType.cmr.checked("<script>").get()) == nil)
        #expect(TransportDocumentType.usual(for: .air) == .airWaybill)
        #expect(TransportDocumentType.usual(for: .sea) == .billOfLading)
    }

    static func content(value: Int64 = 100, noCommercialValue: Bool = false) -> DeclarationContent {
        DeclarationContent(
            reference: "R-1", consignee: "Kenya Red Cross Society", destination: "KE", entryPoint: "KENBO", emergencyId: 1,
            transportMode: "air", transportDocument: "176-12345675", transportDocumentType: "air_waybill", expectedArrival: "2026-12-10",
            packages: 40, packagesKind: "pallets",
            lines: [
                CheckedDeclarationLine(
                    description: "Family tents", itemCode: nil, hsCode: HSCode("630622")!, quantity: Quantity(units: 10), unit: "piece",
                    grossKg: 650, value: Quantity(units: value), currency: "USD", origin: "PK", reExportBy: nil,
                    noCommercialValue: noCommercialValue)
            ])
    }

    @Test func lodgingNamesEveryMissingParticular() throws {
        #expect(LodgementRequirements.missing(Self.content()).isEmpty)
        var bare = Self.content(value: 0)
        (bare.consignee, bare.transportDocument, bare.transportDocumentType) = (" ", nil, nil)
        (bare.expectedArrival, bare.packages, bare.packagesKind) = (nil, nil, "")
        let fields = LodgementRequirements.missing(bare).map(\.field)
        #expect(
            fields == [
                "consignee", "transport_document_type", "transport_document", "expected_arrival", "packages", "packages_kind",
                "lines[0].value",
            ])
        #expect(throws: DomainError.self) { try LodgementRequirements.check(bare, provisionalAllowed: false) }
        try LodgementRequirements.check(bare, provisionalAllowed: true)
        #expect(LodgementRequirements.missing(Self.content(value: 0, noCommercialValue: true)).isEmpty)
    }

    @Test func anAmendmentAfterLodgementIsARequestCustomsDecidesOnce() throws {
        let pending = AmendmentRequest(
            sequence: 1, requestedBy: "wfp", requestedAt: 0, differences: ["packages: 40 → 44"], status: .pending)
        #expect(throws: DomainError.self) { try DeclarationAmendment.checkNoPending([pending]) }
        try DeclarationAmendment.checkNoPending([])
        var refused = pending
        refused.status = .refused
        try DeclarationAmendment.checkNoPending([refused])
        // Only customs decides; a refusal says why; a decided request stays decided.
        #expect(throws: DomainError.self) {
            try DeclarationAmendment.checkDecision(
                accept: true, reason: nil, request: pending, state: .lodged, by: .declarant, isAdmin: false)
        }
        #expect(throws: DomainError.self) {
            try DeclarationAmendment.checkDecision(
                accept: false, reason: "  ", request: pending, state: .lodged, by: .customs, isAdmin: false)
        }
        #expect(
            try DeclarationAmendment.checkDecision(
                accept: false, reason: " Invoice shows 40 ", request: pending, state: .lodged, by: .customs, isAdmin: false)
                == "Invoice shows 40")
        #expect(
            try DeclarationAmendment.checkDecision(
                accept: true, reason: nil, request: pending, state: .queried, by: .customs, isAdmin: false)
                == nil)
        #expect(throws: DomainError.self) {
            try DeclarationAmendment.checkDecision(
                accept: true, reason: nil, request: refused, state: .lodged, by: .customs, isAdmin: false)
        }
        #expect(throws: DomainError.self) {
            try DeclarationAmendment.checkDecision(
                accept: true, reason: nil, request: pending, state: .released, by: .customs, isAdmin: false)
        }
    }

    @Test func documentsGetAVerdictAndARejectionBlocksRelease() throws {
        // The declarant provides; customs accepts or rejects what was provided, or waives.
        #expect(
            try DocumentVerdict.next(.provided, from: .missing, by: .declarant, isAdmin: false, hasFile: true, reason: nil) == nil)
        #expect(throws: DomainError.self) {
            try DocumentVerdict.next(.provided, from: .missing, by: .customs, isAdmin: false, hasFile: true, reason: nil)
        }
        #expect(throws: DomainError.self) {
            try DocumentVerdict.next(.accepted, from: .missing, by: .customs, isAdmin: false, hasFile: false, reason: nil)
        }
        #expect(throws: DomainError.self) {
            try DocumentVerdict.next(.rejected, from: .provided, by: .customs, isAdmin: false, hasFile: false, reason: "")
        }
        #expect(
            try DocumentVerdict.next(.rejected, from: .provided, by: .customs, isAdmin: false, hasFile: false, reason: "unsigned")
                == "unsigned")
        #expect(throws: DomainError.self) {
            try DocumentVerdict.next(.accepted, from: .provided, by: .declarant, isAdmin: false, hasFile: false, reason: nil)
        }
        // After a rejection the declarant sends a new file; an accepted document is settled.
        _ = try DocumentVerdict.next(.provided, from: .rejected, by: .declarant, isAdmin: false, hasFile: true, reason: nil)
        #expect(throws: DomainError.self) {
            try DocumentVerdict.next(.provided, from: .accepted, by: .declarant, isAdmin: false, hasFile: true, reason: nil)
        }
        #expect(throws: DomainError.self) {
            try DocumentVerdict.next(.waived, from: .rejected, by: .customs, isAdmin: false, hasFile: false, reason: nil)
        }
        #expect(!DocumentsChecklist.isSettled(.rejected))
        #expect(!DocumentsChecklist.isSettled(.missing))
        #expect(DocumentsChecklist.isSettled(.accepted))

        let facts = DeclarationFacts(provisionalAllowed: true, documentsComplete: false, rejectedDocuments: ["Packing list"])
        #expect(throws: DomainError.self) { try DeclarationLifecycle.apply(.release, to: .laneAssigned, by: .customs, facts: facts) }
        #expect(
            try DeclarationLifecycle.apply(
                .release, to: .laneAssigned, by: .customs, facts: DeclarationFacts(provisionalAllowed: true, documentsComplete: false))
                == .released)
    }
}
