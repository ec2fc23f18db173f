import CorridorCore
import CorridorLanguages
import CorridorStore
import Foundation
import Hummingbird

/// The planning figures every gap analysis uses, edited by administrators: the needs planned for
/// (one row each, and an empty row to add one), handling, speeds and customs defaults.
struct PlanningFiguresPages {
    let store: Store
    let pages: PageRenderer
    static let spareRows = 2

    func addRoutes(to router: RouterGroup<CorridorRequestContext>) {
        router.get("preparedness/figures") { _, context in
            try Policy.authorize(context.actor, .managePlanningFigures)
            return try page(try await store.gaps.figures(), context: context)
        }
        router.post("preparedness/figures") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            let figures = Self.figures(from: fields)
            do {
                return try page(try await store.gaps.setFigures(figures, by: context.actor), context: context, saved: true)
            } catch let error as DomainError where error.status == .unprocessableContent {
                return try page(figures, context: context, error: error)
            }
        }
    }

    static func figures(from fields: [String: String]) -> PlanningFigures {
        func number(_ key: String) -> Double { Double(fields[key]?.replacingOccurrences(of: ",", with: ".") ?? "") ?? .nan }
        let count = Int(fields["rows"] ?? "") ?? 0
        let needs = (0..<min(count, 100)).compactMap { i -> PlanningFigures.Need? in
            let family = (fields["need\(i)_family"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !family.isEmpty else { return nil }
            let item = (fields["need\(i)_item"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
            return PlanningFigures.Need(
                family: family, share: number("need\(i)_share") / 100, note: fields["need\(i)_note"] ?? "", item: item.isEmpty ? nil : item)
        }
        return PlanningFigures(
            needs: needs,
            handlingDays: [
                .inCountry: number("handling_in_country"), .regional: number("handling_regional"), .global: number("handling_global"),
            ],
            roadKmPerDay: number("road"), roadLimitKm: number("road_limit"),
            defaultCustomsHours: number("customs_hours"), minimumMeasured: Int(fields["minimum_measured"] ?? "") ?? -1,
            emergencyCustomsFactor: number("emergency_factor"),
            // A horizon that is not a whole number becomes 0, which the figures' rule refuses by name.
            horizons: (fields["horizons"] ?? "").split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) ?? 0 },
            routes: RouteFigureFields.read(fields))
    }

    /// Callers authorize first: the GET route itself, the POST through `setFigures`.
    private func page(_ figures: PlanningFigures, context: CorridorRequestContext, saved: Bool = false, error: DomainError? = nil) throws
        -> Response
    {
        // Whole numbers without ".0"; anything too large for an integer is shown as typed (and refused).
        func text(_ value: Double) -> String {
            guard value.isFinite else { return "" }
            return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        }
        let rows =
            figures.needs.map { ($0.family, text($0.share * 100), $0.note, $0.item ?? "") }
            + Array(repeating: ("", "", "", ""), count: Self.spareRows)
        return pages.page(
            PlanningFiguresPageView(
                rows: rows.count,
                needs: rows.enumerated().map { i, row in .init(i: i, family: row.0, share: row.1, note: row.2, item: row.3) },
                handlingInCountry: text(figures.handlingDays[.inCountry] ?? .nan),
                handlingRegional: text(figures.handlingDays[.regional] ?? .nan),
                handlingGlobal: text(figures.handlingDays[.global] ?? .nan), road: text(figures.roadKmPerDay),
                roadLimit: text(figures.roadLimitKm), customsHours: text(figures.defaultCustomsHours),
                minimumMeasured: figures.minimumMeasured,
                emergencyFactor: text(figures.emergencyCustomsFactor), horizons: figures.horizons.map(String.init).joined(separator: ", "),
                routeFigures: RouteFigureFields.rows(figures.routes),
                saved: saved, hasError: error != nil, error: error.map { Localizer.current.message($0) } ?? "",
                problems: FieldProblem.list(error)
            ), title: L("Planning figures"), context: context, path: "/preparedness", status: error?.status ?? .ok)
    }
}
