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

/// The stretches of a consignment's wait that the Time Release Study tells apart, so a slow
/// release can be traced to late lodgement, a slow lane decision or a slow examination.
public enum ReleaseSegment: String, Sendable, Codable, CaseIterable {
    /// Negative when lodged before arrival, which is the goal (pre-arrival lodgement).
    case arrivalToLodgement = "arrival_to_lodgement"
    case lodgementToLane = "lodgement_to_lane"
    case laneToRelease = "lane_to_release"
    case arrivalToRelease = "arrival_to_release"

    public var label: String {
        switch self {
        case .arrivalToLodgement: "Arrival → lodgement"
        case .lodgementToLane: "Lodgement → lane"
        case .laneToRelease: "Lane → release"
        case .arrivalToRelease: "Arrival → release"
        }
    }

    /// The two moments the segment runs between.
    var ends: (start: KeyPath<ReleaseTimestamps, Int64?>, end: KeyPath<ReleaseTimestamps, Int64?>) {
        switch self {
        case .arrivalToLodgement: (\.arrivedAt, \.lodgedAt)
        case .lodgementToLane: (\.lodgedAt, \.laneAt)
        case .laneToRelease: (\.laneAt, \.releasedAt)
        case .arrivalToRelease: (\.arrivedAt, \.releasedAt)
        }
    }
}

/// The moments recorded for one released consignment (unix seconds); any may be missing, e.g.
/// when the arrival was never recorded.
public struct ReleaseTimestamps: Sendable, Equatable {
    public var entryPoint: String
    public var lodgedAt: Int64?
    public var arrivedAt: Int64?
    public var laneAt: Int64?
    public var releasedAt: Int64?

    public init(entryPoint: String, lodgedAt: Int64?, arrivedAt: Int64?, laneAt: Int64?, releasedAt: Int64?) {
        (self.entryPoint, self.lodgedAt, self.arrivedAt, self.laneAt, self.releasedAt) = (
            entryPoint, lodgedAt, arrivedAt, laneAt, releasedAt
        )
    }

    /// Hours from the segment's start to its end, as recorded (negative stays negative), or nil
    /// when either moment is missing.
    public func hours(_ segment: ReleaseSegment) -> Double? {
        guard let start = self[keyPath: segment.ends.start], let end = self[keyPath: segment.ends.end] else { return nil }
        return Double(end - start) / 3600
    }
}

/// Every segment's summary for one entry point or a whole country. It encodes arrival → release
/// at its top level (`count`, `median_hours`, `p90_hours`), the form clients relied on before the
/// other segments were measured, and all segments under `segments`.
public struct ReleaseTimeBreakdown: Sendable, Equatable, Codable {
    public var segments: [ReleaseSegment: ReleaseTimeSummary]

    public init(_ consignments: [ReleaseTimestamps]) {
        segments = Dictionary(
            uniqueKeysWithValues: ReleaseSegment.allCases.map { segment in
                (segment, ReleaseTimeSummary(hours: consignments.compactMap { $0.hours(segment) }))
            })
    }

    public subscript(_ segment: ReleaseSegment) -> ReleaseTimeSummary { segments[segment] ?? ReleaseTimeSummary(hours: []) }

    public var count: Int { self[.arrivalToRelease].count }
    public var medianHours: Double? { self[.arrivalToRelease].medianHours }
    public var p90Hours: Double? { self[.arrivalToRelease].p90Hours }

    /// Per country and per entry point, from the consignments' timestamps.
    public static func byEntryPoint(_ consignments: [ReleaseTimestamps]) -> (
        all: ReleaseTimeBreakdown, entryPoints: [String: ReleaseTimeBreakdown]
    ) {
        (ReleaseTimeBreakdown(consignments), Dictionary(grouping: consignments, by: \.entryPoint).mapValues(ReleaseTimeBreakdown.init))
    }

    enum CodingKeys: String, CodingKey { case count, medianHours, p90Hours, segments }

    /// Segment names as keys (a dictionary keyed by an enum would encode as an array), in camel
    /// case like every other key, so the coders' snake-case strategy applies to them too.
    struct SegmentKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
        init(_ segment: ReleaseSegment) {
            let words = segment.rawValue.split(separator: "_")
            stringValue = String(words[0]) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encodeIfPresent(medianHours, forKey: .medianHours)
        try container.encodeIfPresent(p90Hours, forKey: .p90Hours)
        var nested = container.nestedContainer(keyedBy: SegmentKey.self, forKey: .segments)
        for segment in ReleaseSegment.allCases { try nested.encode(self[segment], forKey: SegmentKey(segment)) }
    }

    public init(from decoder: any Decoder) throws {
        let nested = try decoder.container(keyedBy: CodingKeys.self).nestedContainer(keyedBy: SegmentKey.self, forKey: .segments)
        segments = [:]
        for segment in ReleaseSegment.allCases {
            segments[segment] = try nested.decodeIfPresent(ReleaseTimeSummary.self, forKey: SegmentKey(segment))
        }
    }
}

/// The days whose releases are measured, both ends included (UTC days, as `released_at` is).
public struct ReleasePeriod: Sendable, Equatable, Codable {
    public var from: Day
    public var to: Day

    public static let defaultDays = 365

    /// The last `defaultDays` days up to `today`.
    public static func last(days: Int = defaultDays, endingOn today: Day) -> ReleasePeriod {
        ReleasePeriod(uncheckedFrom: today.adding(days: -(days - 1)), to: today)
    }

    init(uncheckedFrom from: Day, to: Day) { (self.from, self.to) = (from, to) }

    /// Reads `from`/`to` as given by a caller (ISO dates, either may be absent), naming the field
    /// that is wrong. A missing `to` is today; a missing `from` is a year before `to`.
    public init(from rawFrom: String?, to rawTo: String?, today: Day) throws(DomainError) {
        var problems = ProblemList()
        func day(_ raw: String?, _ field: String) -> Day? {
            guard let raw, !raw.trimmedCell.isEmpty else { return nil }
            guard let day = Day.parse(raw.trimmedCell), raw.trimmedCell.count == 10 else {
                problems.add(field: field, "'\(raw)' is not a date (YYYY-MM-DD)")
                return nil
            }
            return day
        }
        let from = day(rawFrom, "from"), to = day(rawTo, "to")
        try problems.check()
        let end = to ?? today
        let start = from ?? end.adding(days: -(Self.defaultDays - 1))
        if start > end { problems.add(field: "from", "\(start) is after the end of the period (\(end))") }
        try problems.check()
        self.init(uncheckedFrom: start, to: end)
    }

    /// Unix seconds: the first second of `from`, and the first second after `to`.
    public var seconds: (start: Int64, end: Int64) {
        (Int64(from.ordinal) * 86_400, Int64(to.ordinal + 1) * 86_400)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from.description, forKey: .from)
        try container.encode(to.description, forKey: .to)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rawFrom = try container.decode(String.self, forKey: .from), rawTo = try container.decode(String.self, forKey: .to)
        guard let from = Day.parse(rawFrom), let to = Day.parse(rawTo) else {
            throw DecodingError.dataCorruptedError(forKey: .from, in: container, debugDescription: "not a date (YYYY-MM-DD)")
        }
        self.init(uncheckedFrom: from, to: to)
    }

    enum CodingKeys: String, CodingKey { case from, to }
}
