import Foundation

/// A vehicle type a planner counts in: what one carries, and how many can leave one source a day.
public struct Carrier: Sendable, Equatable, Codable {
    public var name: String
    public var payloadTonnes: Double
    public var payloadM3: Double
    public var perDay: Double

    public init(name: String, payloadTonnes: Double, payloadM3: Double, perDay: Double) {
        (self.name, self.payloadTonnes, self.payloadM3, self.perDay) = (name, payloadTonnes, payloadM3, perDay)
    }

    /// Vehicles needed for a load: by weight or by volume, whichever fills first.
    public func count(tonnes: Double, m3: Double) -> Int {
        guard tonnes > 0 || m3 > 0 else { return 0 }
        return Int(max(tonnes / payloadTonnes, m3 / payloadM3).rounded(.up))
    }

    /// Days of departures a load takes from one source, at `perDay` vehicles a day (at least 1).
    public func departureDays(tonnes: Double, m3: Double) -> Int {
        max(1, Int((Double(count(tonnes: tonnes, m3: m3)) / perDay).rounded(.up)))
    }
}

/// A country's road speed, where its terrain or roads differ from the default.
public struct CountrySpeed: Sendable, Equatable, Codable {
    public var country: String
    public var kmPerDay: Double
    public init(country: String, kmPerDay: Double) { (self.country, self.kmPerDay) = (country, kmPerDay) }
}

/// Where a figure comes from (a document, a measurement), by the figure's field name.
public struct FigureSource: Sendable, Equatable, Codable {
    public var figure: String
    public var source: String
    public init(figure: String, source: String) { (self.figure, self.source) = (figure, source) }
}

/// How goods move from a source to an entry point and on to the affected area: the figures of
/// each mode a logistician plans with, each with where it comes from.
public struct RouteFigures: Sendable, Equatable, Codable {
    /// Days to arrange a flight (booking or chartering, slots, permits) before it leaves.
    public var airArrangeDays: Double
    /// Average speed of a freighter over the great-circle distance, taxi and climb included.
    public var airKmPerHour: Double
    /// Sea distance ÷ great-circle distance between the source and the port.
    public var seaDistanceFactor: Double
    public var seaKmPerDay: Double
    /// Port time at both ends: loading, waiting for a berth, discharge.
    public var portHandlingDays: Double
    /// Shipments of at least this many tonnes go by sea (or road) when they arrive within the
    /// scenario's days; lighter ones take the fastest mode.
    public var surfaceFromTonnes: Double
    /// Road distance ÷ great-circle distance.
    public var roadDistanceFactor: Double
    /// Road speed by country where its terrain or roads differ from the default.
    public var roadKmPerDayByCountry: [CountrySpeed]
    public var borderCrossingDays: Double
    public var freighter: Carrier
    public var truck: Carrier
    /// Where figures come from; "planning assumption" for any not named here.
    public var sources: [FigureSource]

    public init(
        airArrangeDays: Double, airKmPerHour: Double, seaDistanceFactor: Double, seaKmPerDay: Double, portHandlingDays: Double,
        surfaceFromTonnes: Double, roadDistanceFactor: Double, roadKmPerDayByCountry: [CountrySpeed], borderCrossingDays: Double,
        freighter: Carrier, truck: Carrier, sources: [FigureSource] = []
    ) {
        (self.airArrangeDays, self.airKmPerHour, self.seaDistanceFactor, self.seaKmPerDay) = (
            airArrangeDays, airKmPerHour, seaDistanceFactor, seaKmPerDay
        )
        (self.portHandlingDays, self.surfaceFromTonnes, self.roadDistanceFactor) = (portHandlingDays, surfaceFromTonnes, roadDistanceFactor)
        (self.roadKmPerDayByCountry, self.borderCrossingDays, self.freighter, self.truck, self.sources) = (
            roadKmPerDayByCountry, borderCrossingDays, freighter, truck, sources
        )
    }

    public static let planningAssumption = "planning assumption"

    /// The figures' names, as the sources and the pages key them.
    public static let figureNames = [
        "air_arrange_days", "air_km_per_hour", "sea_distance_factor", "sea_km_per_day", "port_handling_days", "surface_from_tonnes",
        "road_distance_factor", "road_km_per_day_by_country", "border_crossing_days", "freighter", "truck",
    ]

    /// Where a figure comes from.
    public func source(of name: String) -> String {
        let named = sources.first { $0.figure == name }?.source.trimmingCharacters(in: .whitespaces) ?? ""
        return named.isEmpty ? Self.planningAssumption : named
    }

