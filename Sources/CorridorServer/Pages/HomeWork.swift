import CorridorCore
import CorridorLanguages
import CorridorStore
import Foundation

/// What the home page puts first for a signed-in user: an organisation member's sites, stale
/// reports and declarations; a customs officer's queue; a coordinator's country hub and alerts.
/// Every list comes from the filtered queries the other pages use.
struct HomeWork: Sendable {
    struct Site: Sendable {
        let id: Int64
        let name: String
        let country: String
        let latest: String
    }

    struct Alert: Sendable {
        let severity: String
        let severityLabel: String
        let kind: String
        let siteId: Int64
        let site: String
        let message: String
    }

    struct Declaration: Sendable {
        let id: Int64
        let reference: String
        let destination: String
        let state: String
    }

    struct Hub: Sendable {
        let iso: String
        let name: String
    }

    let member: Bool
    let orgs: String
    /// The member's sites reported longest ago; `moreSites` links to them all (`sitesLink`) when there are more.
    let sites: [Site]
    let moreSites: String?
    let sitesLink: String
    let stale: [Alert]
    /// Whether there are more stale reports than listed.
    let moreStale: Bool
    let declarations: [Declaration]
    let customs: Bool
    let customsCountries: String
    let coordinator: Bool
    let hubs: [Hub]
    let alerts: [Alert]

    /// How many sites and stale reports the home lists; the rest are a link away.
    static let listed = 20

    static func of(_ actor: Actor, sites visible: [CorridorCore.Site], store: Store) async throws -> HomeWork? {
        guard actor != .anonymous else { return nil }
        let orgs = actor.roles.compactMap(\.orgCode)
        let customsCountries = actor.customsCountries.sorted()
        let coordinated = actor.roles.compactMap { role -> String?? in
            if case .coordinator(let country) = role { return .some(country) }
            return nil
        }
        let countries = try await store.reference.countries()
        let names = Dictionary(
            countries.map { ($0.alpha2, Localizer.current.country($0.alpha2, or: $0.name)) }, uniquingKeysWith: { a, _ in a })
        var member: (sites: [Site], stale: [Alert], declarations: [Declaration]) = ([], [], [])
        var more: (sites: String?, stale: Bool) = (nil, false)
        if !orgs.isEmpty {
            // The sites reported longest ago first: those are the ones to see to.
            let held = try await store.stock.reportDates(ofSitesHeldBy: orgs, visibleTo: actor, limit: Self.listed)
            member.sites = held.sites.map {
                Site(
                    id: $0.site.id, name: $0.site.name, country: $0.site.country,
                    latest: $0.latest.map { Localizer.current.date(iso: $0) } ?? L("no report yet"))
            }
            if held.total > held.sites.count { more.sites = L("All \(held.total) sites") }
            let stale = try await store.stock.alertPage(visibleTo: actor, holders: orgs, kinds: [.staleReport], first: Self.listed)
            member.stale = stale.alerts.map(alert)
            more.stale = stale.count(of: [.staleReport]) > Self.listed
            member.declarations = try await store.declarations.list(by: actor).filter { orgs.contains($0.org) }.prefix(10).map {
                Declaration(id: $0.id, reference: $0.reference, destination: $0.destination, state: $0.state.shown)
            }
        }
        var hubs: [Hub] = []
        var alerts: [Alert] = []
        if !coordinated.isEmpty {
            let own = coordinated.compactMap { $0 }
            // A global coordinator's hubs are the countries with sites; a country's, its own.
            let isos = own.isEmpty ? Array(Set(visible.map(\.country))).sorted() : own.sorted()
            hubs = isos.map { Hub(iso: $0, name: names[$0] ?? $0) }
            var found: [StockAlert] = []
            if own.isEmpty {
                found = try await store.stock.alertPage(visibleTo: actor, first: 10).alerts
            } else {
                for iso in own { found += try await store.stock.alertPage(visibleTo: actor, country: iso, first: 10).alerts }
            }
            alerts = found.prefix(10).map(alert)
        }
        return HomeWork(
            member: !orgs.isEmpty, orgs: orgs.joined(separator: ", "), sites: member.sites, moreSites: more.sites,
            sitesLink: orgs.count == 1 ? "/sites?org=\(ShellPages.encoded(orgs[0]))" : "/sites", stale: member.stale, moreStale: more.stale,
            declarations: member.declarations, customs: !customsCountries.isEmpty,
            customsCountries: customsCountries.map { names[$0] ?? $0 }.joined(separator: ", "),
            coordinator: !coordinated.isEmpty, hubs: hubs, alerts: alerts)
    }

    static func alert(_ alert: StockAlert) -> Alert {
        Alert(
            severity: alert.severity.rawValue, severityLabel: StockWords.severity(alert.severity), kind: alert.kind.label,
            siteId: alert.siteId, site: alert.siteName, message: Localizer.current.string(alert.phrase))
    }
}
