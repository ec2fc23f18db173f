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

    /// Lower-case hex of the SHA-256 of `text`'s UTF-8. Every authenticated request hashes its
    /// credential, so the digits are written directly rather than formatted byte by byte.
    public static func sha256Hex(_ text: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(text.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
