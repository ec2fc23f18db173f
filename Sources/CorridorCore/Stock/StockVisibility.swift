/// Who sees stock in detail (line by line) and who sees only totals by sector, in a form the
/// store can turn into one WHERE clause.
public struct StockVisibility: Sendable, Equatable {
    /// Admins and global coordinators see everything.
    public var everything: Bool
    /// Organisations whose non-public sites the caller sees in detail (its own).
    public var organisations: [String]
    /// Countries whose non-public sites the caller sees in detail (as their coordinator).
    public var countries: [String]

    public init(for actor: Actor) {
        everything = actor.isAdmin || actor.isGlobalCoordinator
        organisations = actor.roles.compactMap(\.orgCode)
        countries = actor.roles.compactMap { role in
            if case .coordinator(let country?) = role { country } else { nil }
        }
    }

    /// Whether the caller sees the site's stock line by line.
    public func seesDetail(of site: Site) -> Bool {
        site.sharing == .public || everything || organisations.contains(site.orgCode) || countries.contains(site.country)
    }
}

extension Policy {
    /// Whether `actor` may see that a site exists at all. Private sites never leak.
    public static func canSee(_ site: Site, _ actor: Actor) -> Bool {
        site.sharing != .private || StockVisibility(for: actor).seesDetail(of: site)
    }
}
