/// The words a person reads for each customs state and choice; raw values stay the wire format.

extension DeclarationState {
    public var label: String {
        switch self {
        case .draft: "draft"
        case .lodged: "lodged"
        case .laneAssigned: "lane assigned"
        case .queried: "queried"
        case .answered: "answered"
        case .released: "released"
        case .completed: "completed"
        case .closed: "closed"
        case .rejected: "rejected"
        case .cancelled: "cancelled"
        }
    }
}

extension DeclarationStep {
    public var label: String {
        switch self {
        case .lodge: "lodge"
        case .assignLane: "assign lane"
        case .query: "query"
        case .answer: "answer"
        case .release: "release"
        case .complete: "complete"
        case .close: "close"
        case .reject: "reject"
        case .cancel: "cancel"
        }
    }
}

extension ServiceLevel {
    public var label: String {
        switch self {
        case .notArrived: "not arrived"
        case .onTrack: "on track"
        case .atRisk: "at risk"
        case .breached: "breached"
        }
    }
}

extension EntryPoint.Kind {
    public var label: String {
        switch self {
        case .airport: "airport"
        case .seaport: "seaport"
        case .landBorder: "land border"
        case .inland: "inland"
        }
    }
}

extension SelectivityCriterion {
    public var label: String {
        switch self {
        case .notAccredited: "not accredited"
        case .noActiveEmergency: "no active emergency"
        case .specialCargo: "special cargo"
        case .firstDeclaration: "first declaration"
        case .valuePerKgDeviation: "value per kg deviation"
        case .unrequestedGoods: "unrequested goods"
        case .notNeededGoods: "goods marked not needed"
        case .originCountry: "origin country"
        }
    }
}

extension AmendmentStatus {
    public var label: String {
        switch self {
        case .pending: "waiting for customs"
        case .accepted: "accepted"
        case .refused: "refused"
        }
    }
}

extension DocumentsChecklist.Status {
    public var label: String {
        switch self {
        case .missing: "missing"
        case .provided: "provided, not yet checked"
        case .accepted: "accepted"
        case .rejected: "rejected"
        case .waived: "waived"
        }
    }
}
