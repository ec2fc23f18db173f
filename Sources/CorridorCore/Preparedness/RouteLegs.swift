import Foundation

/// One stretch of a source's route: how, from where to where, how far and how long.
public struct Leg: Sendable, Equatable, Codable {
    public var mode: TransportMode
    /// A site code or an entry point's code (its UN/LOCODE where it has one); nil where it would locate stock the viewer may
    /// count but not see.
    public var from: String?
    /// An entry point's code, or `Leg.affectedArea`.
    public var to: String
    /// Distance along the leg (great circle × the mode's factor); nil where `from` is withheld.
    public var km: Double?
    public var days: Double

    public init(mode: TransportMode, from: String?, to: String, km: Double?, days: Double) {
        (self.mode, self.from, self.to, self.km, self.days) = (mode, from, to, km, days)
    }

    public static let affectedArea = "affected area"
}

/// An entry point as a route reaches it: where it is, and the hours customs release takes there
/// (measured median, country profile or default: `ArrivalEstimate.customsHours`).
public struct EntryRoute: Sendable, Equatable {
    public var code: String
    public var kind: EntryPoint.Kind
    public var lat: Double
    public var lon: Double
    public var customsHours: Double

    public init(code: String, kind: EntryPoint.Kind, lat: Double, lon: Double, customsHours: Double) {
        (self.code, self.kind, self.lat, self.lon, self.customsHours) = (code, kind, lat, lon, customsHours)
    }

    /// The mode that brings goods to an entry point of this kind.
    public var mode: TransportMode {
        switch kind {
        case .airport: .air
        case .seaport: .sea
        case .landBorder, .inland: .road
        }
    }
}
