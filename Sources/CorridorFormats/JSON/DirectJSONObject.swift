/// A type that writes its own JSON object for the API's encoder (`SortedJSONEncoder.snakeCase`),
/// straight to bytes: for the answers asked for most, where going through `Encodable` cost more
/// than finding the answer. It must write what its `Encodable` conformance writes there: the same
/// snake_case keys, in the order of their bytes, an optional left out when nil; a test of each
/// such type holds the two together.
public protocol DirectJSONObject: Encodable {
    func writeMembers(to object: inout JSONMembers) throws
}

/// The members of one object being written, each key after the one before it.
public struct JSONMembers {
    var writer: JSONTreeWriter
    private var first = true
    #if DEBUG
        private var lastKey: [UInt8] = []
    #endif

    init(writer: JSONTreeWriter) {
        self.writer = writer
    }

    public mutating func string(_ key: StaticString, _ value: String) {
        self.key(key)
        writer.write(string: value)
    }

    /// Left out when nil, as `encodeIfPresent` does.
    public mutating func string(_ key: StaticString, _ value: String?) {
        if let value { string(key, value) }
    }

    public mutating func number(_ key: StaticString, _ value: Double) throws {
        let text = try JSONTree.numberText(value, at: [JSONStringKey("\(key)")])
        self.key(key)
        writer.append(text)
    }

    public mutating func integer(_ key: StaticString, _ value: Int64) {
        self.key(key)
        writer.append(String(value))
    }

    public mutating func bool(_ key: StaticString, _ value: Bool) {
        self.key(key)
        writer.append(value ? "true" : "false")
    }

    /// An array of objects that write themselves, as `Encodable` writes an array of them.
    public mutating func objects<Object: DirectJSONObject>(_ key: StaticString, _ values: [Object]) throws {
        self.key(key)
        writer.bytes.append(UInt8(ascii: "["))
        for index in values.indices {
            if index > values.startIndex { writer.bytes.append(UInt8(ascii: ",")) }
            try writer.write(object: values[index])
        }
        writer.bytes.append(UInt8(ascii: "]"))
    }

    /// Keys are the type's own, plain ASCII: written as they are.
    private mutating func key(_ key: StaticString) {
        let bytes = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        #if DEBUG
            precondition(lastKey.lexicographicallyPrecedes(bytes), "JSON keys must come in the order of their bytes: \(key)")
            lastKey = Array(bytes)
        #endif
        if !first { writer.bytes.append(UInt8(ascii: ",")) }
        first = false
        writer.bytes.append(UInt8(ascii: "\""))
        writer.bytes.append(contentsOf: bytes)
        writer.bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }
}
