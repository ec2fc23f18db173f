/// An IPv4 or IPv6 address, read the way resolvers and browsers read a URL's host, so that
/// `0x7f000001`, `2130706433`, `127.1` and `[::ffff:127.0.0.1]` are all known for loopback.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    case v4(UInt32)
    /// Sixteen bytes, network order.
    case v6([UInt8])

    /// A literal address, or nil for a host name. IPv4 takes one to four parts, each decimal,
    /// octal (leading 0) or hexadecimal (0x), as `inet_aton` does; IPv6 may be bracketed.
    public static func parse(_ raw: String) -> IPAddress? {
        var text = Substring(raw)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if text.contains(":") { return parseV6(text) }
        return parseV4(text).map(IPAddress.v4)
    }

    private static func parseV4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var values: [UInt64] = []
        for part in parts {
            let lower = part.lowercased()
            let value: UInt64?
            if lower.hasPrefix("0x") {
                value = lower.count == 2 ? 0 : UInt64(lower.dropFirst(2), radix: 16)
            } else if lower.count > 1, lower.hasPrefix("0") {
                value = UInt64(lower.dropFirst(), radix: 8)
            } else {
                value = UInt64(lower, radix: 10)
            }
            guard let value, !lower.isEmpty, value <= UInt64(UInt32.max) else { return nil }
            values.append(value)
        }
        // The last part fills the bytes the earlier ones leave: a.b.c.d, a.b.cd, a.bcd, abcd.
        let leading = values.dropLast()
        guard leading.allSatisfy({ $0 <= 255 }), let last = values.last, last < (UInt64(1) << (8 * (5 - values.count))) else { return nil }
        var address: UInt64 = 0
        for (index, value) in leading.enumerated() { address |= value << (8 * (3 - index)) }
        return UInt32(address | last)
    }

    private static func parseV6(_ raw: Substring) -> IPAddress? {
        var text = raw
        if let zone = text.firstIndex(of: "%") { text = text[..<zone] }
        var tail: [UInt8] = []
        // An embedded IPv4 address in the last 32 bits (::ffff:127.0.0.1).
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let v4 = parseStrictV4(text[text.index(after: lastColon)...]) else { return nil }
            tail = [UInt8(v4 >> 24), UInt8(v4 >> 16 & 0xFF), UInt8(v4 >> 8 & 0xFF), UInt8(v4 & 0xFF)]
            text = text[...lastColon]
            if text.hasSuffix(":") && !text.hasSuffix("::") { text = text.dropLast() }
        }
        var halves = [String(text)]
        if let gap = text.firstRange(of: "::") {
            halves = [String(text[..<gap.lowerBound]), String(text[gap.upperBound...])]
            guard !halves[1].contains("::") else { return nil }
        }
        func groups(_ part: String) -> [UInt16]? {
            guard !part.isEmpty else { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0]), let rest = halves.count == 2 ? groups(halves[1]) : [] else { return nil }
        let wanted = 8 - tail.count / 2
        let missing = wanted - head.count - rest.count
        guard halves.count == 2 ? missing >= 1 : missing == 0 else { return nil }
        let all = head + Array(repeating: 0, count: missing) + rest
        return .v6(all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } + tail)
    }

    private static func parseStrictV4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var address: UInt32 = 0
        for part in parts {
            guard let value = UInt8(part) else { return nil }
            address = address << 8 | UInt32(value)
        }
        return address
    }

    /// Loopback, private, shared (carrier NAT), link-local, multicast, unspecified, broadcast or
    /// reserved: an address inside someone's network rather than a public receiver's.
    public var isInternal: Bool {
        switch self {
        case .v4(let a):
            func within(_ base: UInt32, _ bits: UInt32) -> Bool { a >> (32 - bits) == base >> (32 - bits) }
            return within(0x0000_0000, 8) || within(0x0A00_0000, 8) || within(0x6440_0000, 10) || within(0x7F00_0000, 8)
                || within(0xA9FE_0000, 16) || within(0xAC10_0000, 12) || within(0xC000_0000, 24) || within(0xC0A8_0000, 16)
                || within(0xC612_0000, 15) || within(0xE000_0000, 4) || within(0xF000_0000, 4)
        case .v6(let b):
            if b.allSatisfy({ $0 == 0 }) { return true }  // ::
            if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return true }  // ::1
            let embedded = IPAddress.v4(UInt32(b[12]) << 24 | UInt32(b[13]) << 16 | UInt32(b[14]) << 8 | UInt32(b[15]))
            if b[0..<10].allSatisfy({ $0 == 0 }) && (b[10..<12].allSatisfy { $0 == 0xFF } || b[10..<12].allSatisfy { $0 == 0 }) {
                return embedded.isInternal  // IPv4-mapped and IPv4-compatible
            }
            if b[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] { return embedded.isInternal }  // NAT64
            return b[0] & 0xFE == 0xFC  // unique local fc00::/7
                || (b[0] == 0xFE && b[1] & 0xC0 == 0x80)  // link-local fe80::/10
                || (b[0] == 0xFE && b[1] & 0xC0 == 0xC0)  // site-local fec0::/10
                || b[0] == 0xFF  // multicast
        }
    }

    public var description: String {
        switch self {
        case .v4(let a): return "\(a >> 24).\(a >> 16 & 0xFF).\(a >> 8 & 0xFF).\(a & 0xFF)"
        case .v6(let b):
            return stride(from: 0, to: 16, by: 2).map { String(UInt16(b[$0]) << 8 | UInt16(b[$0 + 1]), radix: 16) }.joined(separator: ":")
        }
    }
}
