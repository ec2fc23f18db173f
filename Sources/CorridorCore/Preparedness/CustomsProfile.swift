import Foundation

/// What the working group knows of a country's relief customs regime, shared with everyone who
/// plans a response there.
public struct CustomsProfile: Sendable, Equatable, Codable {
    public var country: String
    /// Date the OCHA Model Customs Facilitation Agreement was signed, if it was.
    public var ochaModelAgreement: String?
    public var kyotoAnnexJ5: Bool
    public var tampereConvention: Bool
    /// The disaster law or decree with IDRL provisions, by name.
    public var idrlLaw: String?
    public var procedure: String
    public var requiredDocuments: String
    public var focalPoints: String
    /// Hours customs release takes by the profile's account (used when nothing is measured).
    public var defaultReleaseHours: Double?
    /// The administration that issues release certificates ("Kenya Revenue Authority, Customs and Border Control").
    public var customsAdministration: String?
    /// The administration's time zone (IANA name, e.g. Africa/Nairobi): certificates give local time.
    public var timeZone: String?

    public init(
        country: String, ochaModelAgreement: String? = nil, kyotoAnnexJ5: Bool = false, tampereConvention: Bool = false,
        idrlLaw: String? = nil, procedure: String = "", requiredDocuments: String = "", focalPoints: String = "",
        defaultReleaseHours: Double? = nil, customsAdministration: String? = nil, timeZone: String? = nil
    ) {
        (self.country, self.ochaModelAgreement, self.kyotoAnnexJ5, self.tampereConvention, self.idrlLaw) = (
            country, ochaModelAgreement, kyotoAnnexJ5, tampereConvention, idrlLaw
        )
        (self.procedure, self.requiredDocuments, self.focalPoints, self.defaultReleaseHours) = (
            procedure, requiredDocuments, focalPoints, defaultReleaseHours
        )
        (self.customsAdministration, self.timeZone) = (customsAdministration, timeZone)
    }

    /// A facilitation agreement counts as recorded when the OCHA Model Agreement is signed or an
    /// IDRL law provides for relief clearance.
    public var recordsAgreement: Bool { ochaModelAgreement != nil || !(idrlLaw ?? "").isEmpty }

    public func validated() throws(DomainError) -> CustomsProfile {
        var problems = ProblemList()
        if CountryCode(country) == nil { problems.add(field: "country", "must be an ISO alpha-2 code") }
        if let date = ochaModelAgreement, !date.isEmpty, Day.parse(date) == nil {
            problems.add(field: "ocha_model_agreement", "a date (YYYY-MM-DD)")
        }
        for (field, text) in [("procedure", procedure), ("required_documents", requiredDocuments), ("focal_points", focalPoints)]
        where text.count > 4000 {
            problems.add(field: field, "at most 4,000 characters")
        }
        if let hours = defaultReleaseHours, !(0...2000).contains(hours) { problems.add(field: "default_release_hours", "from 0 to 2,000") }
        if let name = customsAdministration, name.count > 200 { problems.add(field: "customs_administration", "at most 200 characters") }
        if let zone = timeZone?.trimmedCell, !zone.isEmpty,
            zone.count > 64 || !zone.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/_-+".contains($0)) })
        {
            problems.add(field: "time_zone", "an IANA time zone name such as Africa/Nairobi")
        }
        try problems.check()
        var copy = self
        copy.country = country.uppercased()
        copy.ochaModelAgreement = ochaModelAgreement.flatMap { $0.isEmpty ? nil : $0 }
        copy.idrlLaw = idrlLaw.flatMap { $0.trimmedCell.isEmpty ? nil : $0.trimmedCell }
        copy.customsAdministration = customsAdministration.flatMap { $0.trimmedCell.isEmpty ? nil : $0.trimmedCell }
        copy.timeZone = timeZone.flatMap { $0.trimmedCell.isEmpty ? nil : $0.trimmedCell }
        return copy
    }
}
