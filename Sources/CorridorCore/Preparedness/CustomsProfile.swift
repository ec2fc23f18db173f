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

    public init(
        country: String, ochaModelAgreement: String? = nil, kyotoAnnexJ5: Bool = false, tampereConvention: Bool = false,
        idrlLaw: String? = nil, procedure: String = "", requiredDocuments: String = "", focalPoints: String = "",
        defaultReleaseHours: Double? = nil
    ) {
        (self.country, self.ochaModelAgreement, self.kyotoAnnexJ5, self.tampereConvention, self.idrlLaw) = (
            country, ochaModelAgreement, kyotoAnnexJ5, tampereConvention, idrlLaw
        )
        (self.procedure, self.requiredDocuments, self.focalPoints, self.defaultReleaseHours) = (
            procedure, requiredDocuments, focalPoints, defaultReleaseHours
        )
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
        try problems.check()
        var copy = self
        copy.country = country.uppercased()
        copy.ochaModelAgreement = ochaModelAgreement.flatMap { $0.isEmpty ? nil : $0 }
        copy.idrlLaw = idrlLaw.flatMap { $0.trimmedCell.isEmpty ? nil : $0.trimmedCell }
        return copy
    }
}
