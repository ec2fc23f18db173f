import Foundation
import Synchronization

/// Foundation's snake_case key conversion, remembered per key. The conversion scans a key's
/// characters each time it is written, and a response repeats the same few keys for every item
/// of a list; each key is converted once, by Foundation itself, so the output is unchanged.
public enum SnakeCaseKeys {

    /// Keys come from the response types, a few hundred at most; the bound keeps a dictionary
    /// keyed by user input, should one ever pass through, from growing the memory.
    private static let known = Mutex<[String: String]>([:])
    private static let bound = 4_096

    public static func converted(_ key: String) -> String {
        // ASCII without capitals is a single lower-case word, which the conversion leaves as it is.
        if key.utf8.allSatisfy({ $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) { return key }
        if let snake = known.withLock({ $0[key] }) { return snake }
        let snake = foundationConversion(key)
        known.withLock { if $0.count < bound { $0[key] = snake } }
        return snake
    }

    /// What `.convertToSnakeCase` writes for `key`: an object of that one key, encoded and read back.
    private static func foundationConversion(_ key: String) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(OneKey(key: key)),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let snake = object.keys.first
        else { return key }
        return snake
    }

    private struct OneKey: Encodable {
        let key: String
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encodeNil(forKey: Key(stringValue: key))
        }
    }

    private struct Key: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
