import Foundation

public enum OrganisationType: String, Sendable, Codable, CaseIterable {
    case unAgency = "un_agency"
    case ingo
    case nngo
    case redCrossRedCrescent = "red_cross_red_crescent"
    case government
    case `private`
    case other

    public var label: String {
        switch self {
        case .unAgency: "UN agency"
        case .ingo: "International NGO"
        case .nngo: "National NGO"
        case .redCrossRedCrescent: "Red Cross / Red Crescent"
        case .government: "Government"
        case .private: "Private sector"
        case .other: "Other"
        }
    }
}

/// An organisation that holds stock, lodges declarations or coordinates.
public struct Organisation: Sendable, Equatable, Codable {
    public var id: Int64
    public var code: String
    public var name: String
    public var type: OrganisationType
    public var hqCountry: String

    public init(id: Int64, code: String, name: String, type: OrganisationType, hqCountry: String) {
        self.id = id
        self.code = code
        self.name = name
        self.type = type
        self.hqCountry = hqCountry
    }
}

/// What a caller submits to register an organisation, before it has an id.
public struct NewOrganisation: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var type: String
    public var hqCountry: String

    public init(code: String, name: String, type: String, hqCountry: String) {
        self.code = code
        self.name = name
        self.type = type
        self.hqCountry = hqCountry
    }

    /// Checks shape only; whether the country exists and the code is free is for the store.
    public func validated() throws(DomainError) -> (code: String, name: String, type: OrganisationType, hqCountry: CountryCode) {
        var problems = ProblemList()
        let code = self.code.trimmingCharacters(in: .whitespaces).uppercased()
        if !OrganisationCodeRule.isValid(code) {
            problems.add(field: "code", "must be 2 to 16 letters, digits or hyphens, starting with a letter (e.g. WFP, IFRC, MSF-OCG)")
        }
        let name = self.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 200 { problems.add(field: "name", "must be 1 to 200 characters") }
        let type = OrganisationType(rawValue: self.type)
        if type == nil {
            problems.add(field: "type", "must be one of \(OrganisationType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let country = CountryCode(hqCountry)
        if country == nil { problems.add(field: "hq_country", "must be an ISO 3166-1 alpha-2 code such as KE") }
        try problems.check()
        return (code, name, type!, country!)
    }
}

public enum OrganisationCodeRule {
    public static func isValid(_ code: String) -> Bool {
        guard (2...16).contains(code.count), let first = code.first, first.isASCII, first.isLetter else { return false }
        return code.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "-") }
    }
}
