@testable import CorridorServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Checks every /api/v1 answer a test receives against the OpenAPI document: its status must be
/// documented for that operation, and a JSON body must match the documented schema. A drift (a
/// date serialised as an object, a field renamed) fails the test that saw it.
struct SchemaCheckingClient: TestClientProtocol {
    let inner: any TestClientProtocol
    let document: OpenAPISchemas
    var port: Int? { inner.port }

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        let response = try await inner.executeRequest(uri: uri, method: method, headers: headers, body: body)
        for problem in document.problems(
            method: method.rawValue, uri: uri, status: Int(response.status.code),
            contentType: response.headers[.contentType] ?? "", body: Data(String(buffer: response.body).utf8))
        {
            Issue.record("\(method) \(uri) → \(response.status.code): \(problem)")
        }
        return response
    }
}

/// The parts of the OpenAPI document that the check reads, with a small JSON Schema validator
/// for the keywords the document uses.
struct OpenAPISchemas: Sendable {
    private let root: JSONValue
    private let templates: [(segments: [String], path: String)]

    static let shared: OpenAPISchemas = {
        let object = try! JSONSerialization.jsonObject(with: try! OpenAPIDocument.data())
        return OpenAPISchemas(root: JSONValue(object))
    }()

    init(root: JSONValue) {
        self.root = root
        templates = (root["paths"]?.object?.keys.map { ($0.split(separator: "/").map(String.init), $0) } ?? [])
            .sorted { $0.segments.filter { !$0.hasPrefix("{") }.count > $1.segments.filter { !$0.hasPrefix("{") }.count }
    }

    /// The documented path a concrete URI falls under, literal segments winning over parameters.
    func template(for uri: String) -> String? {
        let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
        let segments = path.split(separator: "/").map(String.init)
        return templates.first { template in
            template.segments.count == segments.count
                && zip(template.segments, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }?.path
    }

    func problems(method: String, uri: String, status: Int, contentType: String, body data: Data) -> [String] {
        guard uri.hasPrefix("/api/v1/") else { return [] }
        guard let path = template(for: uri) else { return status == 404 ? [] : ["no documented path"] }
        guard let operation = root["paths"]?[path]?[method.lowercased()] else {
            return status == 404 || status == 405 ? [] : ["\(method) is not documented for \(path)"]
        }
        guard let documented = operation["responses"]?[String(status)] ?? operation["responses"]?["default"] else {
            return ["status \(status) is not documented for \(method) \(path)"]
        }
        let resolved = resolve(documented)
        guard contentType.hasPrefix("application/json") || contentType.hasPrefix("application/geo+json") else { return [] }
        guard
            let schema = resolved["content"]?.object?.first(where: { $0.key.hasPrefix("application/") && $0.key.contains("json") })?.value[
                "schema"]
        else { return data.isEmpty ? [] : ["a JSON body where none is documented"] }
        guard let body = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return ["the body is not JSON"]
        }
        var found: [String] = []
        validate(JSONValue(body), against: schema, at: "$", problems: &found)
        return found
    }

    private func resolve(_ value: JSONValue) -> JSONValue {
        guard let ref = value["$ref"]?.string, ref.hasPrefix("#/") else { return value }
        var current = root
        for part in ref.dropFirst(2).split(separator: "/") { current = current[String(part)] ?? .null }
        return resolve(current)
    }

