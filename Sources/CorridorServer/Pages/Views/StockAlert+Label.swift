import CorridorCore
import CorridorStore

/// The words a person reads for a kind of stock alert. It lives here, not next to the enum, because
/// the store names alerts while only pages read them.
extension StockAlert.Kind {
    var label: String {
        switch self {
        case .expiring: L("expiring")
        case .belowMinimum: L("below minimum")
        case .staleReport: L("stale report")
        case .overCapacity: L("over capacity")
        }
    }
}
