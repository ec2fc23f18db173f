import CorridorCore
import Foundation

/// A declaration as its declarant and the customs administration see it.
public struct DeclarationView: Sendable, Equatable, Codable {
    public struct Line: Sendable, Equatable, Codable {
        public var lineNo: Int
        public var description: String
        public var itemCode: String?
        public var hsCode: String
        public var quantity: Quantity
        public var unit: String
        public var grossKg: Double
        public var value: Quantity
        public var currency: String
        public var origin: String
        public var reExportBy: String?
        public var reExportedAt: Int64?
        /// From the catalogue item: other HS codes in tariff use, its UN number as dangerous goods,
        /// whether it holds controlled medicines.
        public var alternativeHsCodes: [String]
        public var unNumber: String?
        public var controlledMedicine: Bool

        /// The line as customs rules weigh it.
        public var goods: DeclaredGoods? {
            HSCode(hsCode).map {
                DeclaredGoods(
                    itemCode: itemCode, hsCode: $0, alternativeHSCodes: alternativeHsCodes.compactMap(HSCode.init),
                    unNumber: unNumber.flatMap(UNNumber.init), controlledMedicines: controlledMedicine)
            }
        }
        public var noCommercialValue: Bool
        /// The catalogue's indicative value of the line (US dollars), shown where it has no commercial value.
        public var indicativeValueUSD: Quantity?
    }

    public struct Document: Sendable, Equatable, Codable {
        public var document: String
        public var label: String
        public var status: String
        public var fileName: String?
        public var sha256: String?
        public var sizeBytes: Int64?
        /// The file itself is kept and can be downloaded.
        public var stored: Bool
        /// Why customs rejected the file, or waived the document.
        public var verdictReason: String?
    }

    /// When each step happened (unix seconds), for release times and the queue.
    public struct Times: Sendable, Equatable, Codable {
        public var created: Int64
        public var lodged: Int64?
        public var arrived: Int64?
        public var laneAssigned: Int64?
        public var released: Int64?
        public var closed: Int64?
        /// A provisional release must be completed by then.
        public var completionDue: Int64?
    }

    public var id: Int64
    public var reference: String
    public var org: String
    public var consignee: String
    public var destination: String
    /// The entry point's code, and its UN/LOCODE when it has one.
    public var entryPoint: String
    public var entryPointLocode: String?
    public var emergencyId: Int64?
    public var transportMode: String
    public var transportDocument: String?
    public var transportDocumentType: String?
    public var expectedArrival: String?
    public var packages: Int?
    public var packagesKind: String?
    public var state: DeclarationState
    public var lane: Lane?
    public var laneReasons: [String]
    public var version: Int64
    public var times: Times
    public var lines: [Line]
    public var documents: [Document]
    public var messages: [DeclarationMessage]
    /// Lines that look wrong against the catalogue; customs sees them, nothing is refused.
    public var warnings: [String]
    /// The most urgent needs-list priority its lines match (1 urgent … 3 not needed), nil if none.
    public var needsPriority: Int?
    /// How it stands against the clearance target of its lane while waiting for release.
    public var serviceLevel: ServiceLevel?
    /// Steps the caller may take now.
    public var allowedSteps: [DeclarationStep]
    /// Freight and insurance to the border as declared (nil amounts: not declared, assumed).
    public var transportCosts: TransportCosts
    /// The currency duties are assessed in, recorded at lodgement; nil before it, or when no
    /// national currency is on file for the destination.
    public var nationalCurrency: String?
    /// The exchange rates in force at lodgement, recorded with it.
    public var exchangeRates: [ExchangeRate]
    /// The special cargo its lines are, which call for the extra documents of its checklist.
    public var specialCargo: [SpecialCargo] {
        let cargo = Set(lines.compactMap(\.goods).flatMap(SpecialCargo.of))
        return SpecialCargo.allCases.filter(cargo.contains)
    }
    /// Changes asked for after lodgement, with customs' decisions, oldest first.
    public var amendments: [AmendmentRequest]
    /// Particulars still missing to lodge (or, once lodged provisionally, to complete).
    public var lodgingGaps: [Problem]
}

extension DeclarationView {
    /// The content an amendment compares against.
    var content: DeclarationContent {
        DeclarationContent(
            reference: reference, consignee: consignee, destination: destination, entryPoint: entryPoint, emergencyId: emergencyId,
            transportMode: transportMode, transportDocument: transportDocument, transportDocumentType: transportDocumentType,
            expectedArrival: expectedArrival, packages: packages, packagesKind: packagesKind,
            lines: lines.map { l in
                CheckedDeclarationLine(
                    description: l.description, itemCode: l.itemCode, hsCode: HSCode(l.hsCode)!, quantity: l.quantity,
                    unit: l.unit, grossKg: l.grossKg, value: l.value, currency: l.currency, origin: l.origin,
                    reExportBy: l.reExportBy.flatMap { Day.parse($0) }, noCommercialValue: l.noCommercialValue)
            })
    }

    /// The content as the declarant would enter it again: the start of an amendment.
    public var input: DeclarationInput {
        DeclarationInput(
            reference: reference, consignee: consignee, destination: destination, entryPoint: entryPoint, emergencyId: emergencyId,
            transportMode: transportMode, transportDocument: transportDocument, transportDocumentType: transportDocumentType,
            expectedArrival: expectedArrival, packages: packages, packagesKind: packagesKind,
            lines: lines.map { l in
                DeclarationLineInput(
                    description: l.description, itemCode: l.itemCode, hsCode: l.hsCode, quantity: l.quantity.description, unit: l.unit,
                    grossKg: l.grossKg, value: l.value.description, currency: l.currency, origin: l.origin,
                    temporaryAdmission: l.reExportBy != nil ? true : nil, reExportBy: l.reExportBy,
                    noCommercialValue: l.noCommercialValue ? true : nil)
            }, freight: transportCosts.freight?.description, insurance: transportCosts.insurance?.description,
            costsCurrency: transportCosts.currency)
    }

    public var pendingAmendment: AmendmentRequest? { amendments.first { $0.status == .pending } }

    /// What follows from the state for this viewer: the steps it may take now, and the service
    /// level while the consignment waits for release.
    mutating func derive(for actor: Actor, now: Int64) {
        lodgingGaps = LodgementRequirements.missing(content)
        let party = DeclarationLifecycle.party(of: actor, declarant: org, destination: destination)
        allowedSteps =
            party.map { DeclarationLifecycle.allowedSteps(from: state, by: $0) }
            ?? DeclarationLifecycle.allowedSteps(from: state, by: .customs) + DeclarationLifecycle.allowedSteps(from: state, by: .declarant)
        let waiting = state.isBeforeRelease && state != .draft
        serviceLevel =
            waiting ? ClearanceTargets.standard.level(lane: lane, hoursSinceArrival: times.arrived.map { Double(now - $0) / 3600 }) : nil
    }

    /// Seconds the consignment has waited: since arrival, or since lodgement before it arrives.
    public func ageSeconds(now: Int64) -> Int64 {
        max(0, now - (times.arrived ?? times.lodged ?? times.created))
    }
}
