/// The containers `JSONTreeEncoder` hands out; each fills the object or array it was given.
struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONTreeEncoder
    let object: JSONTreeObject

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func put(_ value: JSONTree, _ key: some CodingKey) {
        object.members.append((encoder.keys(key.stringValue), value))
    }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try .floatingPoint(value, at: encoder.path(adding: key)), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(try .floatingPoint(value, at: encoder.path(adding: key)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.integer(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(.unsigned(UInt64(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.unsigned(UInt64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.unsigned(UInt64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.unsigned(UInt64(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.unsigned(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        put(try encoder.box(value, key: key), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = JSONTreeObject()
        put(.object(nested), key)
        let child = encoder.child(key: key, value: .object(nested))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(encoder: child, object: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSONTreeArray()
        put(.array(nested), key)
        let child = encoder.child(key: key, value: .array(nested))
        return JSONUnkeyedContainer(encoder: child, array: nested)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(under: JSONSuperKey()) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(under: key) }

    private func superEncoder(under key: some CodingKey) -> any Encoder {
        let child = encoder.child(key: key)
        put(.later(child), key)
        return child
    }
}

struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONTreeEncoder
    let array: JSONTreeArray

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { array.elements.count }
    private var nextKey: JSONIndexKey { JSONIndexKey(intValue: count) }

    mutating func encodeNil() throws { array.elements.append(.null) }
    mutating func encode(_ value: Bool) throws { array.elements.append(.bool(value)) }
    mutating func encode(_ value: String) throws { array.elements.append(.string(value)) }
    mutating func encode(_ value: Double) throws { array.elements.append(try .floatingPoint(value, at: encoder.path(adding: nextKey))) }
    mutating func encode(_ value: Float) throws { array.elements.append(try .floatingPoint(value, at: encoder.path(adding: nextKey))) }
    mutating func encode(_ value: Int) throws { array.elements.append(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { array.elements.append(.integer(value)) }
    mutating func encode(_ value: UInt64) throws { array.elements.append(.unsigned(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        array.elements.append(try encoder.box(value, key: nextKey))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONTreeObject()
        let child = encoder.child(key: nextKey, value: .object(nested))
        array.elements.append(.object(nested))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(encoder: child, object: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONTreeArray()
        let child = encoder.child(key: nextKey, value: .array(nested))
        array.elements.append(.array(nested))
        return JSONUnkeyedContainer(encoder: child, array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let child = encoder.child(key: nextKey)
        array.elements.append(.later(child))
        return child
    }
}

struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONTreeEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.value = .null }
    mutating func encode(_ value: Bool) throws { encoder.value = .bool(value) }
    mutating func encode(_ value: String) throws { encoder.value = .string(value) }
    mutating func encode(_ value: Double) throws { encoder.value = try .floatingPoint(value, at: codingPath) }
    mutating func encode(_ value: Float) throws { encoder.value = try .floatingPoint(value, at: codingPath) }
    mutating func encode(_ value: Int) throws { encoder.value = .integer(Int64(value)) }
    mutating func encode(_ value: Int8) throws { encoder.value = .integer(Int64(value)) }
    mutating func encode(_ value: Int16) throws { encoder.value = .integer(Int64(value)) }
    mutating func encode(_ value: Int32) throws { encoder.value = .integer(Int64(value)) }
    mutating func encode(_ value: Int64) throws { encoder.value = .integer(value) }
    mutating func encode(_ value: UInt) throws { encoder.value = .unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.value = .unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.value = .unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.value = .unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { encoder.value = .unsigned(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.value = try encoder.box(value, key: nil)
    }
}
