import Foundation

/// What customs asks and what the declarant answers, kept with the step that carried it: a query
/// without its question, or a rejection without its reason, leaves the other side guessing.
public struct DeclarationMessage: Sendable, Equatable, Codable {
    public var sequence: Int
    public var step: DeclarationStep
    public var party: DeclarationParty
    public var author: String
    public var at: Int64
    public var text: String

    public init(sequence: Int, step: DeclarationStep, party: DeclarationParty, author: String, at: Int64, text: String) {
        (self.sequence, self.step, self.party, self.author, self.at, self.text) = (sequence, step, party, author, at, text)
    }

    public static let maximumLength = 4000

    /// Steps that must say why or what: the question, the answer, the reason for refusing or
    /// cancelling.
    public static func isRequired(for step: DeclarationStep) -> Bool {
        step == .query || step == .answer || step.isDestructive
    }

    /// The text to keep for a step, or the reason it is refused. Other steps may carry a note.
    public static func checked(_ text: String?, for step: DeclarationStep) throws(DomainError) -> String? {
        let trimmed = text?.trimmedCell ?? ""
        if trimmed.isEmpty {
            guard !isRequired(for: step) else {
                let problem: Phrase =
                    switch step {
                    case .reject: Phrase("a rejection states its reason")
                    case .cancel: Phrase("a cancellation states its reason")
                    default: Phrase("a \(step.label) needs its text")
                    }
                throw .invalid(field: "message", problem)
            }
            return nil
        }
        guard trimmed.count <= maximumLength else { throw .invalid(field: "message", "at most \(maximumLength) characters") }
        return trimmed
    }
}
