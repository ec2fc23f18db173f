/// The words a person reads for a site's tier; the raw value stays the wire format.
extension Site.Tier {
    public var label: String {
        switch self {
        case .globalHub: "global hub"
        case .regionalHub: "regional hub"
        case .national: "national"
        case .field: "field"
        }
    }
}
