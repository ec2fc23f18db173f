import Foundation

/// The errors the domain raises. They stay free of HTTP; the server maps each kind to a status.
public enum DomainError: Error, Sendable, Equatable {
    /// The input is malformed or breaks a rule; every problem found is listed.
    case invalid([Problem])
    /// The thing asked for does not exist (or the caller may not know it exists).
    case notFound(Phrase)
    /// The input clashes with existing state: a duplicate key, an illegal transition, a stale version.
    case conflict(Phrase, [Problem] = [])
    /// No identity was presented, or it was not accepted.
    case unauthenticated(Phrase)
    /// The identity is known but lacks the right.
    case forbidden(Phrase)
    /// The request or file is larger than the configured limit.
    case tooLarge(Phrase)
    /// Something failed that is not the caller's doing; the message says where to look (request id).
    case internalFailure(Phrase)
    /// Too many failed attempts; retry after the given number of seconds.
    case locked(Phrase, retryAfterSeconds: Int)

    public static func invalid(field: String, _ problem: Phrase) -> DomainError {
        .invalid([Problem(field: field, problem: problem)])
    }

    /// Machine-readable code for the error envelope.
    public var code: String {
        switch self {
        case .invalid: "invalid_input"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .unauthenticated: "unauthenticated"
        case .forbidden: "forbidden"
        case .tooLarge: "too_large"
        case .internalFailure: "internal_error"
        case .locked: "locked"
        }
    }

    /// The message in English; `phrase` is what a reader gets in their own language.
    public var message: String {
        if case .invalid(let problems) = self, problems.count == 1 { return problems[0].located }
        return phrase.english
    }

    /// What went wrong as a phrase. For one invalid input, the problem's own phrase (its place
    /// goes with it in `problems`).
    public var phrase: Phrase {
        switch self {
        case .invalid(let problems):
            problems.count == 1 ? problems[0].phrase : Phrase("\(problems.count) problems in the input")
        case .notFound(let what): what
        case .conflict(let what, _): what
        case .unauthenticated(let why): why
        case .forbidden(let why): why
        case .tooLarge(let why): why
        case .internalFailure(let why): why
        case .locked(let why, _): why
        }
    }

    public var problems: [Problem] {
        switch self {
        case .invalid(let problems): problems
        case .conflict(_, let problems): problems
        default: []
        }
    }
}

/// Gathers problems while checking many fields, so the caller hears about all of them at once.
public struct ProblemList: Sendable {
    public private(set) var problems: [Problem] = []
    public init() {}

    public mutating func add(_ problem: Problem) { problems.append(problem) }
    public mutating func add(field: String, _ message: Phrase) {
        problems.append(Problem(field: field, problem: message))
    }

    /// Keeps the located problems of a rejected field check (or its message when it has none).
    public mutating func add(contentsOf error: DomainError) {
        problems.append(contentsOf: error.problems.isEmpty ? [Problem(problem: error.phrase)] : error.problems)
    }

    /// Throws `DomainError.invalid` when anything was added.
    public func check() throws(DomainError) {
        if !problems.isEmpty { throw .invalid(problems) }
    }
}
