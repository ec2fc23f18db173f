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

    public init(
        event: String, declarationId: Int64, reference: String, org: String, destination: String, state: DeclarationState,
        lane: Lane?, version: Int64, at: Int64
    ) {
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
}

/// Where webhooks may post. A receiver is a public HTTPS address; loopback, private, link-local,
/// multicast and unspecified addresses are refused, at registration and again at delivery after
/// the name is resolved, so that an organisation cannot make Corridor post into its own network,
/// unless an administrator names the host in configuration.
public struct WebhookTargets: Sendable, Equatable {
    /// Host names or literal addresses allowed even when they are inside the network.
    public var allowedHosts: Set<String>
    /// Whether plain http:// receivers are accepted.
    public var allowPlainHTTP: Bool

    public init(allowedHosts: [String] = [], allowPlainHTTP: Bool = false) {
        self.allowedHosts = Set(allowedHosts.map { Self.normalised($0) }.filter { !$0.isEmpty })
        self.allowPlainHTTP = allowPlainHTTP
    }

    static func normalised(_ host: String) -> String {
        var host = host.trimmingCharacters(in: .whitespaces).lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        while host.hasSuffix(".") { host.removeLast() }
        return host
    }

    public func isAllowedAnyway(_ host: String) -> Bool { allowedHosts.contains(Self.normalised(host)) }

    /// The receiver's URL and host when it may be registered; names are checked again once resolved.
    public func checkedURL(_ raw: String) throws(DomainError) -> (url: String, host: String) {
        let url = raw.trimmedCell
        guard url.count <= 500 else { throw .invalid(field: "url", "at most 500 characters") }
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let rawHost = parts.host, !rawHost.isEmpty
        else {
            throw .invalid(field: "url", "must be an absolute https:// URL")
        }
        guard parts.user == nil, parts.password == nil else {
            throw .invalid(field: "url", "must not carry credentials; the signature authenticates")
        }
        let host = Self.normalised(rawHost)
        guard scheme == "https" || allowPlainHTTP || isAllowedAnyway(host) else {
            throw .invalid(field: "url", "must use https://; plain http is accepted only when the administrator allows it")
        }
        if !isAllowedAnyway(host) {
            if let address = IPAddress.parse(host) {
                try check([address], host: host)
            } else if host == "localhost" || host.hasSuffix(".localhost") {
                throw .invalid(field: "url", "\(host) is this server itself; a receiver must be a public address")
            }
        }
        return (url, host)
    }

    /// Refuses a host any of whose addresses is inside the network (unless allowed by name).
    public func check(_ addresses: [IPAddress], host: String) throws(DomainError) {
        guard !isAllowedAnyway(host) else { return }
        guard !addresses.isEmpty else { throw .invalid(field: "url", "\(host) does not resolve to any address") }
        if let inward = addresses.first(where: \.isInternal) {
            let place: Phrase = IPAddress.parse(host) == nil ? "\(host) resolves to \(inward), an address" : "\(host) is an address"
            throw .invalid(
                field: "url",
                "\(place) inside the network (loopback, private, link-local, multicast or unspecified); "
                    + "a receiver must be a public address, or be allowed by the administrator")
        }
    }
}
