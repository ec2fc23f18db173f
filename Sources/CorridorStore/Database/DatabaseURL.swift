import CorridorCore
import Foundation

/// Where the data lives: `sqlite:///absolute/or/relative/path.sqlite` or `postgres://user:pass@host:port/db`.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultSQLite = DatabaseURL.sqlite(path: "./corridor.sqlite")

    public init(_ raw: String) throws(DomainError) {
        if raw.hasPrefix("sqlite://") {
            // sqlite:///abs/path → "/abs/path"; sqlite://relative.sqlite → "relative.sqlite"
            let path = String(raw.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw .invalid(field: "database", "sqlite URL has no path: \(raw)") }
            self = .sqlite(path: path)
        } else if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") {
            self = .postgres(url: raw)
        } else {
            throw .invalid(field: "database", "'\(raw)' must start with sqlite:// or postgres://")
        }
    }

    /// Never prints a password.
    public var description: String {
        switch self {
        case .sqlite(let path):
            return "sqlite://\(path)"
        case .postgres(let url):
            if var parts = URLComponents(string: url), parts.password != nil {
                parts.password = "***"
                return parts.string ?? "postgres://…"
            }
            return url
        }
    }
}