    private func validate(_ value: JSONValue, against rawSchema: JSONValue, at location: String, problems: inout [String]) {
        let schema = resolve(rawSchema)
        for part in schema["allOf"]?.array ?? [] { validate(value, against: part, at: location, problems: &problems) }
        if let types = schema["type"].map({ $0.array?.compactMap(\.string) ?? [$0.string].compactMap { $0 } }), !types.isEmpty {
            guard types.contains(where: { value.isOf(type: $0) }) else {
                problems.append("\(location): \(value.kind) where the document says \(types.joined(separator: " or "))")
                return
            }
        }
        if let allowed = schema["enum"]?.array, !allowed.contains(value) {
            problems.append("\(location): \(value.brief) is not one of the documented values")
        }
        switch value {
        case .object(let fields):
            for name in schema["required"]?.array?.compactMap(\.string) ?? [] where fields[name] == nil {
                problems.append("\(location): the required field \(name) is missing")
            }
            let properties = schema["properties"]?.object ?? [:]
            for (name, field) in fields {
                if let property = properties[name] {
                    validate(field, against: property, at: "\(location).\(name)", problems: &problems)
                } else if let additional = schema["additionalProperties"] {
                    if case .bool(false) = additional {
                        problems.append("\(location): the field \(name) is not documented")
                    } else if additional.object != nil {
                        validate(field, against: additional, at: "\(location).\(name)", problems: &problems)
                    }
                }
            }
        case .array(let elements):
            if let minimum = schema["minItems"]?.number, Double(elements.count) < minimum {
                problems.append("\(location): fewer than \(Int(minimum)) items")
            }
            if let items = schema["items"] {
                for (index, element) in elements.enumerated() {
                    validate(element, against: items, at: "\(location)[\(index)]", problems: &problems)
                }
            }
        case .string(let text):
            if let minimum = schema["minLength"]?.number, Double(text.count) < minimum {
                problems.append("\(location): shorter than \(Int(minimum))")
            }
            if let pattern = schema["pattern"]?.string, text.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(location): '\(text)' does not match \(pattern)")
            }
            if schema["format"]?.string == "date", text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil {
                problems.append("\(location): '\(text)' is not a date (YYYY-MM-DD)")
            }
        case .number(let number):
            if let minimum = schema["minimum"]?.number, number < minimum { problems.append("\(location): \(number) is below \(minimum)") }
            if let maximum = schema["maximum"]?.number, number > maximum { problems.append("\(location): \(number) is above \(maximum)") }
        default:
            break
        }
    }
}

/// A JSON value that can be compared and walked without `Any`.
enum JSONValue: Sendable, Equatable {
    case null, bool(Bool), number(Double), integer(Int64), string(String), array([JSONValue]), object([String: JSONValue])

    init(_ any: Any) {
        switch any {
        case let flag as Bool where String(cString: (any as! NSNumber).objCType) == "c": self = .bool(flag)
        case let number as NSNumber:
            let double = number.doubleValue
            self =
                double.rounded() == double && abs(double) < 9e15 && !"\(number)".contains(".")
                ? .integer(number.int64Value) : .number(double)
        case let text as String: self = .string(text)
        case let list as [Any]: self = .array(list.map(JSONValue.init))
        case let map as [String: Any]: self = .object(map.mapValues(JSONValue.init))
        default: self = .null
        }
    }

    subscript(key: String) -> JSONValue? { object?[key] }
    var object: [String: JSONValue]? { if case .object(let map) = self { map } else { nil } }
    var array: [JSONValue]? { if case .array(let list) = self { list } else { nil } }
    var string: String? { if case .string(let text) = self { text } else { nil } }
    var number: Double? {
        switch self {
        case .number(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    func isOf(type: String) -> Bool {
        switch (type, self) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("integer", .integer),
            ("number", .number), ("number", .integer):
            true
        default: false
        }
    }

    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .integer: "an integer"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    var brief: String {
        switch self {
        case .string(let text): "'\(text)'"
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .bool(let value): String(value)
        default: kind
        }
    }
}

@Suite struct OpenAPIConformanceTests {
    /// The check itself must catch a drift, or it proves nothing.
    @Test func aDateSerialisedAsAnObjectIsCaught() {
        let document = OpenAPISchemas.shared
        func problems(_ body: String, status: Int = 200) -> [String] {
            document.problems(
                method: "GET", uri: "/api/v1/accreditations?x=1", status: status, contentType: "application/json",
                body: Data(body.utf8))
        }
        let good = #"{"items":[{"id":1,"org_code":"WFP","country":"KE","status":"approved","valid_until":"2027-12-03"}]}"#
        #expect(problems(good) == [])
        let drifted =
            #"{"items":[{"id":1,"org_code":"WFP","country":"KE","status":"approved","valid_until":{"day":3,"month":12,"year":2027}}]}"#
        #expect(problems(drifted).contains { $0.contains("valid_until") }, "\(problems(drifted))")
        #expect(problems(#"{"items":[{"id":1}]}"#).contains { $0.contains("required field") })
        #expect(problems("{}", status: 418).contains { $0.contains("not documented") })
        #expect(document.template(for: "/api/v1/stock/nearest?item=X") == "/api/v1/stock/nearest")
    }
}
