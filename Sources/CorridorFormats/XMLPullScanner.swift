import Foundation

/// A small incremental XML tokenizer for the parts of an .xlsx that we read. It reads its input in
/// chunks and keeps only the current token in memory, so a worksheet of any size streams. It is
/// not a general XML parser: no DTDs or custom entities (spreadsheet files never use them, and
/// refusing them rules out entity-expansion attacks), and namespaces are matched by local name.
final class XMLPullScanner {
    enum Event: Equatable { case start(selfClosing: Bool), end, text, eof }

    /// Longest single tag or text run accepted; Excel caps a cell at 32,767 characters, so anything
    /// near this is a damaged or hostile file rather than data.
    static let maxTokenBytes = 8 * 1024 * 1024

    private let input: ByteChunks
    // The current token, valid until the next call to `next()`.
    private var tokenStart = 0
    private var tokenEnd = 0
    private var textIsRaw = false
    private var resumeAt = 0

    init(source: ByteChunks.Source, chunkSize: Int) {
        input = ByteChunks(source: source, chunkSize: chunkSize)
    }

    func close() {
        input.close()
    }

    func next() throws -> Event {
        input.pos = resumeAt
        while true {
            guard try available(1) else {
                resumeAt = input.pos
                return .eof
            }
            if input.base[input.pos] != UInt8(ascii: "<") {
                let end = try find([UInt8(ascii: "<")], from: input.pos, allowEOF: true)
                setToken(input.pos, end, next: end)
                textIsRaw = false
                return .text
            }
            guard try available(2) else { throw XMLScanError("the XML ends inside a tag") }
            switch input.base[input.pos + 1] {
            case UInt8(ascii: "?"):
                input.pos = try find(Array("?>".utf8), from: input.pos + 2) + 2
            case UInt8(ascii: "!"):
                if try startsWith("<!--") {
                    input.pos = try find(Array("-->".utf8), from: input.pos + 4) + 3
                } else if try startsWith("<![CDATA[") {
                    let end = try find(Array("]]>".utf8), from: input.pos + 9)
                    setToken(input.pos + 9, end, next: end + 3)
                    textIsRaw = true
                    return .text
                } else {
                    throw XMLScanError("DOCTYPE declarations are not supported in spreadsheet files")
                }
            case UInt8(ascii: "/"):
                let end = try findTagEnd()
                setToken(input.pos + 2, end, next: end + 1)
                return .end
            default:
                let end = try findTagEnd()
                let selfClosing = input.base[end - 1] == UInt8(ascii: "/")
                setToken(input.pos + 1, selfClosing ? end - 1 : end, next: end + 1)
                return .start(selfClosing: selfClosing)
            }
        }
    }

    // MARK: The current token

    /// Local name (namespace prefix dropped) of the current start or end tag.
    func nameIs(_ localName: StaticString) -> Bool {
        var end = tokenStart
        var start = tokenStart
        while end < tokenEnd, !Self.endsName(input.base[end]) {
            if input.base[end] == UInt8(ascii: ":") { start = end + 1 }
            end += 1
        }
        return Self.equal(input.base + start, end - start, localName)
    }

    /// Raw bytes of an attribute of the current start tag, matched by local name.
    func attribute(_ localName: StaticString) -> UnsafeBufferPointer<UInt8>? {
        var index = tokenStart
        while index < tokenEnd, !Self.endsName(input.base[index]) { index += 1 }
        while index < tokenEnd {
            while index < tokenEnd, Self.endsName(input.base[index]) { index += 1 }
            var nameStart = index
            while index < tokenEnd, input.base[index] != UInt8(ascii: "="), !Self.isSpace(input.base[index]) {
                if input.base[index] == UInt8(ascii: ":") { nameStart = index + 1 }
                index += 1
            }
            let nameEnd = index
            while index < tokenEnd, input.base[index] != UInt8(ascii: "\""), input.base[index] != UInt8(ascii: "'") {
                index += 1
            }
            guard index < tokenEnd else { return nil }
            let quote = input.base[index]
            let valueStart = index + 1
            index = valueStart
            while index < tokenEnd, input.base[index] != quote { index += 1 }
            if Self.equal(input.base + nameStart, nameEnd - nameStart, localName) {
                return UnsafeBufferPointer(start: input.base + valueStart, count: index - valueStart)
            }
            index += 1
        }
        return nil
    }

