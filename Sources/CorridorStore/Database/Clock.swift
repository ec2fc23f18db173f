import Foundation

/// Times are stored as whole unix seconds (UTC): portable across both databases and easy to
/// subtract for release-time statistics.
public enum UnixTime {
    public static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
