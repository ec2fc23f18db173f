/// Goods that need extra documents at the border, recognised by HS code.
public enum SpecialCargo: String, Sendable, Codable, CaseIterable {
    case medicines, telecoms, vehicles, food, drones
    case medicalDevices = "medical_devices"
    case searchAndRescueDogs = "search_and_rescue_dogs"

    /// The special cargo an HS code falls under, if any. Vehicles are chapter 87 but for bicycles
    /// (8712), wheelchairs (8713) and their parts (8714) and prams (8715); food is chapters 2 to
    /// 23 but for live plants (6); drones are 8806; medical devices chapter 90.
    public static func of(_ code: HSCode) -> SpecialCargo? {
        let digits = code.digits
        let chapter = Int(code.chapter) ?? 0
        if chapter == 30 { return .medicines }
        if ["8517", "8525", "8526", "8529"].contains(where: { digits.hasPrefix($0) }) { return .telecoms }
        if chapter == 87, !["8712", "8713", "8714", "8715"].contains(where: { digits.hasPrefix($0) }) { return .vehicles }
        if digits.hasPrefix("8806") { return .drones }
        if chapter == 90 { return .medicalDevices }
        if digits.hasPrefix("0106") { return .searchAndRescueDogs }
        if (2...23).contains(chapter) && chapter != 6 { return .food }
        return nil
    }
}

/// A document a consignment needs, and what it covers.
public enum RequiredDocument: String, Sendable, Codable, CaseIterable {
    case packingList = "packing_list"
    case transportDocument = "transport_document"
    case donationCertificate = "donation_certificate"
    case importAuthorisation = "import_authorisation"
    case certificateOfAnalysis = "certificate_of_analysis"
    case equipmentListAndFrequencies = "equipment_list_and_frequencies"
    case vehicleRegistration = "vehicle_registration"
    case temporaryAdmission = "temporary_admission_undertaking"
    case healthCertificate = "health_certificate"
    case veterinaryCertificate = "veterinary_health_certificate"
    case civilAviationAuthorisation = "civil_aviation_authorisation"
    case medicalDeviceRegistration = "medical_device_registration"

    public var label: String {
        switch self {
        case .packingList: "Packing list"
        case .transportDocument: "Transport document (AWB, B/L or CMR)"
        case .donationCertificate: "Donation / gift certificate"
        case .importAuthorisation: "Import authorisation for medicines"
        case .certificateOfAnalysis: "Certificate of analysis"
        case .equipmentListAndFrequencies: "Telecommunication equipment list and frequencies (Tampere Convention)"
        case .vehicleRegistration: "Vehicle registration"
        case .temporaryAdmission: "Temporary admission undertaking"
        case .healthCertificate: "Health / phytosanitary certificate"
        case .veterinaryCertificate: "Veterinary health certificate"
        case .civilAviationAuthorisation: "Civil aviation authorisation for the drones"
        case .medicalDeviceRegistration: "Medical device registration, or the health authority's waiver"
        }
    }
}

/// The documents checklist of a consignment, derived from its lines.
public enum DocumentsChecklist {
    public static let always: [RequiredDocument] = [.packingList, .transportDocument, .donationCertificate]

    public static func extra(for cargo: SpecialCargo) -> [RequiredDocument] {
        switch cargo {
        case .medicines: [.importAuthorisation, .certificateOfAnalysis]
        case .telecoms: [.equipmentListAndFrequencies]
        case .vehicles: [.vehicleRegistration, .temporaryAdmission]
        case .food: [.healthCertificate]
        case .searchAndRescueDogs: [.veterinaryCertificate]
        case .drones: [.civilAviationAuthorisation]
        case .medicalDevices: [.medicalDeviceRegistration]
        }
    }

    /// Every document the lines call for, each once, in a stable order.
    public static func required(forHSCodes codes: [HSCode]) -> [RequiredDocument] {
        let cargo = Set(codes.compactMap(SpecialCargo.of))
        let needed = Set(always + cargo.flatMap(extra(for:)))
        return RequiredDocument.allCases.filter(needed.contains)
    }

    public enum Status: String, Sendable, Codable { case missing, provided, waived }

    /// Release may go ahead when every required document is provided or waived.
    public static func isComplete(_ statuses: [RequiredDocument: Status], required: [RequiredDocument]) -> Bool {
        required.allSatisfy { statuses[$0] == .provided || statuses[$0] == .waived }
    }
}
