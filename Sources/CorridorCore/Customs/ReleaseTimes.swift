/// Release-time statistics in the manner of the WCO Time Release Study: how long relief waits,
/// as a median and a 90th percentile, so that one long outlier does not hide the usual case.
public struct ReleaseTimeSummary: Sendable, Equatable, Codable {
    public var count: Int
    public var medianHours: Double?
    public var p90Hours: Double?

    public init(hours: [Double]) {
        let sorted = hours.filter(\.isFinite).sorted()
        count = sorted.count
        medianHours = Self.percentile(sorted, 0.5)
        p90Hours = Self.percentile(sorted, 0.9)
    }

    /// Linear interpolation between closest ranks (the common "type 7" definition).
    static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = Int(position.rounded(.up))
        let value = sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
        return (value * 10).rounded() / 10
    }
}
