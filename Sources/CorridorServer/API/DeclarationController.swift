import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import Hummingbird
import NIOCore

/// Relief consignment declarations: drafted by organisations, worked by customs, every step audited.
struct DeclarationController {
    let store: Store
    static let documentLimit = 20 * 1024 * 1024

    struct StepInput: Decodable {
        var version: Int64
        /// The question of a query, the answer, or the reason of a rejection.
        var message: String?
    }

    struct VerdictInput: Decodable {
        var verdict: String
        var reason: String?
    }

    struct DecisionInput: Decodable {
        var version: Int64
        var reason: String?
    }

    struct AuditTrail: ResponseEncodable, Sendable {
        var events: [AuditEvent]
        var verified: Bool
        var firstBrokenSequence: Int?
    }

    /// `uploads` takes packing lists and document files, under the larger body limit.
    func addRoutes(to group: RouterGroup<CorridorRequestContext>, uploads: RouterGroup<CorridorRequestContext>) {
        group.get("declarations") { request, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to see declarations") }
            let filter = try DeclarationListQuery.filter(QueryParameters(request))
            return ItemList(items: try await store.declarations.list(by: context.actor, filter: filter))
        }
        group.put("declarations/{id}") { request, context in
            let declaration = try await declaration(request, context)
            try DeclarationAmendment.authorize(
                by: DeclarationLifecycle.party(
                    of: context.actor, declarant: declaration.org,
                    destination: declaration.destination), isAdmin: context.actor.isAdmin)
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let version = try context.requestDecoder.decode(StepInput.self, from: Data(body.readableBytesView)).version
            let input = try context.requestDecoder.decode(DeclarationInput.self, from: Data(body.readableBytesView))
            return try await store.declarations.amend(id: declaration.id, input, version: version, by: context.actor)
        }
        uploads.post("declarations/{id}/packing-list") { request, context in
            let declaration = try await declaration(request, context)
            try DeclarationAmendment.authorize(
                by: DeclarationLifecycle.party(
                    of: context.actor, declarant: declaration.org,
                    destination: declaration.destination), isAdmin: context.actor.isAdmin)
            let query = QueryParameters(request)
            guard let version = Int64(try query.required("version")) else {
                throw DomainError.invalid(field: "version", "must be a number")
            }
            let file = try await StockUpload.spool(
                request.body, fileName: query["file_name"] ?? "packing-list.csv", limit: Self.documentLimit)
            defer { file.remove() }
            return try await store.declarations.amendLines(
                id: declaration.id, packingListAt: file.url, fileName: file.fileName,
                version: version, by: context.actor)
        }
        group.post("declarations") { request, context in
            let org = try QueryParameters(request).required("org")
            try Policy.authorize(context.actor, .draftDeclaration, .organisation(code: org.uppercased()))
            let input = try await request.decodeJSON(DeclarationInput.self, context: context)
            let created = try await store.declarations.create(input, org: org, by: context.actor)
            return EditedResponse(status: .created, headers: [.location: "/api/v1/declarations/\(created.id)"], response: created)
        }
        group.get("declarations/{id}") { request, context -> Response in
            let view = try await declaration(request, context)
            switch QueryParameters(request)["format"] ?? "json" {
            case "json": return try view.response(from: request, context: context)
            case "wco": return try WCODeclaration(view).response(from: request, context: context)
            case let other: throw DomainError.invalid(field: "format", "'\(other)' is not a format; use json or wco")
            }
        }
        group.post("declarations/{id}/steps/{step}") { request, context in
            let id = try declarationID(request, context)
            let raw = try request.required("step", context)
            guard let step = DeclarationStep(rawValue: raw) else {
                throw DomainError.invalid(
                    field: "step", "must be one of \(DeclarationStep.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            // The body is read once the caller is known to be the step's party.
            return try await store.steps.take(id: id, step, by: context.actor) {
                let input = try await request.decodeJSON(StepInput.self, context: context)
                return (input.version, input.message)
            }
        }
        uploads.post("declarations/{id}/documents/{document}") { request, context in
            let declaration = try await declaration(request, context)
            let raw = try request.required("document", context)
            guard let document = RequiredDocument(rawValue: raw) else {
                throw DomainError.invalid(field: "document", "'\(raw)' is not a document kind")
            }
            let query = QueryParameters(request)
            guard let status = DocumentsChecklist.Status(rawValue: query["status"] ?? "provided"), status != .missing else {
                throw DomainError.invalid(field: "status", "must be provided, accepted, rejected or waived")
            }
            var file: DocumentUpload?
            if status == .provided {
                let body = try await request.body.collect(upTo: Self.documentLimit)
                guard body.readableBytes > 0 else {
                    throw DomainError.invalid(field: "file", "send the document's file as the request body")
                }
                file = DocumentUpload(
                    fileName: query["file_name"] ?? "\(document.rawValue).pdf",
                    contentType: request.headers[.contentType] ?? "application/octet-stream", bytes: Data(body.readableBytesView))
            }
            return try await store.declarations.setDocument(
                id: declaration.id, document: document, status: status, file: file, reason: query["reason"], by: context.actor)
        }
        group.post("declarations/{id}/documents/{document}/verdict") { request, context in
            let declaration = try await declaration(request, context)
            let raw = try request.required("document", context)
            guard let document = RequiredDocument(rawValue: raw) else {
                throw DomainError.invalid(field: "document", "'\(raw)' is not a document kind")
            }
            let input = try await request.decodeJSON(VerdictInput.self, context: context)
            guard let status = DocumentsChecklist.Status(rawValue: input.verdict), [.accepted, .rejected, .waived].contains(status) else {
                throw DomainError.invalid(field: "verdict", "must be accepted, rejected or waived")
            }
            return try await store.declarations.setDocument(
                id: declaration.id, document: document, status: status, reason: input.reason, by: context.actor)
        }
        group.post("declarations/{id}/amendments/{sequence}/{decision}") { request, context in
            let id = try declarationID(request, context)
            guard let sequence = Int(try request.required("sequence", context)) else {
                throw DomainError.notFound("no such amendment request")
            }
            let decision = try request.required("decision", context)
            guard decision == "accept" || decision == "refuse" else {
                throw DomainError.notFound("no such decision: accept or refuse an amendment request")
            }
            let input = try await request.decodeJSON(DecisionInput.self, context: context)
            return try await store.declarations.decideAmendment(
                id: id, sequence: sequence, accept: decision == "accept", reason: input.reason, version: input.version, by: context.actor)
        }
        group.get("declarations/{id}/documents/{document}") { request, context -> Response in
            let declaration = try await declaration(request, context)
            let raw = try request.required("document", context)
            guard let document = RequiredDocument(rawValue: raw),
                let stored = try await store.declarations.documentFile(id: declaration.id, document: document, by: context.actor)
            else {
                throw DomainError.notFound("no stored file for '\(raw)' on this declaration")
            }
            return DocumentDownload.response(stored.upload, sha256: stored.sha256)
        }
        group.post("declarations/{id}/arrival") { request, context in
            try await store.steps.recordArrival(id: try declarationID(request, context), by: context.actor)
        }
        group.get("countries/{iso}/release-times") { request, context in
            let iso = try request.country(context)
            let query = QueryParameters(request)
            let period = try ReleasePeriod(from: query["from"], to: query["to"], today: .today())
            return try await store.declarations.releaseTimes(country: iso, period: period)
        }
        group.get("declarations/{id}/audit") { request, context in
            let declaration = try await declaration(request, context)
            guard let trail = try await store.declarations.audit(id: declaration.id, by: context.actor) else {
                throw DomainError.notFound("no such declaration")
            }
            return AuditTrail(events: trail.events, verified: trail.broken == nil, firstBrokenSequence: trail.broken?.sequence)
        }
    }

    /// The declaration if the caller may see it; 401 without identity, 404 otherwise (its existence
    /// is nobody else's business).
    private func declaration(_ request: Request, _ context: CorridorRequestContext) async throws -> DeclarationView {
        guard let view = try await store.declarations.view(id: try declarationID(request, context), by: context.actor) else {
            throw DomainError.notFound("no such declaration")
        }
        return view
    }

    /// The declaration named in the path; use cases then load it for the caller.
    private func declarationID(_ request: Request, _ context: CorridorRequestContext) throws -> Int64 {
        guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in first") }
        guard let id = Int64(try request.required("id", context)) else { throw DomainError.notFound("no such declaration") }
        return id
    }
}

extension DeclarationView: ResponseEncodable {}
extension AuditEvent: ResponseEncodable {}
extension DeclarationRepository.ReleaseTimes: ResponseEncodable {}
