import CorridorCore
import Foundation
import Hummingbird
import NIOCore

/// Reading HTML form posts, always with their CSRF token checked.
enum Forms {
    static func fields(_ request: Request, context: CorridorRequestContext) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if let key = parts.first { fields[key] = parts.count > 1 ? parts[1] : "" }
        }
        return fields
    }

    /// Forms of a signed-in user must carry the token of the current session; a token of an
    /// earlier session (or none) is refused.
    static func checkCSRF(_ fields: [String: String], context: CorridorRequestContext) throws {
        guard let expected = context.sessionCSRF else {
            throw DomainError.unauthenticated("your session has ended; sign in again")
        }
        guard fields["_csrf"] == expected else {
            throw DomainError.forbidden("this form is stale (its CSRF token does not match your session); reload the page and try again")
        }
    }

    /// A multipart form (file uploads) read into memory up to `limit`, its CSRF token checked:
    /// the text fields, and the file part named `file` if one was chosen. `tooLarge` tells the
    /// sender of a larger body what to do instead.
    static func multipart(_ request: Request, context: CorridorRequestContext, limit: Int, tooLarge: Phrase? = nil) async throws
        -> (fields: [String: String], file: (name: String, data: Data)?)
    {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw DomainError.tooLarge(tooLarge ?? "the file is over \(limit / 1_048_576) MB")
        }
        let body = try await request.body.collect(upTo: limit)
        guard let form = MultipartForm(contentType: request.headers[.contentType] ?? "", body: Data(body.readableBytesView)) else {
            throw DomainError.invalid(field: "file", "send the form as multipart/form-data")
        }
        let fields = Dictionary(
            form.parts.filter { $0.fileName == nil }.map { ($0.name, String(decoding: $0.data, as: UTF8.self)) },
            uniquingKeysWith: { a, _ in a })
        try checkCSRF(fields, context: context)
        guard let part = form.part(named: "file"), let name = part.fileName, !name.isEmpty, !part.data.isEmpty else { return (fields, nil) }
        return (fields, (name, part.data))
    }
}
