/// Goods that need extra documents at the border, recognised by HS code, or by the catalogue
/// item's UN number (dangerous goods) and controlled-medicines flag.
public enum SpecialCargo: String, Sendable, Codable, CaseIterable {
    case medicines
    case controlledMedicines = "controlled_medicines"
    case telecoms, vehicles, food, drones
    case medicalDevices = "medical_devices"
    case searchAndRescueDogs = "search_and_rescue_dogs"
    case dangerousGoods = "dangerous_goods"

    /// Every special cargo one line is: a generator shipped with fuel is dangerous goods whatever
    /// its chapter, a kit of controlled medicines is medicines too.
    public static func of(_ goods: DeclaredGoods) -> Set<SpecialCargo> {
        var cargo = Set([of(goods.hsCode)].compactMap { $0 })
        if goods.unNumber != nil { cargo.insert(.dangerousGoods) }
        if goods.controlledMedicines { cargo.insert(.controlledMedicines) }
        return cargo
    }

    public var label: String {
        switch self {
        case .medicines: "medicines"
        case .controlledMedicines: "controlled medicines"
        case .telecoms: "telecommunication equipment"
        case .vehicles: "vehicles"
        case .food: "food"
        case .drones: "drones"
        case .medicalDevices: "medical devices"
        case .searchAndRescueDogs: "search-and-rescue dogs"
        case .dangerousGoods: "dangerous goods"
        }
    }

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
    case controlledMedicinesPermit = "controlled_medicines_import_permit"
    case dangerousGoodsDeclaration = "dangerous_goods_declaration"

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
        case .controlledMedicinesPermit: "Import permit for controlled medicines from the health authority"
        case .dangerousGoodsDeclaration: "Shipper's declaration for dangerous goods"
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
        case .controlledMedicines: [.controlledMedicinesPermit]
        case .dangerousGoods: [.dangerousGoodsDeclaration]
        }
    }

    /// Every document the lines call for, each once, in a stable order.
    public static func required(for goods: [DeclaredGoods]) -> [RequiredDocument] {
        let cargo = Set(goods.flatMap(SpecialCargo.of))
        let needed = Set(always + cargo.flatMap(extra(for:)))
        return RequiredDocument.allCases.filter(needed.contains)
    }

    /// The documents lines call for by their HS codes alone (no catalogue item).
    public static func required(forHSCodes codes: [HSCode]) -> [RequiredDocument] {
        required(for: codes.map { DeclaredGoods(itemCode: nil, hsCode: $0) })
    }

    /// A document is missing until the declarant provides a file; customs then accepts or
    /// rejects that file, or waives the document altogether.
    public enum Status: String, Sendable, Codable, CaseIterable { case missing, provided, accepted, rejected, waived }

    /// Release may go ahead when every required document is provided (not yet examined),
    /// accepted or waived.
    public static func isComplete(_ statuses: [RequiredDocument: Status], required: [RequiredDocument]) -> Bool {
        required.allSatisfy { statuses[$0].map(isSettled) ?? false }
    }

    public static func isSettled(_ status: Status) -> Bool { status == .provided || status == .accepted || status == .waived }
}

/// Who may say what about a required document, and from which status.
public enum DocumentVerdict {
    /// The status a party's action leads to, or why it may not: the declarant provides a file
    /// (again, after a rejection); customs accepts or rejects a provided file, or waives the
    /// document; a rejection and a waiver state their reason.
    public static func next(
        _ status: DocumentsChecklist.Status, from current: DocumentsChecklist.Status, by party: DeclarationParty?, isAdmin: Bool,
        hasFile: Bool, reason: String?
    ) throws(DomainError) -> String? {
        let text = reason?.trimmedCell ?? ""
        guard text.count <= DeclarationMessage.maximumLength else {
            throw .invalid(field: "reason", "at most \(DeclarationMessage.maximumLength) characters")
        }
        switch status {
        case .missing: throw .invalid(field: "status", "must be provided, accepted, rejected or waived")
        case .provided:
            guard isAdmin || party == .declarant else { throw .forbidden("only the declarant provides documents") }
            guard current != .accepted && current != .waived else {
                throw .conflict("customs has \(current.rawValue) this document already")
            }
            guard hasFile else { throw .invalid(field: "file", "send the document's file") }
        case .accepted, .rejected:
            guard isAdmin || party == .customs else { throw .forbidden("only customs accept or reject a document") }
            guard current == .provided else {
                throw .conflict("only a provided file is accepted or rejected; this document is \(current.rawValue)")
            }
            if status == .rejected && text.isEmpty { throw .invalid(field: "reason", "a rejection states its reason") }
        case .waived:
            guard isAdmin || party == .customs else { throw .forbidden("only customs waive a document") }
            guard current != .accepted && current != .waived else {
                throw .conflict("this document is \(current.rawValue) already")
            }
            if text.isEmpty { throw .invalid(field: "reason", "a waiver states its reason") }
        }
        return text.isEmpty ? nil : text
    }
}
