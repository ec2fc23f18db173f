import CorridorCore
import CorridorLanguages
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The one JSON error envelope of the API: `{"error":{"code","message","details":[…]}}`.
struct ErrorEnvelope: Codable {
    struct Body: Codable {
        var code: String
        var message: String
        var details: [Problem]
    }
    var error: Body
}

extension DomainError {
    var status: HTTPResponse.Status {
        switch self {
        case .invalid: .unprocessableContent
        case .notFound: .notFound
        case .conflict: .conflict
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .tooLarge: .contentTooLarge
        case .internalFailure: .internalServerError
        case .locked: .tooManyRequests
        }
    }

    func jsonResponse(requestID: String?) -> Response {
        // The code stays the same in every language; the words are the reader's.
        let localizer = Localizer.current
        let details = problems.map { problem in
            var translated = problem
            translated.phrase = Phrase(verbatim: localizer.string(problem.phrase))
            return translated
        }
        let envelope = ErrorEnvelope(error: .init(code: code, message: localizer.message(self), details: details))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(envelope)) ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if case .locked(_, let retry) = self { headers[.retryAfter] = String(retry) }
        if case .unauthenticated = self { headers[.wwwAuthenticate] = "Bearer realm=\"corridor\"" }
        if let requestID { headers[.requestID] = requestID }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-Id")!
    static let csrfToken = Self("X-CSRF-Token")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
