import CorridorCore
import CorridorStore
import Foundation
import Hummingbird

/// The form posts of one declaration: steps with their messages, document files, a packing list
/// replacing the lines, and re-exports. Each answers with a redirect back to the declaration.
struct DeclarationActionPages {
    let store: Store
    let pages: PageRenderer

    /// `uploads` takes the forms that send files, under the larger body limit.
    func addRoutes(to router: RouterGroup<CorridorRequestContext>, uploads: RouterGroup<CorridorRequestContext>) {
        router.post("customs/declarations/{id}/steps") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            guard let id = Int64(try request.required("id", context)), let step = DeclarationStep(rawValue: fields["step"] ?? ""),
                let version = Int64(fields["version"] ?? "")
            else { throw DomainError.invalid(field: "step", "unknown step") }
            do {
                _ = try await store.steps.take(id: id, step, version: version, message: fields["message"], by: context.actor)
            } catch let error as DomainError where error.status == .unprocessableContent || error.status == .conflict {
                return try await DeclarationPages(store: store, pages: pages).detail(id: id, context: context, error: error)
            }
            return back(to: id)
        }
        router.post("customs/declarations/{id}/amendments/{sequence}") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            guard let id = Int64(try request.required("id", context)), let sequence = Int(try request.required("sequence", context)),
                let version = Int64(fields["version"] ?? "")
            else { throw DomainError.notFound("no such amendment request") }
            do {
                _ = try await store.declarations.decideAmendment(
                    id: id, sequence: sequence, accept: fields["decision"] == "accept", reason: fields["reason"], version: version,
                    by: context.actor)
            } catch let error as DomainError where error.status == .unprocessableContent || error.status == .conflict {
                return try await DeclarationPages(store: store, pages: pages).detail(id: id, context: context, error: error)
            }
            return back(to: id)
        }
        // A document's file, shown in the page when its bytes are a PDF or an image; anything else downloads.
        router.get("customs/declarations/{id}/documents/{document}/file") { request, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in first") }
            guard let id = Int64(try request.required("id", context)),
                let document = RequiredDocument(rawValue: try request.required("document", context)),
                let stored = try await store.declarations.documentFile(id: id, document: document, by: context.actor)
            else { throw DomainError.notFound("no stored file for this document") }
            return DocumentDownload.preview(stored.upload, sha256: stored.sha256)
        }
        // Arrival at the entry point starts the clock of release times and service levels.
        router.post("customs/declarations/{id}/arrival") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            guard let id = Int64(try request.required("id", context)) else { throw DomainError.notFound("no such declaration") }
            _ = try await store.steps.recordArrival(id: id, by: context.actor)
            return back(to: id)
        }
        uploads.post("customs/declarations/{id}/documents") { request, context in
            let form = try await Forms.multipart(request, context: context, limit: DocumentUpload.maximumBytes + 64 * 1024)
            guard let id = Int64(try request.required("id", context)),
                let document = RequiredDocument(rawValue: form.fields["document"] ?? ""),
                let status = DocumentsChecklist.Status(rawValue: form.fields["status"] ?? ""), status != .missing
            else {
                throw DomainError.invalid(field: "document", "unknown document or status")
            }
            let file = form.file.map { DocumentUpload(fileName: $0.name, contentType: "application/octet-stream", bytes: $0.data) }
            do {
                _ = try await store.declarations.setDocument(
                    id: id, document: document, status: status, file: file, reason: form.fields["reason"], by: context.actor)
            } catch let error as DomainError where error.status == .unprocessableContent || error.status == .conflict {
                return try await DeclarationPages(store: store, pages: pages).detail(id: id, context: context, error: error)
            }
            return back(to: id)
        }
        uploads.post("customs/declarations/{id}/packing-list") { request, context in
            let form = try await Forms.multipart(request, context: context, limit: DocumentUpload.maximumBytes)
            guard let id = Int64(try request.required("id", context)), let version = Int64(form.fields["version"] ?? "") else {
                throw DomainError.invalid(field: "version", "missing")
            }
            guard let file = form.file else { throw DomainError.invalid(field: "file", "choose a CSV or XLSX packing list") }
            let spooled = try StockUpload.write(file.data, fileName: file.name)
            defer { spooled.remove() }
            do {
                _ = try await store.declarations.amendLines(
                    id: id, packingListAt: spooled.url, fileName: file.name, version: version, by: context.actor)
            } catch let error as DomainError where error.status == .unprocessableContent {
                return pages.page(
                    PackingListRejectedPageView(
                        id: id, file: file.name, message: error.message,
                        problems: error.problems.map {
                            .init(
                                row: $0.row.map(String.init) ?? "", column: $0.column ?? "", field: $0.field ?? "",
                                problem: $0.problem)
                        }
                    ), title: "Packing list rejected", context: context, path: "/customs", status: error.status)
            }
            return back(to: id)
        }
        router.post("customs/declarations/{id}/re-export") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            guard let id = Int64(try request.required("id", context)), let line = Int(fields["line"] ?? ""),
                let version = Int64(fields["version"] ?? "")
            else { throw DomainError.invalid(field: "line", "missing") }
            _ = try await store.declarations.recordReExport(id: id, line: line, version: version, by: context.actor)
            return back(to: id)
        }
    }

    private func back(to id: Int64) -> Response {
        Response(status: .seeOther, headers: [.location: "/customs/declarations/\(id)"])
    }
}
