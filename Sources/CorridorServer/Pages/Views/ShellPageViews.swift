/// The views of the pages every visitor can open: home, map, organisations, countries.

struct HomePageView: PageView {
    static let template = "home"
    let organisations: Int
    let sites: Int
    let hubs: Int
    let countries: Int
    let signedOut: Bool
    /// What the signed-in user works on, by role; nil when signed out.
    let work: HomeWork?
}

struct MapPageView: PageView {
    static let template = "map"

    struct Site: Sendable {
        let id: Int64
        let code: String
        let name: String
        let org: String
        let country: String
        let tier: String
        /// The tier's code, for the map script's filters.
        let tierValue: String
        let sharing: String
        let stock: String
        let capacity: String
    }

    /// The map itself, drawn on the server from clusters.
    let svg: String
    /// One page of the sites the map shows.
    let sites: [Site]
    let paging: ListPaging
    let regions: [Choice]
    let sectors: [Choice]
    let tiers: [Choice]
    let orgTypes: [LabelledChoice]
    let org: String
}

struct OrganisationsPageView: PageView {
    static let template = "organisations"

    struct Organisation: Sendable {
        let code: String
        let name: String
        let type: String
        let country: String
        /// Invented for the demo: no such organisation exists.
        let fictitious: Bool
    }

    let organisations: [Organisation]
    let count: Int
}

struct CountriesPageView: PageView {
    static let template = "countries"

    struct Country: Sendable {
        let alpha2: String
        let alpha3: String
        let name: String
        let subregion: String
    }

    struct Region: Sendable {
        let name: String
        let count: Int
        let countries: [Country]
    }

    let count: Int
    let regions: [Region]
}

/// A country's hub: everything Corridor knows of it on one page.
struct CountryPageView: PageView {
    static let template = "country"

    struct Site: Sendable {
        let id: Int64
        let name: String
        let org: String
        let tier: String
        let stock: String
    }

    struct Tier: Sendable {
        let label: String
        let items: Int
        /// The items that cover the most people, with their quantities.
        let top: String
    }

    struct Progress: Sendable {
        let category: String
        let done: Int
        let applicable: Int
        let percent: Int
    }

    struct Emergency: Sendable {
        let name: String
        let hazard: String
        let declared: String
        let ends: String
    }

    struct EntryPoint: Sendable {
        /// Its UN/LOCODE, or its internal code followed by "no UN/LOCODE".
        let code: String
        let name: String
        let kind: String
    }

    let iso: String
    let name: String
    let region: String
    let subregion: String
    let map: String
    let hasSites: Bool
    /// The sites holding the most stock; `moreSites` links to them all when there are more.
    let sites: [Site]
    let moreSites: String?
    let tiers: [Tier]
    let progress: [Progress]
    let profileRecorded: Bool
    let agreement: String
    let kyoto: String
    let releaseHours: String
    let measuredCount: Int
    let measuredMedian: String
    let measuredP90: String
    let emergencies: [Emergency]
    let entryPoints: [EntryPoint]
}
