/// The words a person reads for preparedness states and source tiers; raw values stay the wire format.

extension PreparednessStatus {
    public var label: Phrase {
        switch self {
        case .notStarted: Phrase("not started")
        case .inProgress: Phrase("in progress")
        case .done: Phrase("done")
        case .notApplicable: Phrase("not applicable")
        }
    }
}

extension SourceTier {
    public var label: Phrase {
        switch self {
        case .inCountry: Phrase("in country")
        case .regional: Phrase("regional")
        case .global: Phrase("global")
        }
    }
}
