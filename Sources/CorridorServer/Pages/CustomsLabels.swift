import CorridorCore
import CorridorLanguages

// The words of the customs enums, in the reader's language (the core's `label` stays the English).

extension Lane {
    var shown: String {
        switch self {
        case .green: L("green")
        case .blue: L("blue")
        case .yellow: L("yellow")
        case .red: L("red")
        }
    }
}

extension DeclarationState {
    var shown: String {
        switch self {
        case .draft: L("draft")
        case .lodged: L("lodged")
        case .laneAssigned: L("lane assigned")
        case .queried: L("queried")
        case .answered: L("answered")
        case .released: L("released")
        case .completed: L("completed")
        case .closed: L("closed")
        case .rejected: L("rejected")
        case .cancelled: L("cancelled")
        }
    }
}

extension ServiceLevel {
    var shown: String {
        switch self {
        case .notArrived: L("not arrived")
        case .onTrack: L("on track")
        case .atRisk: L("at risk")
        case .breached: L("breached")
        }
    }
}

extension Language {
    /// The language's name in the reader's language ("français" reads "French" in English).
    var shownName: String {
        switch self {
        case .en: L("English")
        case .fr: L("French")
        case .es: L("Spanish")
        case .pt: L("Portuguese")
        case .ar: L("Arabic")
        }
    }
}

extension DeclarationStep {
    /// The step as its button reads.
    var shown: String {
        switch self {
        case .lodge: L("Lodge")
        case .assignLane: L("Assign lane")
        case .query: L("Query")
        case .answer: L("Answer")
        case .release: L("Release")
        case .complete: L("Complete")
        case .close: L("Close")
        case .reject: L("Reject")
        case .cancel: L("Cancel")
        }
    }
}

extension AmendmentStatus {
    var shown: String {
        switch self {
        case .pending: L("waiting for customs")
        case .accepted: L("accepted")
        case .refused: L("refused")
        }
    }
}

extension DocumentsChecklist.Status {
    var shown: String {
        switch self {
        case .missing: L("missing")
        case .provided: L("provided, not yet checked")
        case .accepted: L("accepted")
        case .rejected: L("rejected")
        case .waived: L("waived")
        }
    }
}

extension TransportDocumentType {
    var shown: String {
        switch self {
        case .airWaybill: L("air waybill")
        case .billOfLading: L("bill of lading")
        case .cmr: L("CMR consignment note")
        case .cim: L("CIM rail consignment note")
        }
    }
}

extension SpecialCargo {
    var shown: String {
        switch self {
        case .medicines: L("medicines")
        case .controlledMedicines: L("controlled medicines")
        case .telecoms: L("telecommunication equipment")
        case .vehicles: L("vehicles")
        case .food: L("food")
        case .drones: L("drones")
        case .medicalDevices: L("medical devices")
        case .searchAndRescueDogs: L("search-and-rescue dogs")
        case .dangerousGoods: L("dangerous goods")
        }
    }
}

extension RequiredDocument {
    var shown: String {
        switch self {
        case .packingList: L("Packing list")
        case .transportDocument: L("Transport document (AWB, B/L or CMR)")
        case .donationCertificate: L("Donation / gift certificate")
        case .importAuthorisation: L("Import authorisation for medicines")
        case .certificateOfAnalysis: L("Certificate of analysis")
        case .equipmentListAndFrequencies: L("Telecommunication equipment list and frequencies (Tampere Convention)")
        case .vehicleRegistration: L("Vehicle registration")
        case .temporaryAdmission: L("Temporary admission undertaking")
        case .healthCertificate: L("Health / phytosanitary certificate")
        case .veterinaryCertificate: L("Veterinary health certificate")
        case .civilAviationAuthorisation: L("Civil aviation authorisation for the drones")
        case .medicalDeviceRegistration: L("Medical device registration, or the health authority's waiver")
        case .controlledMedicinesPermit: L("Import permit for controlled medicines from the health authority")
        case .dangerousGoodsDeclaration: L("Shipper's declaration for dangerous goods")
        }
    }
}

extension EntryPoint.Kind {
    var shown: String {
        switch self {
        case .airport: L("airport")
        case .seaport: L("seaport")
        case .landBorder: L("land border")
        case .inland: L("inland")
        }
    }
}

extension AccreditationStatus {
    var shown: String {
        switch self {
        case .pending: L("pending")
        case .approved: L("approved")
        case .revoked: L("revoked")
        }
    }
}

extension SelectivityCriterion {
    var shown: String {
        switch self {
        case .notAccredited: L("not accredited")
        case .noActiveEmergency: L("no active emergency")
        case .specialCargo: L("special cargo")
        case .firstDeclaration: L("first declaration")
        case .valuePerKgDeviation: L("value per kg deviation")
        case .unrequestedGoods: L("unrequested goods")
        case .notNeededGoods: L("goods marked not needed")
        case .originCountry: L("origin country")
        }
    }
}

extension ReleaseSegment {
    var shown: String {
        switch self {
        case .arrivalToLodgement: L("Arrival → lodgement")
        case .lodgementToLane: L("Lodgement → lane")
        case .laneToRelease: L("Lane → release")
        case .arrivalToRelease: L("Arrival → release")
        }
    }
}
