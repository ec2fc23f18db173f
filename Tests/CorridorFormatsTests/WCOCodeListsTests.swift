import CorridorCore
import CorridorFormats
import Testing

/// Units as UN/ECE Recommendation 20 codes and documents as UN/EDIFACT 1001 codes; no code is
/// invented for what the lists do not have.
@Suite struct WCOCodeListsTests {
    @Test func unitsAreRecommendation20Codes() {
        #expect(WCOCodeLists.unitCode("piece") == "H87")
        #expect(WCOCodeLists.unitCode(" Pieces ") == "H87")
        #expect(WCOCodeLists.unitCode("kg") == "KGM")
        #expect(WCOCodeLists.unitCode("litre") == "LTR")
        #expect(WCOCodeLists.unitCode("kit") == "KT")
        #expect(WCOCodeLists.unitCode("set") == "SET")
        #expect(WCOCodeLists.unitCode("roll") == "RO")
        #expect(WCOCodeLists.unitCode("tablet") == "U2")
        for package in ["carton", "box", "bale", "sachet", "drum", ""] {
            #expect(WCOCodeLists.unitCode(package) == nil, "\(package) is a package, not a unit of measure")
        }
    }

    @Test func documentsAreUNEDIFACT1001Codes() {
        func code(_ document: RequiredDocument, _ mode: String = "sea") -> String? {
            WCOCodeLists.documentCode(document.rawValue, transportMode: mode)
        }
        #expect(code(.packingList) == "271")
        #expect(code(.transportDocument, "air") == "740")
        #expect(code(.transportDocument, "sea") == "705")
        #expect(code(.transportDocument, "road") == "730")
        #expect(code(.transportDocument, "rail") == "720")
        #expect(code(.certificateOfAnalysis) == "1")
        #expect(code(.veterinaryCertificate) == "853")
        #expect(code(.dangerousGoodsDeclaration) == "890")
        #expect(code(.importAuthorisation) == "911")
        #expect(WCOCodeLists.documentCode("commercial_invoice", transportMode: "air") == "380")
        #expect(WCOCodeLists.documentCode("certificate_of_origin", transportMode: "air") == "861")
        for none in [RequiredDocument.donationCertificate, .vehicleRegistration, .healthCertificate, .civilAviationAuthorisation] {
            #expect(code(none) == nil, "\(none.rawValue) has no 1001 code of its own")
        }
        #expect(WCOCodeLists.transportDocumentCode("pipeline") == nil)
    }
}
