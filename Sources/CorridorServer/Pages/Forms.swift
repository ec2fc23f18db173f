import CorridorCore
import Foundation
import Hummingbird
import NIOCore

/// Reading HTML form posts, always with their CSRF token checked.
enum Forms {
    static func fields(_ request: Request, context: CorridorRequestContext) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if let key = parts.first { fields[key] = parts.count > 1 ? parts[1] : "" }
        }
        return fields
    }

    /// Forms of a signed-in user must carry the token of the current session; a token of an
    /// earlier session (or none) is refused.
    static func checkCSRF(_ fields: [String: String], context: CorridorRequestContext) throws {
        guard let expected = context.sessionCSRF else {
            throw DomainError.unauthenticated("your session has ended; sign in again")
        }
        guard fields["_csrf"] == expected else {
            throw DomainError.forbidden("this form is stale (its CSRF token does not match your session); reload the page and try again")
        }
    }
}
