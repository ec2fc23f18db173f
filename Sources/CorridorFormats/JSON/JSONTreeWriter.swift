/// Writes a `JSONTree` compactly, object members sorted by the bytes of their keys (the last of
/// a repeated key wins), slashes unescaped: the bytes Foundation's JSONEncoder writes with
/// `.sortedKeys` and `.withoutEscapingSlashes`.
struct JSONTreeWriter {
    var bytes: [UInt8] = []

    mutating func write(_ value: JSONTree) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .number(let text): append(text)
        case .integer(let number): append(String(number))
        case .unsigned(let number): append(String(number))
        case .string(let text): write(string: text)
        case .later(let encoder): write(encoder.value ?? .object(JSONTreeObject()))
        case .array(let array):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in array.elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            var members = object.members
            // Stable, so that among members of one key the last written stays last.
            members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            var first = true
            for (index, member) in members.enumerated() {
                if index + 1 < members.count, members[index + 1].key == member.key { continue }
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                write(string: member.key)
                bytes.append(UInt8(ascii: ":"))
                write(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A string with `"`, `\` and the control characters escaped, short forms where JSON has them.
    mutating func write(string: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x00..<0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
