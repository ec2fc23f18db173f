import CorridorCore
import CorridorStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Gives every response the request id that its log lines carry, and logs one line per request.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = CorridorRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[.requestID] = context.id
        let elapsed = ContinuousClock.now - started
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)",
                "status": "\(response.status.code)",
                "ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
            ])
        return response
    }
}

/// Headers that keep the pages from being framed, sniffed or made to load anything from elsewhere.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = CorridorRequestContext
    static let policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // A response with its own, narrower policy (a document preview) keeps it.
        if !response.headers.contains(.contentSecurityPolicy) {
            response.headers[.contentSecurityPolicy] = Self.policy
            response.headers[.xFrameOptions] = "DENY"
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        return response
    }
}

/// Turns errors into answers: the JSON envelope under /api, an HTML page elsewhere.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = CorridorRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let domain = Self.domainError(for: error, context: context)
            if request.uri.path.hasPrefix("/api/") || request.uri.path == "/health" {
                return domain.jsonResponse(requestID: context.id)
            }
            if case .unauthenticated = domain, request.method == .get {
                let back = request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
                return Response(status: .seeOther, headers: [.location: "/login?next=\(back)"])
            }
            return pages.errorPage(domain, context: context)
        }
    }

    static func tooLarge(_ context: Context) -> DomainError {
        .tooLarge("the request body is larger than the limit of \(context.maxUploadSize) bytes")
    }

    static func domainError(for error: any Error, context: Context) -> DomainError {
        switch error {
        case let domain as DomainError:
            return domain
        case let http as HTTPError:
            switch http.status {
            case .notFound: return .notFound(http.body.map(Phrase.init(verbatim:)) ?? "nothing is here")
            case .contentTooLarge: return tooLarge(context)
            case .unauthorized: return .unauthenticated(http.body.map(Phrase.init(verbatim:)) ?? "sign in first")
            case .forbidden: return .forbidden(http.body.map(Phrase.init(verbatim:)) ?? "not allowed")
            case .conflict: return .conflict(http.body.map(Phrase.init(verbatim:)) ?? "conflict")
            default:
                return .invalid([
                    Problem(problem: http.body.map(Phrase.init(verbatim:)) ?? "the request could not be read (\(http.status.code))")
                ])
            }
        case let decoding as DecodingError:
            return .invalid([DecodingProblems.problem(decoding)])
        case is NIOTooManyBytesError:
            return tooLarge(context)
        default:
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return .internalFailure("internal error; the request id is \(context.id)")
        }
    }
}

/// Finds out who is asking: an API token (`Authorization: Bearer`) or a browser session cookie.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = CorridorRequestContext
    static let sessionCookie = "corridor_session"
    let store: Store

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers.value(.authorization) {
            guard let secret = Self.bearerSecret(authorization), let user = try await store.tokens.authenticate(secret)
            else { throw DomainError.unauthenticated("the API token is unknown or revoked") }
            context.actor = user.actor
            context.user = user
            context.savedLanguage = user.language
        } else if let token = request.cookies[Self.sessionCookie]?.value,
            let session = try await store.sessions.find(token: token)
        {
            context.actor = session.user.actor
            context.user = session.user
            context.savedLanguage = session.user.language
            context.sessionCSRF = session.csrfToken
            context.sessionToken = token
            // A cookie rides along on cross-site requests; an API write by cookie must prove it
            // comes from our own page by echoing the session's CSRF token in a header.
            if request.uri.path.hasPrefix("/api/"), ![.get, .head, .options].contains(request.method),
                request.headers[.csrfToken] != session.csrfToken
            {
                throw DomainError.forbidden("missing or stale CSRF token (send X-CSRF-Token)")
            }
        }
        return try await next(request, context)
    }

    /// The secret of an `Authorization: Bearer …` header, the scheme in any case, without the
    /// spaces and tabs around it; nil for another scheme. Read on every API request: no Foundation.
    static func bearerSecret(_ header: String) -> String? {
        let scheme = "bearer ".utf8
        let utf8 = header.utf8
        guard utf8.count >= scheme.count,
            utf8.prefix(scheme.count).elementsEqual(scheme, by: { (0x41...0x5A).contains($0) ? $0 | 0x20 == $1 : $0 == $1 })
        else { return nil }
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        let rest = utf8.dropFirst(scheme.count).drop(while: blank)
        guard let last = rest.lastIndex(where: { !blank($0) }) else { return "" }
        return String(Substring(rest[...last]))
    }
}

/// Every write of the API needs an identity, so a signed-out caller hears 401 before anything
/// about its path or body (authenticate, then authorize, then validate).
struct WritesNeedIdentityMiddleware: RouterMiddleware {
    typealias Context = CorridorRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if context.actor == .anonymous, ![.get, .head, .options].contains(request.method) {
            throw DomainError.unauthenticated("sign in or send an API token to do this")
        }
        return try await next(request, context)
    }
}

/// Says which field of a JSON body was wrong, in words a person can act on.
enum DecodingProblems {
    static func problem(_ error: DecodingError) -> Problem {
        func path(_ codingPath: [any CodingKey]) -> String? {
            let joined = codingPath.map { $0.intValue.map { "[\($0)]" } ?? snakeCase($0.stringValue) }.joined(separator: ".")
            return joined.isEmpty ? nil : joined
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return Problem(problem: "the body is not valid JSON")
        case .keyNotFound(let key, let context):
            return Problem(field: path(context.codingPath + [key]), problem: "is required")
        case .typeMismatch(let type, let context):
            return Problem(field: path(context.codingPath), problem: "must be \(type)")
        case .valueNotFound(let type, let context):
            return Problem(field: path(context.codingPath), problem: "must be a \(type), not null")
        case .dataCorrupted(let context):
            return Problem(field: path(context.codingPath), problem: Phrase(verbatim: context.debugDescription))
        @unknown default:
            return Problem(problem: "the body could not be read")
        }
    }

    /// Field names are reported as the client spelled them: `hqCountry` → `hq_country`.
    static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
        return result
    }
}
