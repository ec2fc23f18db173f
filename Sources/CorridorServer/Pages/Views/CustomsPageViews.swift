/// The views of the customs pages: emergencies and entry points, release times, what is due after
/// release, and a country's selectivity rules.

struct CustomsPageView: PageView {
    static let template = "customs"

    struct Need: Sendable {
        let what: String
        let priority: String
        let note: String
    }

    struct Emergency: Sendable {
        let id: Int64
        let name: String
        let country: String
        let hazard: String
        let declared: String
        let ends: String
        let active: Bool
        let facilities: String
        let hasNeeds: Bool
        let needs: [Need]
    }

    struct EntryPoint: Sendable {
        let code: String
        /// Empty for a crossing without a UN/LOCODE of its own.
        let locode: String
        let hasLocode: Bool
        let name: String
        let country: String
        let kind: String
        let verified: Bool
    }

    struct Accreditation: Sendable {
        let id: Int64
        let org: String
        let country: String
        let status: String
        let validUntil: String
        let canDecide: Bool
    }

    let emergencies: [Emergency]
    let releaseTimeCountries: [String]
    let entryPoints: [EntryPoint]
    let country: String
    let countries: [CountryChoice]
    let accreditations: [Accreditation]
    let signedIn: Bool
    /// The country whose selectivity rules the visitor may edit, if any.
    let rulesCountry: String?
    let suggestedValidity: String
}

struct ReleaseTimesPageView: PageView {
    static let template = "release-times"

    struct Segment: Sendable {
        let label: String
    }

    struct Cell: Sendable {
        let count: Int
        let median: String
        let p90: String
    }

    struct Row: Sendable {
        let name: String
        /// The country's row, above its entry points.
        let total: Bool
        let cells: [Cell]
    }

    struct Range: Sendable {
        let label: String
        let from: String
        let to: String
    }

    let country: String
    let countryName: String
    let from: String
    let to: String
    let hasData: Bool
    let chart: String
    let segments: [Segment]
    let rows: [Row]
    let unmeasured: String
    let hasUnmeasured: Bool
    let ranges: [Range]
}

struct ObligationsPageView: PageView {
    static let template = "obligations"

    struct Completion: Sendable {
        let id: Int64
        let reference: String
        let org: String
        let destination: String
        let released: String
        let due: String
        let overdue: Bool
        let missing: String
    }

    struct ReExport: Sendable {
        let id: Int64
        let reference: String
        let org: String
        let destination: String
        let line: Int
        let description: String
        let due: String
        let overdue: Bool
    }

    let completions: [Completion]
    let reExports: [ReExport]
    let hasCompletions: Bool
    let hasReExports: Bool
}

struct SelectivityPageView: PageView {
    static let template = "selectivity"

    struct LaneChoice: Sendable {
        let lane: String
        let selected: Bool
    }

    struct Rule: Sendable {
        let key: String
        let label: String
        let on: Bool
        let reason: String
        let factor: String
        let hasFactor: Bool
        let lanes: [LaneChoice]
    }

    let country: String
    let rules: [Rule]
    let customised: Bool
    let updatedBy: String
    let randomPercent: String
    let randomLanes: [LaneChoice]
    let saved: Bool
    /// Why the rules were refused; nil shows no error box.
    let error: String?
    let problems: [FieldProblem]
}
