import Foundation

/// Encodes to compact JSON with every key passed through `keys` and object members sorted by
/// their keys' bytes: what Foundation's JSONEncoder writes with a key strategy, `.sortedKeys` and
/// `.withoutEscapingSlashes` (dates as seconds since 2001, data as base64, URLs as their text).
/// It keeps no coding path per value unless one is asked for, which a custom key strategy in
/// Foundation builds for every key written.
public struct SortedJSONEncoder: Sendable {
    let keys: @Sendable (String) -> String
    /// Whether a `DirectJSONObject` writes itself; its keys are snake_case, so only with that conversion.
    let takesDirectObjects: Bool

    public init(keys: @escaping @Sendable (String) -> String) {
        (self.keys, takesDirectObjects) = (keys, false)
    }

    private init(snakeCase: Void) {
        (keys, takesDirectObjects) = (SnakeCaseKeys.converted, true)
    }

    /// Keys converted to snake_case, as Foundation's `.convertToSnakeCase` does; an object that
    /// writes itself (`DirectJSONObject`) does.
    public static let snakeCase = SortedJSONEncoder(snakeCase: ())

    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONTreeEncoder(parent: nil, key: nil, keys: keys, takesDirectObjects: takesDirectObjects)
        guard let tree = try encoder.boxIfEncoded(value, key: nil) else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        var writer = JSONTreeWriter()
        writer.bytes.reserveCapacity(2_048)
        try writer.write(tree)
        return writer.bytes
    }
}

/// One value being encoded: it becomes an object, an array or a single value, whichever
/// container its type asks for.
final class JSONTreeEncoder: Encoder {
    let parent: JSONTreeEncoder?
    let key: (any CodingKey)?
    let keys: @Sendable (String) -> String
    let takesDirectObjects: Bool
    var value: JSONTree?

    init(
        parent: JSONTreeEncoder?, key: (any CodingKey)?, keys: @escaping @Sendable (String) -> String, takesDirectObjects: Bool,
        value: JSONTree? = nil
    ) {
        (self.parent, self.key, self.keys, self.takesDirectObjects, self.value) = (parent, key, keys, takesDirectObjects, value)
    }

    /// An encoder for a value nested in this one's, under `key`.
    func child(key: (any CodingKey)?, value: JSONTree? = nil) -> JSONTreeEncoder {
        JSONTreeEncoder(parent: self, key: key, keys: keys, takesDirectObjects: takesDirectObjects, value: value)
    }

    var codingPath: [any CodingKey] { parent?.path(adding: key) ?? (key.map { [$0] } ?? []) }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let object) = value { return KeyedEncodingContainer(JSONKeyedContainer(encoder: self, object: object)) }
        let object = JSONTreeObject()
        value = .object(object)
        return KeyedEncodingContainer(JSONKeyedContainer(encoder: self, object: object))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let array) = value { return JSONUnkeyedContainer(encoder: self, array: array) }
        let array = JSONTreeArray()
        value = .array(array)
        return JSONUnkeyedContainer(encoder: self, array: array)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { JSONSingleValueContainer(encoder: self) }

    /// The tree of `value`, encoded under `key`; a value whose type encoded nothing at all is an
    /// empty object, as Foundation writes it (only at the top does Foundation refuse it).
    func box<T: Encodable>(_ value: T, key: (any CodingKey)?) throws -> JSONTree {
        try boxIfEncoded(value, key: key) ?? .object(JSONTreeObject())
    }

    /// The tree of `value`, encoded under `key`; nil when its type encoded nothing at all.
    func boxIfEncoded<T: Encodable>(_ value: T, key: (any CodingKey)?) throws -> JSONTree? {
        // Metatype comparisons: far cheaper than a cast for the common leaves.
        if T.self == String.self { return .string(value as! String) }
        if T.self == Int.self { return .integer(Int64(value as! Int)) }
        if T.self == Int64.self { return .integer(value as! Int64) }
        if T.self == Double.self { return try .floatingPoint(value as! Double, at: path(adding: key)) }
        if T.self == Bool.self { return .bool(value as! Bool) }
        if T.self == URL.self { return .string((value as! URL).absoluteString) }
        if T.self == Data.self { return .string((value as! Data).base64EncodedString()) }
        if T.self == Decimal.self { return .number((value as! Decimal).description) }
        if takesDirectObjects, let direct = value as? any DirectJSONObject { return .direct(direct) }
        let child = child(key: key)
        if let dictionary = value as? any JSONStringKeyedDictionary { return try dictionary.tree(in: child) }
        try value.encode(to: child)
        return child.value
    }

    func path(adding key: (any CodingKey)?) -> [any CodingKey] {
        var path = codingPath
        if let key { path.append(key) }
        return path
    }
}

/// A dictionary keyed by strings: its keys are data, written as they are, not through the key
/// conversion (as Foundation does).
protocol JSONStringKeyedDictionary {
    func tree(in encoder: JSONTreeEncoder) throws -> JSONTree
}

extension Dictionary: JSONStringKeyedDictionary where Key == String, Value: Encodable {
    func tree(in encoder: JSONTreeEncoder) throws -> JSONTree {
        let object = JSONTreeObject()
        object.members.reserveCapacity(count)
        for (key, value) in self {
            object.members.append((key, try encoder.box(value, key: JSONStringKey(key))))
        }
        return .object(object)
    }
}

/// A dictionary's key, as coding paths name it.
struct JSONStringKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ stringValue: String) { self.stringValue = stringValue }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A key for an array's element, as coding paths name it.
struct JSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

/// The key `superEncoder()` writes under.
struct JSONSuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) { nil }
    init?(intValue: Int) { nil }
}
