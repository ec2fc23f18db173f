/// One recorded change of a declaration: who, when, what it was before and after. Each event
/// carries the hash of the one before it, so editing any stored event breaks the chain after it.
public struct AuditEvent: Sendable, Equatable, Codable {
    public var sequence: Int
    public var declarationID: Int64
    public var actor: String
    public var at: Int64
    public var action: String
    public var before: String
    public var after: String
    public var previousHash: String
    public var hash: String

    public init(
        sequence: Int, declarationID: Int64, actor: String, at: Int64, action: String, before: String, after: String,
        previousHash: String, hash: String
    ) {
        (self.sequence, self.declarationID, self.actor, self.at, self.action) = (sequence, declarationID, actor, at, action)
        (self.before, self.after, self.previousHash, self.hash) = (before, after, previousHash, hash)
    }

    /// The exact bytes that are hashed: every field but the hash, length-prefixed so no two events
    /// can serialise alike.
    public var canonical: String {
        [String(sequence), String(declarationID), actor, String(at), action, before, after, previousHash]
            .map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
    }
}

/// Building and checking the chain. The hash function (SHA-256) is passed in, so the core stays
/// free of any crypto library.
public enum AuditChain {
    public static let genesis = String(repeating: "0", count: 64)

    /// The next event of a chain whose last event is `last` (nil for the first).
    public static func next(
        after last: AuditEvent?, declarationID: Int64, actor: String, at: Int64, action: String,
        before: String, after: String, hash: (String) -> String
    ) -> AuditEvent {
        var event = AuditEvent(
            sequence: (last?.sequence ?? 0) + 1, declarationID: declarationID, actor: actor, at: at,
            action: action, before: before, after: after, previousHash: last?.hash ?? genesis, hash: "")
        event.hash = hash(event.canonical)
        return event
    }

    /// The first event that does not fit the chain (edited, removed or reordered), or nil when it holds.
    public static func firstBroken(_ events: [AuditEvent], hash: (String) -> String) -> AuditEvent? {
        var previous = genesis
        for (index, event) in events.enumerated() {
            if event.sequence != index + 1 || event.previousHash != previous || hash(event.canonical) != event.hash {
                return event
            }
            previous = event.hash
        }
        return nil
    }
}
