/// The views of the preparedness pages: a country's checklist and customs profile, scenario gap
/// analyses, and the planning figures behind them.

struct PreparednessPageView: PageView {
    static let template = "preparedness"

    struct Progress: Sendable {
        let category: String
        let done: Int
        let applicable: Int
        let percent: Int
    }

    struct Action: Sendable {
        let code: String
        let framework: String
        let category: String
        let title: String
        /// The status's code (a style) and its words.
        let status: String
        let statusLabel: String
        let owner: String
        /// The due date as the form takes it (ISO) and as the reader reads it.
        let due: String
        let dueShown: String
        let evidence: String
        /// The evidence when it is a link (else it is a note, shown as text).
        let evidenceLink: String
        let evidenceIsLink: Bool
        let hasEvidence: Bool
        /// Corridor's own data decides this action, unless someone overrode it with a reason.
        let auto: Bool
        let autoDone: Bool
        let autoEvidence: String
        let overridden: Bool
        let overrideReason: String
        let history: [String]
        let hasHistory: Bool
        let statuses: [LabelledChoice]
    }

    struct Profile: Sendable {
        let ocha: String
        let ochaShown: String
        let hasOcha: Bool
        let kyoto: Bool
        let tampere: Bool
        let idrl: String
        let procedure: String
        let documents: String
        let focal: String
        let hours: String
        let recorded: Bool
        let measuredCount: Int
        let measuredMedian: String
        let measuredP90: String
    }

    let country: String
    let canEdit: Bool
    let countries: [CountryChoice]
    let progress: [Progress]
    let actions: [Action]
    let profile: Profile
    let canEditProfile: Bool
}

struct ScenarioPageView: PageView {
    static let template = "scenario"

    /// Where some of a need comes from, and when it arrives.
    struct Source: Sendable {
        let site: String
        let country: String
        let tier: String
        let item: String
        let quantity: String
        let people: String
        let arrival: String
        /// The route, leg by leg.
        let legs: String
        let handling: String
        let transport: String
        let customs: String
        let mode: String
        let entryPoint: String
        /// The raw values the dispatch form posts.
        let entryPointCode: String
        let quantityValue: String
        let siteId: String
        /// The organisation that owns the stock: only its members are offered to dispatch it.
        let owner: String
        /// The mode the analysis planned, preselected in the dispatch form.
        let byRoad: Bool
        let bySea: Bool
        let canDispatch: Bool
    }

    struct Need: Sendable {
        let family: String
        let required: String
        let d3: String
        let d7: String
        let d14: String
        let d30: String
        let shortfall: String
        let short: Bool
        let note: String
        let inCountry: String
        let regional: String
        let global: String
        let sources: [Source]
        let hasSources: Bool
        /// The need as a load in its reference item, and its shortfall.
        let tonnes: String
        let flights: String
        let trucks: String
        let shortfallTonnes: String
    }

    struct Dispatch: Sendable {
        let id: Int64
        let org: String
        let site: String
        let item: String
        let quantity: String
        let state: String
        let declaration: Int64
    }

    struct Figure: Sendable {
        let family: String
        let share: Int
        let note: String
    }

    let id: Int64
    let name: String
    let country: String
    let countryName: String
    let people: String
    let days: Int
    let lat: String
    let lon: String
    /// The coverage chart, drawn on the server.
    let timeline: String
    let needs: [Need]
    let dispatches: [Dispatch]
    let hasDispatches: Bool
    let dispatchOrg: String
    let figures: [Figure]
    let road: Int
    let roadLimit: Int
    let customsDefault: Int
    let routeFigures: [RouteFigureFields.Row]
}

struct ScenariosPageView: PageView {
    static let template = "scenarios"

    struct Scenario: Sendable {
        let id: Int64
        let name: String
        let country: String
        let people: String
        let days: Int
        let by: String
    }

    /// What was typed in the form, shown again when it is refused.
    struct Form: Sendable {
        let country: String
        let lat: String
        let lon: String
        let people: String
        let days: String
        let name: String
    }

    let scenarios: [Scenario]
    let hazards: [LabelledChoice]
    let countries: [CountryChoice]
    let f: Form
    let error: String
    let hasError: Bool
    let problems: [FieldProblem]
}

struct PlanningFiguresPageView: PageView {
    static let template = "planning-figures"

    struct Need: Sendable {
        let i: Int
        let family: String
        let share: String
        let note: String
        let item: String
    }

    /// How many need rows the form has.
    let rows: Int
    let needs: [Need]
    let handlingInCountry: String
    let handlingRegional: String
    let handlingGlobal: String
    let road: String
    let roadLimit: String
    let customsHours: String
    let minimumMeasured: Int
    let emergencyFactor: String
    let horizons: String
    let routeFigures: [RouteFigureFields.Row]
    let saved: Bool
    let hasError: Bool
    let error: String
    let problems: [FieldProblem]
}
