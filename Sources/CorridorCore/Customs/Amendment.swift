import Foundation

/// The content of a declaration that an amendment may change, compared field by field.
public struct DeclarationContent: Sendable, Equatable {
    public var reference: String
    public var consignee: String
    public var destination: String
    public var entryPoint: String
    public var emergencyId: Int64?
    public var transportMode: String
    public var transportDocument: String?
    public var transportDocumentType: String?
    public var expectedArrival: String?
    public var packages: Int?
    public var packagesKind: String?
    public var lines: [CheckedDeclarationLine]

    public init(
        reference: String, consignee: String, destination: String, entryPoint: String, emergencyId: Int64?, transportMode: String,
        transportDocument: String?, transportDocumentType: String? = nil, expectedArrival: String?, packages: Int? = nil,
        packagesKind: String? = nil, lines: [CheckedDeclarationLine]
    ) {
        (self.reference, self.consignee, self.destination, self.entryPoint, self.emergencyId) = (
            reference, consignee, destination, entryPoint, emergencyId
        )
        (self.transportMode, self.transportDocument, self.transportDocumentType, self.expectedArrival) = (
            transportMode, transportDocument, transportDocumentType, expectedArrival
        )
        (self.packages, self.packagesKind, self.lines) = (packages, packagesKind, lines)
    }
}

/// Where an amendment request stands: customs accepts or refuses it, once.
public enum AmendmentStatus: String, Sendable, Codable, CaseIterable {
    case pending, accepted, refused
}

/// A change the declarant asked for after lodgement, and customs' decision on it.
public struct AmendmentRequest: Sendable, Equatable, Codable {
    public var sequence: Int
    public var requestedBy: String
    public var requestedAt: Int64
    public var differences: [String]
    public var status: AmendmentStatus
    public var decidedBy: String?
    public var decidedAt: Int64?
    public var reason: String?

    public init(
        sequence: Int, requestedBy: String, requestedAt: Int64, differences: [String], status: AmendmentStatus,
        decidedBy: String? = nil, decidedAt: Int64? = nil, reason: String? = nil
    ) {
        (self.sequence, self.requestedBy, self.requestedAt, self.differences, self.status) = (
            sequence, requestedBy, requestedAt, differences, status
        )
        (self.decidedBy, self.decidedAt, self.reason) = (decidedBy, decidedAt, reason)
    }
}

/// Amendments before release (Kyoto J5: the declarant may correct; customs must see what changed).
public enum DeclarationAmendment {
    /// The declarant amends its own declaration; customs queries it instead.
    public static func authorize(by caller: DeclarationParty?, isAdmin: Bool) throws(DomainError) {
        guard isAdmin || caller == .declarant else { throw .forbidden("only the declarant amends a declaration; customs can query it") }
    }

    /// Refuses an amendment the state does not allow, or one that changes what lodgement froze:
    /// the reference (the declarant became liable under it) and the destination (whose customs it is).
    public static func check(state: DeclarationState, from old: DeclarationContent, to new: DeclarationContent) throws(DomainError) {
        guard state.isBeforeRelease else {
            throw .conflict("a \(state.rawValue) declaration cannot be amended; amendments are made before release")
        }
        guard state != .draft else { return }
        var problems = ProblemList()
        if old.reference != new.reference { problems.add(field: "reference", "is frozen at lodgement (\(old.reference))") }
        if old.destination != new.destination { problems.add(field: "destination", "is frozen at lodgement (\(old.destination))") }
        try problems.check()
    }

    /// How a change reaches the declaration: a draft is the declarant's to edit; once lodged, the
    /// declarant is liable for what it lodged, so a change is a request that customs decides.
    public enum Route: Sendable, Equatable { case edit, request }

    public static func route(for state: DeclarationState) -> Route { state == .draft ? .edit : .request }

    /// One request at a time: customs decides on a change before the next one is asked.
    public static func checkNoPending(_ requests: [AmendmentRequest]) throws(DomainError) {
        if let open = requests.first(where: { $0.status == .pending }) {
            throw .conflict("amendment request \(open.sequence) is still waiting for customs; it must be decided first")
        }
    }

