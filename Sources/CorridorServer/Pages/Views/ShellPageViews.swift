/// The views of the pages every visitor can open: home, map, organisations, countries.

struct HomePageView: PageView {
    static let template = "home"
    let organisations: Int
    let sites: Int
    let hubs: Int
    let countries: Int
    let signedOut: Bool
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

    /// The map itself, drawn on the server.
    let svg: String
    let sites: [Site]
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
