import Foundation

/// What a user may act as. A user holds any number of roles; each is scoped.
public enum Role: Sendable, Hashable, Codable {
    case admin
    /// Acts for one organisation: its sites, stock, declarations, dispatches.
    case orgMember(orgCode: String)
    /// Customs administration of one country: emergencies, accreditation, lanes, release.
    case customsOfficer(country: String)
    /// Looks across organisations; `nil` country means global.
    case coordinator(country: String?)

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case admin
        case orgMember = "org_member"
        case customsOfficer = "customs_officer"
        case coordinator
    }

    public var kind: Kind {
        switch self {
        case .admin: .admin
        case .orgMember: .orgMember
        case .customsOfficer: .customsOfficer
        case .coordinator: .coordinator
        }
    }

    /// Builds a role from its stored or typed parts, saying exactly which part is wrong.
    public static func parse(kind: String, orgCode: String?, country: String?) throws(DomainError) -> Role {
        guard let kind = Kind(rawValue: kind) else {
            throw .invalid(field: "role", "must be one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let countryCode = country.flatMap { $0.isEmpty ? nil : $0 }
        if let countryCode, CountryCode(countryCode) == nil {
            throw .invalid(field: "country", "'\(countryCode)' is not an ISO 3166-1 alpha-2 code")
        }
        switch kind {
        case .admin:
            return .admin
        case .orgMember:
            guard let orgCode, !orgCode.isEmpty else { throw .invalid(field: "org", "an org_member needs an organisation code") }
            return .orgMember(orgCode: orgCode.uppercased())
        case .customsOfficer:
            guard let countryCode else { throw .invalid(field: "country", "a customs_officer needs a country") }
            return .customsOfficer(country: countryCode.uppercased())
        case .coordinator:
            return .coordinator(country: countryCode?.uppercased())
        }
    }

    public var orgCode: String? { if case .orgMember(let code) = self { code } else { nil } }
    public var country: String? {
        switch self {
        case .customsOfficer(let c): c
        case .coordinator(let c): c
        default: nil
        }
    }

    /// "admin", "org_member(WFP)", "customs_officer(KE)", "coordinator(global)"
    public var label: String {
        switch self {
        case .admin: "admin"
        case .orgMember(let org): "org_member(\(org))"
        case .customsOfficer(let c): "customs_officer(\(c))"
        case .coordinator(let c): "coordinator(\(c ?? "global"))"
        }
    }
}
