import CorridorCore
import Testing

/// Rules that use the catalogue item's customs facts: alternative HS codes against the needs
/// list, UN numbers and controlled medicines as special cargo.
@Suite struct CatalogueCustomsRulesTests {
    static let tarpaulin = DeclaredGoods(
        itemCode: "SHE-TARP-4X6", hsCode: HSCode("392690")!, alternativeHSCodes: [HSCode("630612")!])

    /// Tarpaulins are 3926.90 (Chapter 59 Note 2(a)(3)); a needs list asking for heading 6306
    /// asks for them too, through the catalogue's alternative code.
    @Test func aNeedsListHeadingMatchesTheItemsAlternativeHSCode() {
        let kenya = [NeedsListEntry(itemCode: nil, hsHeading: "6306", priority: .urgent)]
        #expect(kenya[0].matches(Self.tarpaulin))
        #expect(NeedsListStanding.of(lines: [Self.tarpaulin], needs: kenya, hasEmergency: true) == NeedsListStanding())
        let bare = DeclaredGoods(itemCode: nil, hsCode: HSCode("392690")!)
        #expect(!kenya[0].matches(bare), "without the catalogue item, 3926.90 is not 6306")
        #expect(NeedsListStanding.of(lines: [bare], needs: kenya, hasEmergency: true) == NeedsListStanding(unrequestedLines: 1))
        #expect(ClearanceQueue.priority(lines: [Self.tarpaulin], needs: kenya) == .urgent)
        let subheading = NeedsListEntry(itemCode: nil, hsHeading: "630612", priority: .canWait)
        #expect(subheading.matches(Self.tarpaulin), "a subheading matches too")
        #expect(!NeedsListEntry(itemCode: nil, hsHeading: "630622", priority: .urgent).matches(Self.tarpaulin), "tents are not tarpaulins")
        // Not needed under its alternative code: held like any goods marked not needed.
        let notNeeded = [NeedsListEntry(itemCode: nil, hsHeading: "6306", priority: .notNeeded)]
        #expect(NeedsListStanding.of(lines: [Self.tarpaulin], needs: notNeeded, hasEmergency: true) == NeedsListStanding(notNeededLines: 1))
    }

    @Test func dangerousGoodsAndControlledMedicinesNeedTheirDocuments() throws {
        let hypochlorite = DeclaredGoods(itemCode: "WSH-HTH-70", hsCode: HSCode("282810")!, unNumber: UNNumber("UN2880"))
        #expect(SpecialCargo.of(hypochlorite) == [.dangerousGoods])
        #expect(
            DocumentsChecklist.required(for: [hypochlorite])
                == [.packingList, .transportDocument, .donationCertificate, .dangerousGoodsDeclaration])
        let petrolGenerator = DeclaredGoods(itemCode: "LOG-GEN-5KVA", hsCode: HSCode("850220")!, unNumber: UNNumber("3528"))
        #expect(SpecialCargo.of(petrolGenerator) == [.dangerousGoods])
        let vehicle = DeclaredGoods(itemCode: "LOG-VEH-4X4", hsCode: HSCode("870333")!, unNumber: UNNumber("UN 3166"))
        #expect(SpecialCargo.of(vehicle) == [.vehicles, .dangerousGoods])
        #expect(
            DocumentsChecklist.required(for: [vehicle])
                == [
                    .packingList, .transportDocument, .donationCertificate, .vehicleRegistration, .temporaryAdmission,
                    .dangerousGoodsDeclaration,
                ])
        let iehk = DeclaredGoods(itemCode: "HEA-IEHK-SUPPL", hsCode: HSCode("300490")!, controlledMedicines: true)
        #expect(SpecialCargo.of(iehk) == [.medicines, .controlledMedicines])
        #expect(
            DocumentsChecklist.required(for: [iehk, Self.tarpaulin])
                == [
                    .packingList, .transportDocument, .donationCertificate, .importAuthorisation, .certificateOfAnalysis,
                    .controlledMedicinesPermit,
                ])
        #expect(SpecialCargo.of(Self.tarpaulin).isEmpty)
    }

    @Test func unNumbersAreFourDigits() {
        #expect(UNNumber("UN2880")?.description == "UN 2880")
        #expect(UNNumber("un 3481")?.digits == "3481")
        #expect(UNNumber("3090")?.digits == "3090")
        #expect(UNNumber("UN288") == nil)
        #expect(UNNumber("UN28801") == nil)
        #expect(UNNumber("UNXXXX") == nil)
        #expect(UNNumber("0000") == nil)
    }
}
