import CorridorCore
import Foundation
import SQLKit

/// The steps of a declaration's life cycle (lodge, lane, query, answer, release, …) and arrival. Each runs in one transaction: it loads the
/// declaration once, authorizes the caller once, lets the core decide, writes through the
/// records (the stock of a dispatch, the audit chain, the webhook outbox) and answers with the
/// declaration as it now stands, without reading it again.
public struct DeclarationSteps: Sendable {
    let database: Database

    /// Takes one step. `version` must be the one the caller saw; a concurrent change in between
    /// makes this a 409 conflict, and exactly one of racing writers wins. `message` is the
    /// question, answer or reason the step carries. `time` is when the step happened: now,
    /// except when history is replayed (demo, tests).
    public func take(
        id: Int64, _ step: DeclarationStep, version: Int64, message: String? = nil, by actor: Actor, today: Day = .today(),
        at time: Int64 = UnixTime.now()
    ) async throws -> DeclarationView {
        try await take(id: id, step, by: actor, today: today, at: time) { (version, message) }
    }

    /// As `take`, with the version and message read only once the caller is known to be the
    /// step's party: whoever may not take it hears so before anything about the request.
    public func take(
        id: Int64, _ step: DeclarationStep, by actor: Actor, today: Day = .today(), at time: Int64 = UnixTime.now(),
        input: () async throws -> (version: Int64, message: String?)
    ) async throws -> DeclarationView {
        try await database.transaction { db in
            try await Self.take(id: id, step, by: actor, today: today, at: time, input: input, on: db)
        }
    }

    static func take(
        id: Int64, _ step: DeclarationStep, by actor: Actor, today: Day, at time: Int64,
        input: () async throws -> (version: Int64, message: String?), on db: any SQLDatabase
    ) async throws -> DeclarationView {
        guard let (current, facts) = try await DeclarationLoader.loadForStep(id: id, by: actor, now: time, on: db) else {
            throw DomainError.notFound("no declaration with id \(id)")
        }
        let party = try DeclarationLifecycle.actingParty(for: step, actor: actor, declarant: current.org, destination: current.destination)
        let (version, message) = try await input()
        let text = try DeclarationMessage.checked(message, for: step)
        guard current.version == version else {
            throw DomainError.conflict("the declaration changed since you read it (version \(current.version), not \(version)); reload it")
        }
        if step == .lodge {
            try LodgementRequirements.check(current.content, provisionalAllowed: facts.provisionalDeadlineDays != nil)
        }
        let complete =
            current.lodgingGaps.isEmpty
            && current.documents.allSatisfy { DocumentsChecklist.Status(rawValue: $0.status).map(DocumentsChecklist.isSettled) ?? false }
        let next = try DeclarationLifecycle.apply(
            step, to: current.state, by: party,
            facts: DeclarationFacts(
                provisionalAllowed: facts.provisionalDeadlineDays != nil, documentsComplete: complete,
                provisional: current.times.completionDue != nil,
                rejectedDocuments: current.documents.filter { $0.status == DocumentsChecklist.Status.rejected.rawValue }.map(\.label)))
        // Lodgement records the exchange rates in force, or is refused naming the currency without one.
        let lodgement = step == .lodge ? try await LodgementRates.record(current, today: today, on: db) : nil
        var lane: LaneDecision?
        if step == .assignLane {
            let emergency =
                try await current.emergencyId.asyncMap { id in
                    try await db.raw("SELECT * FROM emergencies WHERE id = \(bind: id)").first().map(CustomsSetupRepository.emergency)
                } ?? nil
            lane = try await DeclarationRepository.selectLane(current, emergency: emergency, today: today, on: db)
        }
        let completionDue =
            step == .release && !complete
            ? facts.provisionalDeadlineDays.map { ReleaseObligations.completionDue(releasedAt: time, deadlineDays: $0) } : nil
        guard
            try await DeclarationRecords.update(
                id: id, version: version, to: next, step: step, lane: lane, completionDue: completionDue,
                at: time, on: db)
        else {
            throw DomainError.conflict("the declaration changed since you read it; reload it")
        }
        var updated = current
        if let text {
            let note = DeclarationMessage(
                sequence: (current.messages.map(\.sequence).max() ?? 0) + 1, step: step, party: party,
                author: DeclarationAudit.actorName(actor), at: time, text: text)
            try await DeclarationRecords.insertMessage(note, declarationID: id, on: db)
            updated.messages.append(note)
        }
        try await DeclarationAudit.append(
            after: facts.lastAuditEvent, declarationID: id, actor: actor, action: step.rawValue,
            before: current.state.rawValue,
            after: next.rawValue + (lane.map { " (\($0.lane.rawValue))" } ?? "") + (text.map { ": \($0)" } ?? ""),
            at: time, on: db)
        if next == .released {
            _ = try await CertificateRecords.issue(
                declarationID: id, country: current.destination, officer: DeclarationAudit.actorName(actor), at: time, on: db)
        }
        // Stock reserved for a dispatch leaves its site exactly once, with the release that wins.
        if facts.reservedDispatches > 0 {
            if next == .released { try await DispatchRecords.settle(declarationID: id, at: time, on: db) }
            if next == .cancelled || next == .rejected { try await DispatchRecords.releaseReservation(declarationID: id, at: time, on: db) }
        }
        updated.state = next
        updated.version = version + 1
        if let lane { (updated.lane, updated.laneReasons) = (lane.lane, lane.reasons) }
        if let lodgement { (updated.nationalCurrency, updated.exchangeRates) = (lodgement.national, lodgement.rates) }
        switch step {
        case .lodge: updated.times.lodged = time
        case .assignLane: updated.times.laneAssigned = time
        case .release: updated.times.released = time
        case .close: updated.times.closed = time
        default: break
        }
        if let completionDue { updated.times.completionDue = completionDue }
        updated.derive(for: actor, now: time)
        try await WebhookOutbox.enqueue(DeclarationEvent(declaration: updated, event: "declaration.\(step.rawValue)", at: time), on: db)
        return updated
    }

    /// Records the consignment's arrival at its entry point (customs, or the declarant on the
    /// strength of its transport document), once, before release.
    public func recordArrival(id: Int64, at time: Int64 = UnixTime.now(), by actor: Actor) async throws -> DeclarationView {
        try await database.transaction { db in
            guard let (current, facts) = try await DeclarationLoader.loadForStep(id: id, by: actor, now: time, on: db) else {
                throw DomainError.notFound("no declaration with id \(id)")
            }
            guard DeclarationLifecycle.canRecordArrival(state: current.state, arrived: false) else {
                throw DomainError.conflict(
                    "arrival is recorded for a lodged declaration before its release (this one is \(current.state.rawValue))")
            }
            guard try await DeclarationRecords.recordArrival(id: id, at: time, on: db) else {
                throw DomainError.conflict("the arrival was recorded already")
            }
            try await DeclarationAudit.append(
                after: facts.lastAuditEvent, declarationID: id, actor: actor, action: "arrival",
                before: current.state.rawValue, after: "arrived at \(current.entryPoint)", at: time, on: db)
            var updated = current
            updated.version += 1
            updated.times.arrived = time
            updated.derive(for: actor, now: time)
            try await WebhookOutbox.enqueue(DeclarationEvent(declaration: updated, event: "declaration.arrival", at: time), on: db)
            return updated
        }
    }
}