    /// Defaults, all planning assumptions until an administrator names a source: two days to
    /// arrange a flight and 700 km/h in the air; ships at 13.5 knots (600 km a day) over 1.3 × the
    /// great-circle distance, with 5 days of port time; road 1.3 × the straight line at the
    /// figures' road speed, slower in mountainous countries, a day at each border; an Il-76
    /// freighter (40 t, 180 m³, 2 departures a day from one source) and a 24 t, 80 m³ truck (10 a day).
    public static let standard = RouteFigures(
        airArrangeDays: 2, airKmPerHour: 700, seaDistanceFactor: 1.3, seaKmPerDay: 600, portHandlingDays: 5, surfaceFromTonnes: 20,
        roadDistanceFactor: 1.3,
        roadKmPerDayByCountry: [
            CountrySpeed(country: "AF", kmPerDay: 200), CountrySpeed(country: "BT", kmPerDay: 150),
            CountrySpeed(country: "NP", kmPerDay: 150), CountrySpeed(country: "PG", kmPerDay: 150),
            CountrySpeed(country: "TJ", kmPerDay: 200),
        ], borderCrossingDays: 1,
        freighter: Carrier(name: "Ilyushin Il-76TD freighter", payloadTonnes: 40, payloadM3: 180, perDay: 2),
        truck: Carrier(name: "articulated truck, 13.6 m trailer", payloadTonnes: 24, payloadM3: 80, perDay: 10))

    /// Road speed in a country: its own figure, else the default.
    public func roadKmPerDay(in country: String, default speed: Double) -> Double {
        roadKmPerDayByCountry.first { $0.country == country.uppercased() }?.kmPerDay ?? speed
    }

    func check(into problems: inout ProblemList) {
        func within(_ value: Double, _ range: ClosedRange<Double>, _ field: String, _ words: Phrase) {
            if !range.contains(value) { problems.add(field: field, words) }
        }
        within(airArrangeDays, 0...60, "air_arrange_days", Phrase("from 0 to 60 days"))
        within(airKmPerHour, 100...1_000, "air_km_per_hour", Phrase("from 100 to 1,000 km an hour"))
        within(seaDistanceFactor, 1...3, "sea_distance_factor", Phrase("from 1 to 3 (sea route ÷ straight line)"))
        within(seaKmPerDay, 100...1_500, "sea_km_per_day", Phrase("from 100 to 1,500 km a day"))
        within(portHandlingDays, 0...60, "port_handling_days", Phrase("from 0 to 60 days"))
        within(surfaceFromTonnes, 0...100_000, "surface_from_tonnes", Phrase("from 0 to 100,000 tonnes"))
        within(roadDistanceFactor, 1...3, "road_distance_factor", Phrase("from 1 to 3 (road ÷ straight line)"))
        within(borderCrossingDays, 0...30, "border_crossing_days", Phrase("from 0 to 30 days"))
        for entry in roadKmPerDayByCountry {
            if entry.country.count != 2 || CountryCode(entry.country) == nil || entry.country != entry.country.uppercased() {
                problems.add(field: "road_km_per_day_by_country", "'\(entry.country)' is not an ISO alpha-2 country code")
            }
            if !(entry.kmPerDay > 0 && entry.kmPerDay <= 2_000) {
                problems.add(field: "road_km_per_day_by_country", "\(entry.country): more than 0 and at most 2,000 km a day")
            }
        }
        if Set(roadKmPerDayByCountry.map(\.country)).count != roadKmPerDayByCountry.count {
            problems.add(field: "road_km_per_day_by_country", "each country once")
        }
        for (carrier, field) in [(freighter, "freighter"), (truck, "truck")] {
            if carrier.name.trimmingCharacters(in: .whitespaces).isEmpty { problems.add(field: "\(field).name", "name the type") }
            within(carrier.payloadTonnes, 0.1...500, "\(field).payload_tonnes", Phrase("from 0.1 to 500 tonnes"))
            within(carrier.payloadM3, 0.1...2_000, "\(field).payload_m3", Phrase("from 0.1 to 2,000 m³"))
            within(carrier.perDay, 0.1...1_000, "\(field).per_day", Phrase("from 0.1 to 1,000 a day"))
        }
        for entry in sources where !Self.figureNames.contains(entry.figure) {
            problems.add(field: "sources", "'\(entry.figure)' is not a figure (\(Self.figureNames.joined(separator: ", ")))")
        }
    }
}
