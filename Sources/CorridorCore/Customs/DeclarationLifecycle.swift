import Foundation

/// Where a relief consignment declaration stands (after ASYCUDA's life cycle).
public enum DeclarationState: String, Sendable, Codable, CaseIterable {
    case draft
    case lodged
    case laneAssigned = "lane_assigned"
    case queried
    case answered
    case released
    case completed
    case closed
    case rejected
    case cancelled

    /// Before release the declarant may still amend or cancel; after it, the goods are free.
    public var isBeforeRelease: Bool {
        switch self {
        case .draft, .lodged, .laneAssigned, .queried, .answered: true
        default: false
        }
    }

    public var isFinal: Bool { self == .closed || self == .rejected || self == .cancelled }
}

/// What someone does to a declaration.
public enum DeclarationStep: String, Sendable, Codable, CaseIterable {
    case lodge, assignLane = "assign_lane", query, answer, release, complete, close, reject, cancel

    /// Steps that end a declaration for good: they state a reason and ask for confirmation.
    public var isDestructive: Bool { self == .reject || self == .cancel }
}

/// Who acts on a declaration: its declarant organisation, or customs of the destination country.
public enum DeclarationParty: String, Sendable, Codable {
    case declarant, customs
}

/// Facts about a declaration that decide whether a step is possible now.
public struct DeclarationFacts: Sendable, Equatable {
    /// The emergency allows provisional declarations (release with documents outstanding).
    public var provisionalAllowed: Bool
    /// Every required document is provided or waived.
    public var documentsComplete: Bool
    /// Released under a provisional declaration (documents outstanding), to be completed.
    public var provisional: Bool
    /// Documents customs rejected, which block release until replaced or waived.
    public var rejectedDocuments: [String]

    public init(
        provisionalAllowed: Bool = false, documentsComplete: Bool = true, provisional: Bool = false, rejectedDocuments: [String] = []
    ) {
        self.provisionalAllowed = provisionalAllowed
        self.documentsComplete = documentsComplete
        self.provisional = provisional
        self.rejectedDocuments = rejectedDocuments
    }
}

/// The declaration life cycle as one table: which step, by whom, from which state, leads where.
public enum DeclarationLifecycle {
    struct Edge {
        var step: DeclarationStep
        var party: DeclarationParty
        var from: Set<DeclarationState>
        var to: DeclarationState
    }

    static let edges: [Edge] = [
        Edge(step: .lodge, party: .declarant, from: [.draft], to: .lodged),
        Edge(step: .assignLane, party: .customs, from: [.lodged], to: .laneAssigned),
        Edge(step: .query, party: .customs, from: [.laneAssigned, .answered], to: .queried),
        Edge(step: .answer, party: .declarant, from: [.queried], to: .answered),
        Edge(step: .release, party: .customs, from: [.laneAssigned, .answered], to: .released),
        Edge(step: .complete, party: .declarant, from: [.released], to: .completed),
        Edge(step: .close, party: .customs, from: [.released, .completed], to: .closed),
        Edge(step: .reject, party: .customs, from: [.lodged, .laneAssigned, .queried, .answered], to: .rejected),
        Edge(step: .cancel, party: .declarant, from: [.draft, .lodged, .laneAssigned, .queried, .answered], to: .cancelled),
    ]

    /// Whose step it is: each step belongs to one party, whatever the state.
    public static func party(of step: DeclarationStep) -> DeclarationParty {
        edges.first { $0.step == step }!.party
    }

    /// Who the caller is to a declaration of `declarant` bound for `destination`: its customs, its
    /// declarant, or nobody (then the declaration does not exist for the caller).
    public static func party(of actor: Actor, declarant: String, destination: String) -> DeclarationParty? {
        if actor.isCustomsOfficer(of: destination) { return .customs }
        if actor.isMember(of: declarant) { return .declarant }
        return nil
    }

    /// Whether the caller may see a declaration in `state` at all: administrators and its parties,
    /// except that a draft belongs to its declarant until it is lodged (customs never sees it).
    public static func isVisible(to actor: Actor, declarant: String, destination: String, state: DeclarationState) -> Bool {
        if actor.isAdmin || actor.isMember(of: declarant) { return true }
        return state != .draft && actor.isCustomsOfficer(of: destination)
    }

    /// Arrival is recorded once, for a lodged consignment before its release.
    public static func canRecordArrival(state: DeclarationState, arrived: Bool) -> Bool {
        !arrived && state.isBeforeRelease && state != .draft
    }

    /// Refuses a step to a caller who is not the party it belongs to (admins act for either).
    public static func authorize(_ step: DeclarationStep, by caller: DeclarationParty?, isAdmin: Bool) throws(DomainError) {
        let owner = party(of: step)
        guard isAdmin || caller == owner else {
            throw .forbidden("only the \(owner == .customs ? "customs administration" : "declarant") can \(step.label) a declaration")
        }
    }

    /// The party the caller takes `step` as: its own, or, for an administrator, the step's.
    public static func actingParty(for step: DeclarationStep, actor: Actor, declarant: String, destination: String) throws(DomainError)
        -> DeclarationParty
    {
        let caller = party(of: actor, declarant: declarant, destination: destination)
        try authorize(step, by: caller, isAdmin: actor.isAdmin)
        return caller ?? party(of: step)
    }

    /// The steps `party` may take from `state`.
    public static func allowedSteps(from state: DeclarationState, by party: DeclarationParty) -> [DeclarationStep] {
        edges.filter { $0.party == party && $0.from.contains(state) }.map(\.step)
    }

    /// The state after `step`, or the reason it cannot happen (with the steps that could).
    public static func apply(
        _ step: DeclarationStep, to state: DeclarationState, by party: DeclarationParty,
        facts: DeclarationFacts = DeclarationFacts()
    ) throws(DomainError) -> DeclarationState {
        guard let edge = edges.first(where: { $0.step == step && $0.from.contains(state) }) else {
            let allowed = allowedSteps(from: state, by: .declarant) + allowedSteps(from: state, by: .customs)
            let allowedNow =
                allowed.isEmpty
                ? Phrase("nothing (the declaration is final)") : Phrase(verbatim: allowed.map(\.rawValue).joined(separator: ", "))
            throw .conflict(
                "a \(state.rawValue) declaration cannot be \(step.pastTense); allowed now: \(allowedNow)",
                allowed.map { Problem(field: "step", problem: Phrase(verbatim: $0.rawValue)) })
        }
        guard edge.party == party else {
            throw .forbidden("only the \(edge.party == .customs ? "customs administration" : "declarant") can \(step.label) a declaration")
        }
        if step == .release, !facts.rejectedDocuments.isEmpty {
            throw .conflict(
                "customs rejected \(facts.rejectedDocuments.joined(separator: ", ")): release waits for a new file or a waiver")
        }
        if step == .release, !facts.documentsComplete, !facts.provisionalAllowed {
            throw .conflict(
                "required documents are missing and the emergency does not allow provisional declarations; provide or waive them first")
        }
        if step == .complete, !facts.provisional {
            throw .conflict("only a provisional declaration is completed after release")
        }
        if step == .complete, !facts.documentsComplete {
            throw .conflict(
                "a provisional declaration is completed with every required document and particular; provide the missing ones first")
        }
        return edge.to
    }
}

extension DeclarationStep {
    var pastTense: String {
        switch self {
        case .lodge: "lodged"
        case .assignLane: "given a lane"
        case .query: "queried"
        case .answer: "answered"
        case .release: "released"
        case .complete: "completed"
        case .close: "closed"
        case .reject: "rejected"
        case .cancel: "cancelled"
        }
    }
}
