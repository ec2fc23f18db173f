/// The words a person reads for preparedness states and source tiers; raw values stay the wire format.

extension PreparednessStatus {
    public var label: String {
        switch self {
        case .notStarted: "not started"
        case .inProgress: "in progress"
        case .done: "done"
        case .notApplicable: "not applicable"
        }
    }
}

extension SourceTier {
    public var label: String {
        switch self {
        case .inCountry: "in country"
        case .regional: "regional"
        case .global: "global"
        }
    }
}
