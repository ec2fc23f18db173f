import Foundation

/// The certificate customs issues with a release: numbered per country and year, never reused.
public struct ReleaseCertificate: Sendable, Equatable, Codable {
    public var country: String
    public var year: Int
    public var number: Int
    public var issuedAt: Int64
    /// The audit name of the officer who released (`user:ID:email`).
    public var officer: String

    public init(country: String, year: Int, number: Int, issuedAt: Int64, officer: String) {
        (self.country, self.year, self.number, self.issuedAt, self.officer) = (country, year, number, issuedAt, officer)
    }

    /// "KE-2026-000042": the country, the year, and the year's sequence number.
    public var identifier: String {
        let digits = String(number)
        return "\(country)-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}

/// Why goods are exempt: the legal instrument a certificate cites for each line.
public enum ExemptionBasis {
    /// The emergency's own decree when it names one; otherwise what the country profile records
    /// (an IDRL law, the OCHA Model Agreement, Kyoto Specific Annex J Chapter 5); nil when nothing
    /// is recorded, and the certificate says so rather than invent a basis.
    public static func cited(emergencyBasis: String?, profile: CustomsProfile?) -> String? {
        if let decree = emergencyBasis?.trimmedCell, !decree.isEmpty { return decree }
        guard let profile else { return nil }
        if let law = profile.idrlLaw?.trimmedCell, !law.isEmpty { return law }
        if let signed = profile.ochaModelAgreement { return "OCHA Model Customs Facilitation Agreement (signed \(signed))" }
        if profile.kyotoAnnexJ5 { return "Revised Kyoto Convention, Specific Annex J, Chapter 5 (relief consignments)" }
        return nil
    }
}
