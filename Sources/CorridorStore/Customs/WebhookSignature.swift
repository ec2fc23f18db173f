import CorridorCore
import Crypto
import Foundation

/// `X-Corridor-Signature: t=<unix seconds>,sha256=<hex HMAC-SHA256 of "<t>.<body>">`. The time is
/// signed too, so a receiver can refuse a captured request replayed later.
public enum WebhookSignature {
    public static func header(body: Data, secret: String, at time: Int64) -> String {
        "t=\(time),sha256=\(hex(body: body, secret: secret, at: time))"
    }

    public static func hex(body: Data, secret: String, at time: Int64) -> String {
        var message = Data("\(time).".utf8)
        message.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// What a receiver does: recompute and compare in constant time, within a time window.
    public static func verify(header: String, body: Data, secret: String, now: Int64, tolerance: Int64 = 300) -> Bool {
        var time: Int64?
        var signature: String?
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { time = Int64(pair[1]) }
            if pair[0] == "sha256" { signature = pair[1] }
        }
        guard let time, let signature, abs(now - time) <= tolerance else { return false }
        let expected = Array(hex(body: body, secret: secret, at: time).utf8), given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
