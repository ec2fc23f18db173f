import CorridorCore
import CorridorFormats
import Foundation
import Hummingbird
import NIOCore

/// Corridor's JSON speaks snake_case, both ways.
extension CorridorRequestContext {
    public var requestDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    public var responseEncoder: APIResponseEncoder { APIResponseEncoder() }
}

/// Responses in snake_case with sorted keys, as Foundation's `.convertToSnakeCase` and
/// `.sortedKeys` write them, through `SortedJSONEncoder`: Foundation's encoder with a key
/// strategy builds a coding path for every key it writes. The answers asked for most write
/// themselves (`DirectJSONObject`).
public struct APIResponseEncoder: ResponseEncoder {
    static let json = SortedJSONEncoder.snakeCase

    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        let bytes = try Self.json.encode(value)
        var headers = HTTPFields()
        headers.reserveCapacity(4)
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentLength] = String(bytes.count)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// A list answered as `{"items":[…]}`, leaving room for paging fields later without breaking clients.
struct ItemList<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    var items: [Item]
}

/// A list of answers that write themselves is written whole, without a tree around them.
extension ItemList: DirectJSONObject where Item: DirectJSONObject {
    func writeMembers(to object: inout JSONMembers) throws {
        try object.objects("items", items)
    }
}

extension Request {
    /// Decodes a JSON body. Unlike `decode(as:)`, it lets the `DecodingError` through, so the
    /// answer can name the field that was missing or of the wrong type.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: CorridorRequestContext) async throws -> T {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        return try context.requestDecoder.decode(type, from: Data(buffer.readableBytesView))
    }

    /// A path parameter that the route guarantees is present.
    func required(_ name: String, _ context: CorridorRequestContext) throws -> String {
        try context.parameters.require(name)
    }

    /// The `{iso}` of the path, upper-cased, or a 422 naming it.
    func country(_ context: CorridorRequestContext) throws -> String {
        let iso = try required("iso", context)
        guard CountryCode(iso) != nil else { throw DomainError.invalid(field: "iso", "'\(iso)' is not an ISO alpha-2 code") }
        return iso.uppercased()
    }
}
