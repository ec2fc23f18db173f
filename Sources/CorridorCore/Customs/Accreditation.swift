/// An organisation's standing with the customs administration of one country.
public enum AccreditationStatus: String, Sendable, Codable, CaseIterable {
    case pending, approved, revoked
}

public struct Accreditation: Sendable, Equatable, Codable {
    public var id: Int64
    public var orgCode: String
    public var country: String
    public var status: AccreditationStatus
    public var validUntil: Day?

    public init(id: Int64, orgCode: String, country: String, status: AccreditationStatus, validUntil: Day?) {
        (self.id, self.orgCode, self.country, self.status, self.validUntil) = (id, orgCode, country, status, validUntil)
    }

    /// Accredited for selectivity: approved, and not past its validity.
    public func isValid(on day: Day) -> Bool {
        status == .approved && (validUntil.map { day <= $0 } ?? true)
    }

    /// The status after a customs decision; approval needs a validity date in the future, and a
    /// revocation states its reason (the organisation loses its facilitation).
    public static func decide(
        _ decision: AccreditationStatus, from current: AccreditationStatus, validUntil: Day?,
        today: Day, reason: String? = nil
    ) throws(DomainError) -> AccreditationStatus {
        if decision == .revoked, (reason?.trimmedCell ?? "").isEmpty {
            throw .invalid(field: "reason", "a revocation states its reason")
        }
        switch (current, decision) {
        case (.pending, .approved), (.revoked, .approved), (.approved, .approved):
            guard let validUntil, validUntil > today else {
                throw .invalid(field: "valid_until", "an approval needs a validity date after today")
            }
            return .approved
        case (.pending, .revoked), (.approved, .revoked):
            return .revoked
        default:
            throw .conflict("a \(current.rawValue) accreditation cannot become \(decision.rawValue)")
        }
    }
}
