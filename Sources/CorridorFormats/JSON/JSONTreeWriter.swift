/// Writes a `JSONTree` compactly, object members sorted by the bytes of their keys (the last of
/// a repeated key wins), slashes unescaped: the bytes Foundation's JSONEncoder writes with
/// `.sortedKeys` and `.withoutEscapingSlashes`.
struct JSONTreeWriter {
    var bytes: [UInt8] = []

    mutating func write(_ value: JSONTree) throws {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .number(let text): append(text)
        case .integer(let number): append(String(number))
        case .unsigned(let number): append(String(number))
        case .string(let text): write(string: text)
        case .later(let encoder): try write(encoder.value ?? .object(JSONTreeObject()))
        case .direct(let object): try write(object: object)
        case .array(let array):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in array.elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                try write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            let members = object.members
            let order = order(of: members)
            var first = true
            for (index, position) in order.enumerated() {
                let member = members[position]
                if index + 1 < order.count, members[order[index + 1]].key == member.key { continue }
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                write(string: member.key)
                bytes.append(UInt8(ascii: ":"))
                try write(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// An object that writes its own members.
    mutating func write(object: some DirectJSONObject) throws {
        bytes.append(UInt8(ascii: "{"))
        var members = JSONMembers(writer: JSONTreeWriter())
        swap(&members.writer.bytes, &bytes)
        defer { swap(&members.writer.bytes, &bytes) }
        try object.writeMembers(to: &members)
        members.writer.bytes.append(UInt8(ascii: "}"))
    }

    /// The keys of the last object sorted and the order found for them: the objects of a list
    /// repeat one type's keys, so each is sorted once per answer.
    private var lastKeys: [String] = []
    private var lastOrder: [Int] = []

    /// The members' positions in the order they are written: by the bytes of their keys, stable,
    /// so that among members of one key the last written stays last.
    private mutating func order(of members: [(key: String, value: JSONTree)]) -> [Int] {
        if members.count == lastKeys.count, members.indices.allSatisfy({ members[$0].key == lastKeys[$0] }) { return lastOrder }
        lastKeys = members.map(\.key)
        lastOrder = members.indices.sorted { a, b in
            let (x, y) = (members[a].key, members[b].key)
            return x == y ? a < b : x.utf8.lexicographicallyPrecedes(y.utf8)
        }
        return lastOrder
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A string with `"`, `\` and the control characters escaped, short forms where JSON has them.
    mutating func write(string: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = string
        text.withUTF8 { utf8 in
            // Most strings need no escape: copied whole.
            if !utf8.contains(where: Self.needsEscape) {
                bytes.append(contentsOf: utf8)
            } else {
                for byte in utf8 { append(escaping: byte) }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private mutating func append(escaping byte: UInt8) {
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
}
