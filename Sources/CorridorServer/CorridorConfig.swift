import CorridorCore
import CorridorStore
import Foundation

/// Everything that can be set from flags or `CORRIDOR_*` environment variables, with defaults a
/// developer can start from.
public struct CorridorConfig: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var database = DatabaseURL.defaultSQLite
    /// The address users reach Corridor at (`https://corridor.example.org`), when known.
    public var publicURL: String?
    /// Set the Secure flag on cookies even over plain HTTP (behind a TLS-terminating proxy that
    /// does not send X-Forwarded-Proto). On by default when the public URL is https.
    public var secureCookies = false
    /// Take the client address from X-Forwarded-For (only behind a proxy that sets it); otherwise
    /// anyone could pick the address that sign-in throttling counts failures against.
    public var trustForwardedFor = false
    public var store = StoreSettings()
    /// Largest request body accepted, in bytes (JSON and forms).
    public var maxBodyBytes = 2 * 1024 * 1024
    /// Largest stock report file accepted, in bytes (spooled to disk, not held in memory).
    public var maxUploadBytes = 512 * 1024 * 1024
    public var adminEmail: String?
    public var adminPassword: String?

    public init() {}

    /// Reads the `CORRIDOR_*` variables listed in the README.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws(DomainError) -> CorridorConfig
    {
        var config = CorridorConfig()
        if let host = env["CORRIDOR_HOST"], !host.isEmpty { config.host = host }
        if let raw = env["CORRIDOR_PORT"] {
            guard let port = Int(raw), (0...65535).contains(port) else {
                throw .invalid(field: "CORRIDOR_PORT", "'\(raw)' is not a port number")
            }
            config.port = port
        }
        if let url = env["CORRIDOR_DATABASE_URL"], !url.isEmpty { config.database = try DatabaseURL(url) }
        if let raw = env["CORRIDOR_PUBLIC_URL"], !raw.isEmpty {
            guard let parts = URLComponents(string: raw), ["http", "https"].contains(parts.scheme?.lowercased() ?? ""), parts.host != nil
            else {
                throw .invalid(field: "CORRIDOR_PUBLIC_URL", "'\(raw)' is not an http(s) address such as https://corridor.example.org")
            }
            config.publicURL = raw
            config.secureCookies = parts.scheme?.lowercased() == "https"
        }
        if let raw = env["CORRIDOR_SECURE_COOKIES"] { config.secureCookies = Self.flag(raw) }
        let allowedHosts = (env["CORRIDOR_WEBHOOK_ALLOW_HOSTS"] ?? "").split(separator: ",").map(String.init)
        config.store.webhookTargets = WebhookTargets(
            allowedHosts: allowedHosts, allowPlainHTTP: Self.flag(env["CORRIDOR_WEBHOOK_ALLOW_HTTP"] ?? ""))
        if let raw = env["CORRIDOR_TRUST_FORWARDED_FOR"] { config.trustForwardedFor = Self.flag(raw) }
        if let raw = env["CORRIDOR_BCRYPT_COST"] {
            guard let cost = UInt8(raw), (4...31).contains(cost) else {
                throw .invalid(field: "CORRIDOR_BCRYPT_COST", "must be a whole number from 4 to 31")
            }
            config.store.bcryptCost = cost
        }
        if let raw = env["CORRIDOR_MAX_BODY_BYTES"] {
            guard let bytes = Int(raw), bytes > 0 else { throw .invalid(field: "CORRIDOR_MAX_BODY_BYTES", "must be a positive number") }
            config.maxBodyBytes = bytes
        }
        if let raw = env["CORRIDOR_MAX_UPLOAD_BYTES"] {
            guard let bytes = Int(raw), bytes > 0 else { throw .invalid(field: "CORRIDOR_MAX_UPLOAD_BYTES", "must be a positive number") }
            config.maxUploadBytes = bytes
        }
        config.adminEmail = env["CORRIDOR_ADMIN_EMAIL"].flatMap { $0.isEmpty ? nil : $0 }
        config.adminPassword = env["CORRIDOR_ADMIN_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        return config
    }

    static func flag(_ raw: String) -> Bool { ["1", "true", "yes"].contains(raw.lowercased()) }
}
