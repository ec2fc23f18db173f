import Foundation

/// A JSON value as `SortedJSONEncoder` builds it before writing. Objects and arrays are classes
/// so that a container can go on filling the one its encoder handed out.
enum JSONTree {
    case null
    case bool(Bool)
    /// A number already written in JSON's syntax.
    case number(String)
    case integer(Int64)
    case unsigned(UInt64)
    case string(String)
    case array(JSONTreeArray)
    case object(JSONTreeObject)
    /// What a `superEncoder` is given, known only once its caller has encoded into it.
    case later(JSONTreeEncoder)
    /// An object that writes itself (`DirectJSONObject`).
    case direct(any DirectJSONObject)
}

final class JSONTreeArray {
    var elements: [JSONTree] = []
}

final class JSONTreeObject {
    var members: [(key: String, value: JSONTree)] = []
}

extension JSONTree {
    /// A floating-point number as Foundation's JSONEncoder writes it: Swift's shortest
    /// round-tripping form without a trailing ".0"; infinities and NaN are not JSON. The coding
    /// path is built only for the error: building it walks every enclosing value.
    static func floatingPoint<F: BinaryFloatingPoint & LosslessStringConvertible>(
        _ value: F, at path: @autoclosure () -> [any CodingKey]
    ) throws -> JSONTree {
        .number(try numberText(value, at: path()))
    }

    /// The number's JSON text, as `floatingPoint` writes it.
    static func numberText<F: BinaryFloatingPoint & LosslessStringConvertible>(
        _ value: F, at path: @autoclosure () -> [any CodingKey]
    ) throws -> String {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: path(), debugDescription: "\(value) is not a number JSON can hold"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
