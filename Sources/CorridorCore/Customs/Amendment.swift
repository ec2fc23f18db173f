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
    public var expectedArrival: String?
    public var lines: [CheckedDeclarationLine]

    public init(
        reference: String, consignee: String, destination: String, entryPoint: String, emergencyId: Int64?, transportMode: String,
        transportDocument: String?, expectedArrival: String?, lines: [CheckedDeclarationLine]
    ) {
        (self.reference, self.consignee, self.destination, self.entryPoint, self.emergencyId) = (
            reference, consignee, destination, entryPoint, emergencyId
        )
        (self.transportMode, self.transportDocument, self.expectedArrival, self.lines) = (
            transportMode, transportDocument, expectedArrival, lines
        )
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

    /// After an amendment, a lane given to the old content no longer holds: selectivity runs again.
    public static func state(after state: DeclarationState) -> DeclarationState {
        switch state {
        case .laneAssigned, .queried, .answered: .lodged
        default: state
        }
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
        compare("expected_arrival", old.expectedArrival, new.expectedArrival)
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
