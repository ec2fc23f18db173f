import CorridorStore

/// The words a person reads for a kind of stock alert. It lives here, not next to the enum, because
/// the store names alerts while only pages read them.
extension StockAlert.Kind {
    var label: String {
        switch self {
        case .expiring: "expiring"
        case .belowMinimum: "below minimum"
        case .staleReport: "stale report"
        case .overCapacity: "over capacity"
        }
    }
}
