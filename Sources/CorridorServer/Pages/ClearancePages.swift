import CorridorCore
import CorridorLanguages
import CorridorStore
import Foundation
import Hummingbird

/// Follow-up after release (completions and re-exports due) and a country's selectivity rules,
/// which its customs administration edits here.
struct ClearancePages {
    let store: Store
    let pages: PageRenderer

    func addRoutes(to router: RouterGroup<CorridorRequestContext>) {
        router.get("customs/obligations") { _, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to see what is due") }
            let due = try await store.declarations.obligations(by: context.actor)
            return pages.page(
                ObligationsPageView(
                    completions: due.completions.map { c in
                        .init(
                            id: c.declarationId, reference: c.reference, org: c.org, destination: c.destination,
                            released: Numbers.dateTime(c.releasedAt), due: Numbers.dateTime(c.completionDue), overdue: c.overdue,
                            missing: c.missingDocuments.map { label in RequiredDocument.allCases.first { $0.label == label }?.shown ?? label
                            }
                            .joined(separator: ", "))
                    },
                    reExports: due.reExports.map { r in
                        .init(
                            id: r.declarationId, reference: r.reference, org: r.org, destination: r.destination, line: r.line,
                            description: r.description, due: Localizer.current.date(iso: r.reExportBy), overdue: r.overdue)
                    },
                    hasCompletions: !due.completions.isEmpty, hasReExports: !due.reExports.isEmpty
                ), title: L("Completions and re-exports due"), context: context, path: "/customs")
        }
        router.get("customs/selectivity") { request, context in
            let iso = try country(request, QueryParameters(request)["country"], context)
            return try await rulesPage(iso, context: context, ruleSet: try await store.selectivityRules.get(country: iso))
        }
        router.post("customs/selectivity") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            let iso = try country(request, fields["country"], context)
            let ruleSet = Self.ruleSet(from: fields)
            do {
                let saved = try await store.selectivityRules.put(country: iso, ruleSet, by: context.actor)
                return try await rulesPage(iso, context: context, ruleSet: saved, saved: true)
            } catch let error as DomainError where error.status == .unprocessableContent {
                let stored = SelectivityRuleRepository.Stored(country: iso, ruleSet: ruleSet, customised: true)
                return try await rulesPage(iso, context: context, ruleSet: stored, error: error)
            }
        }
    }

    private func country(_ request: Request, _ raw: String?, _ context: CorridorRequestContext) throws -> String {
        let iso = (raw ?? context.actor.customsCountries.first ?? "").uppercased()
        guard CountryCode(iso) != nil else { throw DomainError.invalid(field: "country", "choose a country (?country=KE)") }
        try Policy.authorize(context.actor, .manageSelectivityRules, .country(iso))
        return iso
    }

    /// The criteria a rule may use, in the order the form shows them; origin is not offered.
    static let criteria = SelectivityCriterion.allCases.filter { $0 != .originCountry }

    static func ruleSet(from fields: [String: String]) -> SelectivityRuleSet {
        let rules = criteria.compactMap { criterion -> SelectivityRule? in
            let key = criterion.rawValue
            guard fields["\(key)_on"] == "on" else { return nil }
            return SelectivityRule(
                criterion: criterion, lane: Lane(rawValue: fields["\(key)_lane"] ?? "") ?? .yellow,
                factor: fields["\(key)_factor"].flatMap(Double.init), reason: fields["\(key)_reason"] ?? "")
        }
        let percent = Double(fields["random_percent"] ?? "") ?? -1
        return SelectivityRuleSet(
            rules: rules, randomRate: percent / 100, randomLane: Lane(rawValue: fields["random_lane"] ?? "") ?? .yellow)
    }

    private func rulesPage(
        _ iso: String, context: CorridorRequestContext, ruleSet stored: SelectivityRuleRepository.Stored,
        saved: Bool = false, error: DomainError? = nil
    ) async throws -> Response {
        let defaults = Dictionary(uniqueKeysWithValues: SelectivityRuleSet.standard.rules.map { ($0.criterion, $0) })
        let rows = Self.criteria.map { criterion -> SelectivityPageView.Rule in
            let rule = stored.ruleSet.rules.first { $0.criterion == criterion }
            let shown = rule ?? defaults[criterion] ?? SelectivityRule(criterion: criterion, lane: .yellow, reason: "")
            return .init(
                key: criterion.rawValue, label: criterion.shown, on: rule != nil,
                reason: shown.reason, factor: shown.factor.map { String($0) } ?? "", hasFactor: criterion == .valuePerKgDeviation,
                lanes: Lane.allCases.map { .init(lane: $0.rawValue, selected: $0 == shown.lane) })
        }
        return pages.page(
            SelectivityPageView(
                country: iso, rules: rows, customised: stored.customised, updatedBy: stored.updatedBy ?? "",
                randomPercent: String(stored.ruleSet.randomRate * 100),
                randomLanes: [Lane.yellow, .red].map { .init(lane: $0.rawValue, selected: $0 == stored.ruleSet.randomLane) },
                saved: saved, error: error.map { Localizer.current.message($0) }, problems: FieldProblem.list(error)
            ), title: L("Selectivity rules \(iso)"), context: context, path: "/customs", status: error?.status ?? .ok)
    }
}
