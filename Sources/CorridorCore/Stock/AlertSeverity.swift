/// How urgently a stock alert asks for action, so a list can put the urgent ones first.
public enum AlertSeverity: String, Sendable, Codable, CaseIterable, Comparable {
    case high, medium, low

    /// Stock expiring within a month may be lost before it can be moved; later, it can be planned.
    public static func expiring(daysLeft: Int) -> AlertSeverity { daysLeft <= 30 ? .high : .medium }

    /// None left of what an organisation keeps in reserve is urgent; some left, less so.
    public static func belowMinimum(available: Quantity) -> AlertSeverity { available <= .zero ? .high : .medium }

    /// A full warehouse turns goods away or stores them unsafely.
    public static let overCapacity = AlertSeverity.medium
    /// An old report says little about today's stock, but nothing is lost yet.
    public static let staleReport = AlertSeverity.low

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }

    var rank: Int {
        switch self {
        case .high: 0
        case .medium: 1
        case .low: 2
        }
    }
}
