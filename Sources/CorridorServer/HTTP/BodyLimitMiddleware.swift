import CorridorCore
import Hummingbird

/// Sets the request body limit of the routes of one group (the context reads it for every body it
/// collects), and refuses a body whose declared length is already over it.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = CorridorRequestContext
    let limit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.uploadLimit = limit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw DomainError.tooLarge("the request body is \(length) bytes; the limit is \(limit)")
        }
        return try await next(request, context)
    }
}
