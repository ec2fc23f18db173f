import CorridorCore
import Crypto
import Foundation
import SQLKit

/// A document file as uploaded: kept whole, so customs reads the certificate itself, not a claim.
public struct DocumentUpload: Sendable {
    public var fileName: String
    public var contentType: String
    public var bytes: Data

    public init(fileName: String, contentType: String, bytes: Data) {
        (self.fileName, self.contentType, self.bytes) = (fileName, contentType, bytes)
    }

    public static let maximumBytes = 20 * 1024 * 1024

    var sha256: String { SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() }
}

extension DeclarationRepository {
    /// The declarant provides a required document (the file is stored with its SHA-256); customs
    /// accepts or rejects the file, or waives the document, with a reason where the core asks for
    /// one. The change, the hash and the reason go into the audit chain.
    public func setDocument(
        id: Int64, document: RequiredDocument, status: DocumentsChecklist.Status, file: DocumentUpload? = nil,
        reason: String? = nil, by actor: Actor, at time: Int64 = UnixTime.now()
    ) async throws -> DeclarationView {
        if status == .provided, let file {
            guard file.bytes.count <= DocumentUpload.maximumBytes else {
                throw DomainError.tooLarge("a document file may be at most \(DocumentUpload.maximumBytes / 1024 / 1024) MB")
            }
            let name = file.fileName.trimmedCell
            guard !name.isEmpty, name.count <= 200, !name.contains("/"), !name.contains("\\") else {
                throw DomainError.invalid(field: "file_name", "a plain file name of 1 to 200 characters")
            }
        }
        return try await database.transaction { db in
            guard let current = try await Self.view(id: id, by: actor, on: db) else {
                throw DomainError.notFound("no declaration with id \(id)")
            }
            let party = DeclarationLifecycle.party(of: actor, declarant: current.org, destination: current.destination)
            guard let entry = current.documents.first(where: { $0.document == document.rawValue }) else {
                throw DomainError.invalid(field: "document", "\(document.label) is not required for this consignment")
            }
            guard !current.state.isFinal else { throw DomainError.conflict("the declaration is \(current.state.rawValue)") }
            let text = try DocumentVerdict.next(
                status, from: DocumentsChecklist.Status(rawValue: entry.status) ?? .missing, by: party, isAdmin: actor.isAdmin,
                hasFile: file.map { !$0.bytes.isEmpty } ?? false, reason: reason)
            let hash = file?.sha256
            if status == .provided || status == .waived {
                try await db.raw(
                    """
                    UPDATE declaration_documents SET status = \(bind: status.rawValue), file_name = \(bind: file?.fileName.trimmedCell),
                        sha256 = \(bind: hash), size_bytes = \(bind: file.map { Int64($0.bytes.count) }), updated_at = \(bind: time),
                        verdict_reason = \(bind: text), verdict_by = \(bind: status == .waived ? DeclarationAudit.actorName(actor) : nil)
                    WHERE declaration_id = \(bind: id) AND document = \(bind: document.rawValue)
                    """
                ).run()
                try await db.raw("DELETE FROM document_files WHERE declaration_id = \(bind: id) AND document = \(bind: document.rawValue)")
                    .run()
            } else {
                // A verdict is on the file as provided: the file and its hash stay.
                try await db.raw(
                    """
                    UPDATE declaration_documents SET status = \(bind: status.rawValue), updated_at = \(bind: time), verdict_reason = \(bind: text),
                        verdict_by = \(bind: DeclarationAudit.actorName(actor))
                    WHERE declaration_id = \(bind: id) AND document = \(bind: document.rawValue)
                    """
                ).run()
            }
            if let file, let hash, status == .provided {
                try await db.raw(
                    """
                    INSERT INTO document_files (declaration_id, document, file_name, content_type, sha256, content)
                    VALUES (\(bind: id), \(bind: document.rawValue), \(bind: file.fileName.trimmedCell), \(bind: file.contentType), \(bind: hash),
                            \(bind: file.bytes))
                    """
                ).run()
            }
            // A document change is a change of the declaration: whoever read it before must reload.
            try await db.raw("UPDATE declarations SET version = version + 1 WHERE id = \(bind: id)").run()
            try await DeclarationAudit.append(
                declarationID: id, actor: actor, action: "document \(document.rawValue)",
                before: current.documents.first { $0.document == document.rawValue }?.status ?? "missing",
                after: status.rawValue + (hash.map { " sha256:\($0)" } ?? "") + (text.map { ": \($0)" } ?? ""), at: time, on: db)
            return try await Self.view(id: id, by: actor, on: db)!
        }
    }

    /// A stored document file, for the parties of its declaration only.
    public func documentFile(id: Int64, document: RequiredDocument, by actor: Actor) async throws -> (
        upload: DocumentUpload, sha256: String
    )? {
        try await database.read { db in
            guard try await Self.view(id: id, by: actor, on: db) != nil,
                let row = try await db.raw(
                    """
                    SELECT file_name, content_type, sha256, content FROM document_files WHERE declaration_id = \(bind: id) AND document = \(bind: document.rawValue)
                    """
                ).first()
            else { return nil }
            return (
                DocumentUpload(
                    fileName: try row.string("file_name"), contentType: try row.string("content_type"),
                    bytes: try row.decode(column: "content", as: Data.self)), try row.string("sha256")
            )
        }
    }
}
