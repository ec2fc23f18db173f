import Crypto
import Foundation

/// Random secrets handed to users (session cookies, API tokens, CSRF tokens) and the one-way
/// hashes under which they are stored, so a copy of the database grants no access.
public enum Secrets {
    public static func randomToken(prefix: String = "", bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + raw.map { String(format: "%02x", $0) }.joined()
    }

    public static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
