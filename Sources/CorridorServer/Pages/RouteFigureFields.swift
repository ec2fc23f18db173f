import CorridorCore
import Foundation

/// The route figures as form fields: one row per figure, its value and where it comes from, read
/// back from the same names. The planning-figures page edits them; the scenario page lists them.
enum RouteFigureFields {
    struct Row: Sendable {
        let key: String
        let label: String
        let value: String
        let source: String
    }

    /// A figure: its field name (as `RouteFigures.sources` keys it), label and how it is read and written.
    struct Figure {
        let key: String
        let label: String
        let get: (RouteFigures) -> String
        let set: (inout RouteFigures, String) -> Void
    }

    static func number(_ text: String) -> Double {
        Double(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")) ?? .nan
    }

    static func text(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static func plain(_ key: String, _ label: String, _ path: WritableKeyPath<RouteFigures, Double>) -> Figure {
        Figure(key: key, label: label, get: { text($0[keyPath: path]) }, set: { $0[keyPath: path] = number($1) })
    }

    static func carrier(_ key: String, _ label: String, _ path: WritableKeyPath<RouteFigures, Carrier>) -> Figure {
        // "name; tonnes; m³; per day", as typed.
        Figure(
            key: key, label: label,
            get: {
                let c = $0[keyPath: path]
                return "\(c.name); \(text(c.payloadTonnes)); \(text(c.payloadM3)); \(text(c.perDay))"
            },
            set: { figures, typed in
                let parts = typed.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                figures[keyPath: path] = Carrier(
                    name: parts.first ?? "", payloadTonnes: parts.count > 1 ? number(parts[1]) : .nan,
                    payloadM3: parts.count > 2 ? number(parts[2]) : .nan, perDay: parts.count > 3 ? number(parts[3]) : .nan)
            })
    }

    static var figures: [Figure] {
        [
            plain("air_arrange_days", L("Air: days to arrange a flight"), \.airArrangeDays),
            plain("air_km_per_hour", L("Air: freighter speed (km/h)"), \.airKmPerHour),
            plain("sea_distance_factor", L("Sea: sea distance ÷ straight line"), \.seaDistanceFactor),
            plain("sea_km_per_day", L("Sea: ship speed (km/day)"), \.seaKmPerDay),
            plain("port_handling_days", L("Sea: port time, both ends (days)"), \.portHandlingDays),
            plain("surface_from_tonnes", L("Shipments from this many tonnes go by sea or road when in time"), \.surfaceFromTonnes),
            plain("road_distance_factor", L("Road: road distance ÷ straight line"), \.roadDistanceFactor),
            Figure(
                key: "road_km_per_day_by_country", label: L("Road: speed by country (ISO=km/day, comma-separated)"),
                get: { $0.roadKmPerDayByCountry.map { "\($0.country)=\(text($0.kmPerDay))" }.joined(separator: ", ") },
                set: { figures, typed in
                    figures.roadKmPerDayByCountry = typed.split(separator: ",").compactMap { pair in
                        let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                        guard let country = parts.first, !country.isEmpty else { return nil }
                        return CountrySpeed(country: country.uppercased(), kmPerDay: parts.count > 1 ? number(parts[1]) : .nan)
                    }
                }),
            plain("border_crossing_days", L("Road: days at a border crossing"), \.borderCrossingDays),
            carrier("freighter", L("Freighter (name; tonnes; m³; departures a day)"), \.freighter),
            carrier("truck", L("Truck (name; tonnes; m³; departures a day)"), \.truck),
        ]
    }

    static func rows(_ routes: RouteFigures) -> [Row] {
        figures.map {
            Row(key: $0.key, label: $0.label, value: $0.get(routes), source: PreparednessWords.source(routes.source(of: $0.key)))
        }
    }

    /// The route figures a form posted (`route_KEY` and `source_KEY`); a figure the form does not
    /// carry keeps its standard value; a source left as "planning assumption" or empty is not stored.
    static func read(_ fields: [String: String]) -> RouteFigures {
        var routes = RouteFigures.standard
        routes.sources = []
        for figure in figures {
            if let typed = fields["route_\(figure.key)"] { figure.set(&routes, typed) }
            let source = (fields["source_\(figure.key)"] ?? "").trimmingCharacters(in: .whitespaces)
            // The page shows "planning assumption" in the reader's words: either means no source.
            if !source.isEmpty && source != RouteFigures.planningAssumption
                && source != PreparednessWords.source(RouteFigures.planningAssumption)
            {
                routes.sources.append(FigureSource(figure: figure.key, source: source))
            }
        }
        return routes
    }
}