    /// Only customs of the destination (or an administrator) decides on a request, once, while
    /// the declaration can still be amended; a refusal states its reason.
    public static func checkDecision(
        accept: Bool, reason: String?, request: AmendmentRequest?, state: DeclarationState, by caller: DeclarationParty?, isAdmin: Bool
    ) throws(DomainError) -> String? {
        guard isAdmin || caller == .customs else { throw .forbidden("only the customs administration decides on an amendment request") }
        guard let request else { throw .notFound("no such amendment request") }
        guard request.status == .pending else {
            throw .conflict("amendment request \(request.sequence) was \(request.status.rawValue) already")
        }
        guard state.isBeforeRelease, state != .draft else {
            throw .conflict("a \(state.rawValue) declaration cannot be amended; amendments are made before release")
        }
        let text = reason?.trimmedCell ?? ""
        if !accept && text.isEmpty { throw .invalid(field: "reason", "a refusal states its reason") }
        guard text.count <= DeclarationMessage.maximumLength else {
            throw .invalid(field: "reason", "at most \(DeclarationMessage.maximumLength) characters")
        }
        return text.isEmpty ? nil : text
    }

    /// A lane given to the old content no longer holds after an accepted change: selectivity runs
    /// again on the new content, and the declaration stands with the lane it gives.
    public static func rerunsSelectivity(from state: DeclarationState) -> Bool {
        state == .laneAssigned || state == .queried || state == .answered
    }

    /// Every difference, in words a customs officer reads: "consignee: A → B", "line 2 quantity: 5 → 6".
    public static func differences(from old: DeclarationContent, to new: DeclarationContent) -> [String] {
        var out: [String] = []
        func compare(_ name: String, _ a: String?, _ b: String?) {
            if (a ?? "") != (b ?? "") {
                out.append("\(name): \(a.map { $0.isEmpty ? "—" : $0 } ?? "—") → \(b.map { $0.isEmpty ? "—" : $0 } ?? "—")")
            }
        }
        compare("reference", old.reference, new.reference)
        compare("consignee", old.consignee, new.consignee)
        compare("destination", old.destination, new.destination)
        compare("entry_point", old.entryPoint, new.entryPoint)
        compare("emergency_id", old.emergencyId.map(String.init), new.emergencyId.map(String.init))
        compare("transport_mode", old.transportMode, new.transportMode)
        compare("transport_document", old.transportDocument, new.transportDocument)
        compare("transport_document_type", old.transportDocumentType, new.transportDocumentType)
        compare("expected_arrival", old.expectedArrival, new.expectedArrival)
        compare("packages", old.packages.map(String.init), new.packages.map(String.init))
        compare("packages_kind", old.packagesKind, new.packagesKind)
        for index in 0..<max(old.lines.count, new.lines.count) {
            let number = index + 1
            guard index < new.lines.count else { out.append("line \(number) removed (\(old.lines[index].description))"); continue }
            guard index < old.lines.count else { out.append("line \(number) added (\(new.lines[index].summary))"); continue }
            let a = old.lines[index], b = new.lines[index]
            compare("line \(number) description", a.description, b.description)
            compare("line \(number) item_code", a.itemCode, b.itemCode)
            compare("line \(number) hs_code", a.hsCode.digits, b.hsCode.digits)
            compare("line \(number) quantity", a.quantity.description, b.quantity.description)
            compare("line \(number) unit", a.unit, b.unit)
            compare("line \(number) gross_kg", a.grossKg.formatted, b.grossKg.formatted)
            compare("line \(number) value", a.value.description, b.value.description)
            compare("line \(number) no_commercial_value", a.noCommercialValue ? "yes" : "no", b.noCommercialValue ? "yes" : "no")
            compare("line \(number) currency", a.currency, b.currency)
            compare("line \(number) origin", a.origin, b.origin)
            compare("line \(number) re_export_by", a.reExportBy?.description, b.reExportBy?.description)
        }
        return out
    }
}

extension CheckedDeclarationLine {
    var summary: String { "\(description), \(quantity) \(unit), HS \(hsCode.digits)" }
}

private extension Double {
    /// Weights compare as people write them: 650, not 650.0.
    var formatted: String { self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self) }
}