    func attributeString(_ localName: StaticString) throws -> String? {
        try attribute(localName).map { try XMLText.decode($0) }
    }

    /// The current text token with entities decoded (CDATA is taken literally).
    func text() throws -> String {
        let bytes = UnsafeBufferPointer(start: input.base + tokenStart, count: tokenEnd - tokenStart)
        if textIsRaw {
            guard let value = UTF8Text.string(bytes) else { throw XMLScanError("text is not valid UTF-8") }
            return value
        }
        return try XMLText.decode(bytes)
    }

    // MARK: Input

    /// The token stays in the buffer (nothing is read until the next call), so callers can look
    /// at it without copying; `next()` resumes at `next`.
    private func setToken(_ start: Int, _ end: Int, next: Int) {
        tokenStart = start
        tokenEnd = end
        resumeAt = next
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func equal(_ bytes: UnsafePointer<UInt8>, _ length: Int, _ name: StaticString) -> Bool {
        length == name.utf8CodeUnitCount && memcmp(bytes, name.utf8Start, length) == 0
    }

    private func startsWith(_ prefix: StaticString) throws -> Bool {
        guard try available(prefix.utf8CodeUnitCount) else { return false }
        return memcmp(input.base + input.pos, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0
    }

    /// Index of the `>` closing the tag at `pos`, skipping any inside quoted attribute values.
    private func findTagEnd() throws -> Int {
        var index = input.pos + 1
        var quote: UInt8 = 0
        while true {
            while index < input.count {
                let byte = input.base[index]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    return index
                }
                index += 1
            }
            guard try readMoreKeepingToken(&index) else { throw XMLScanError("the XML ends inside a tag") }
        }
    }

    /// Index of the first occurrence of `pattern` at or after `start`; with `allowEOF`, the end of
    /// input counts as a match.
    private func find(_ pattern: [UInt8], from start: Int, allowEOF: Bool = false) throws -> Int {
        var index = start
        while true {
            while index + pattern.count <= input.count {
                if input.base[index] == pattern[0],
                    pattern.count == 1 || memcmp(input.base + index, pattern, pattern.count) == 0
                {
                    return index
                }
                index += 1
            }
            guard try readMoreKeepingToken(&index) else {
                if allowEOF { return input.count }
                throw XMLScanError("the XML ends before \(String(decoding: pattern, as: UTF8.self))")
            }
        }
    }

    /// Reads another chunk while keeping the bytes from `pos` on, shifting `index` to match;
    /// false at end of input.
    private func readMoreKeepingToken(_ index: inout Int) throws -> Bool {
        let shift = input.pos
        let more = try readMore()
        index -= shift
        guard input.count - input.pos <= Self.maxTokenBytes else {
            throw XMLScanError("an XML element is longer than \(Self.maxTokenBytes / 1024 / 1024) MiB")
        }
        return more
    }

    private func available(_ needed: Int) throws -> Bool {
        while input.count - input.pos < needed {
            guard try readMore() else { return false }
        }
        return true
    }

    private func readMore() throws -> Bool {
        do {
            return try input.readMore()
        } catch {
            throw XMLScanError("cannot read the worksheet: \(error.localizedDescription)")
        }
    }
}

struct XMLScanError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Entity decoding for XML text and attribute values.
enum XMLText {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws -> String {
        // Most cell values have no entities or carriage returns: convert without copying.
        if !bytes.contains(where: { $0 == UInt8(ascii: "&") || $0 == 0x0D }) {
            guard let value = UTF8Text.string(bytes) else { throw XMLScanError("text is not valid UTF-8") }
            return value
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                // XML line-end normalisation: CRLF and lone CR read as LF.
                out.append(0x0A)
                index += index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                continue
            }
            guard byte == UInt8(ascii: "&"),
                let semicolon = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";"))
            else {
                out.append(byte)
                index += 1
                continue
            }
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<semicolon]), as: UTF8.self)
            guard let scalar = entity(name) else {
                // Unknown entity: keep the text as written rather than lose data.
                out.append(byte)
                index += 1
                continue
            }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            index = semicolon + 1
        }
        guard let value = UTF8Text.string(out) else { throw XMLScanError("text is not valid UTF-8") }
        return value
    }

    private static func entity(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let code =
                digits.hasPrefix("x") || digits.hasPrefix("X")
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return code.flatMap(Unicode.Scalar.init)
        }
    }
}
