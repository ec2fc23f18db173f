import Foundation

/// Rules for what users type when an account is made.
public enum CredentialRules {
    public static let minimumPasswordLength = 10

    public static func normalisedEmail(_ raw: String) throws(DomainError) -> String {
        let email = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), email.count <= 254, !email.contains(" ")
        else {
            throw .invalid(field: "email", "'\(raw)' is not an e-mail address")
        }
        return email
    }

    public static func checkPassword(_ password: String) throws(DomainError) {
        if password.count < minimumPasswordLength {
            throw .invalid(field: "password", "must be at least \(minimumPasswordLength) characters")
        }
        if password.utf8.count > 72 {
            // bcrypt reads only the first 72 bytes; a longer password would be silently truncated.
            throw .invalid(field: "password", "must be at most 72 bytes")
        }
    }
}
