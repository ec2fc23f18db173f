import Foundation

/// What an organisation hears about its declarations: one JSON event per change, signed so the
/// receiver knows it came from this Corridor and was not altered.
public struct DeclarationEvent: Sendable, Equatable, Codable {
    public var event: String
    public var declarationId: Int64
    public var reference: String
    public var org: String
    public var destination: String
    public var state: DeclarationState
    public var lane: Lane?
    public var version: Int64
    public var at: Int64

    public init(event: String, declarationId: Int64, reference: String, org: String, destination: String, state: DeclarationState,
                lane: Lane?, version: Int64, at: Int64) {
        (self.event, self.declarationId, self.reference, self.org, self.destination) = (event, declarationId, reference, org, destination)
        (self.state, self.lane, self.version, self.at) = (state, lane, version, at)
    }
}

public enum WebhookRules {
    /// Header carrying `sha256=<hex HMAC of the body>`, as receivers of other platforms expect.
    public static let signatureHeader = "X-Corridor-Signature"
    public static let eventHeader = "X-Corridor-Event"
    public static let maximumAttempts = 8

    /// Seconds to wait after a failed attempt: 10 s, 40 s, 160 s, … capped at an hour, so a
    /// receiver that is down for a while still gets the event without being hammered.
    public static func delay(afterAttempt attempt: Int) -> Int64 {
        let seconds = 10.0 * pow(4.0, Double(max(0, attempt - 1)))
        return Int64(min(seconds, 3600))
    }

    /// A receiver must be an absolute http(s) URL without credentials in it.
    public static func checkedURL(_ raw: String) throws(DomainError) -> String {
        let url = raw.trimmedCell
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = parts.host, !host.isEmpty else {
            throw .invalid(field: "url", "must be an absolute http:// or https:// URL")
        }
        guard parts.user == nil, parts.password == nil else { throw .invalid(field: "url", "must not carry credentials; the signature authenticates") }
        guard url.count <= 500 else { throw .invalid(field: "url", "at most 500 characters") }
        return url
    }
}
