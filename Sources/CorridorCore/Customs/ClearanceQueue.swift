import Foundation

/// How a consignment in the queue stands against the clearance target of its lane.
public enum ServiceLevel: String, Sendable, Codable {
    /// Not arrived yet: the clock starts at arrival (pre-arrival processing is the point).
    case notArrived = "not_arrived"
    case onTrack = "on_track"
    /// Past three quarters of the target: someone should pick it up now.
    case atRisk = "at_risk"
    case breached
}

/// Release targets from arrival, per lane. Kyoto J5 asks for release "as fast as possible" without a
/// number; these are the working group's targets, in hours: green goods leave on arrival, a
/// documentary check fits in a working day, an examination in two.
public struct ClearanceTargets: Sendable, Equatable, Codable {
    public var awaitingLaneHours: Double
    public var greenHours: Double
    public var blueHours: Double
    public var yellowHours: Double
    public var redHours: Double

    public init(
        awaitingLaneHours: Double = 2, greenHours: Double = 3, blueHours: Double = 6, yellowHours: Double = 24, redHours: Double = 48
    ) {
        (self.awaitingLaneHours, self.greenHours, self.blueHours, self.yellowHours, self.redHours) = (
            awaitingLaneHours, greenHours, blueHours, yellowHours, redHours
        )
    }

    public static let standard = ClearanceTargets()

    public func hours(for lane: Lane?) -> Double {
        switch lane {
        case nil: awaitingLaneHours
        case .green: greenHours
        case .blue: blueHours
        case .yellow: yellowHours
        case .red: redHours
        }
    }

    public func level(lane: Lane?, hoursSinceArrival: Double?) -> ServiceLevel {
        guard let hours = hoursSinceArrival else { return .notArrived }
        let target = self.hours(for: lane)
        if hours > target { return .breached }
        return hours > target * 0.75 ? .atRisk : .onTrack
    }
}

/// One declaration waiting for customs, with what orders it.
public struct QueueEntry: Sendable, Equatable {
    public var id: Int64
    /// The most urgent needs-list priority among its lines; nil when none is on the list.
    public var needsPriority: NeedsListEntry.Priority?
    /// Seconds since arrival, or since lodgement when not arrived: the older, the sooner.
    public var ageSeconds: Int64

    public init(id: Int64, needsPriority: NeedsListEntry.Priority?, ageSeconds: Int64) {
        (self.id, self.needsPriority, self.ageSeconds) = (id, needsPriority, ageSeconds)
    }
}

public enum ClearanceQueue {
    /// Needs-list priority first (urgent, can wait, then goods not on the list, then not needed),
    /// then age, oldest first; id breaks ties so the order is stable.
    public static func ordered(_ entries: [QueueEntry]) -> [QueueEntry] {
        func rank(_ p: NeedsListEntry.Priority?) -> Int {
            switch p {
            case .urgent: 0
            case .canWait: 1
            case nil: 2
            case .notNeeded: 3
            }
        }
        return entries.sorted {
            (rank($0.needsPriority), -$0.ageSeconds, $0.id) < (rank($1.needsPriority), -$1.ageSeconds, $1.id)
        }
    }

    /// The most urgent priority among the needs entries that match any line.
    public static func priority(lines: [DeclaredGoods], needs: [NeedsListEntry]) -> NeedsListEntry.Priority? {
        let matched = lines.flatMap { line in needs.filter { $0.matches(line) }.map(\.priority) }
        return matched.min { $0.rawValue < $1.rawValue }
    }
}
