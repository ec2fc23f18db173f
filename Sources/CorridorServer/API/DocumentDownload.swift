import CorridorStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A stored document file sent back as an attachment: never rendered inline, so an uploaded HTML
/// or SVG file cannot run in Corridor's origin. Only a file whose first bytes are a PDF or a raster
/// image is previewed inline, with that type and a policy that lets nothing in it run.
enum DocumentDownload {
    /// The type of a file by its first bytes: PDF, PNG, JPEG, GIF or WebP; nil for anything else.
    static func previewType(_ bytes: Data) -> String? {
        let head = [UInt8](bytes.prefix(12))
        func starts(_ magic: [UInt8]) -> Bool { head.count >= magic.count && Array(head.prefix(magic.count)) == magic }
        if starts([0x25, 0x50, 0x44, 0x46, 0x2D]) { return "application/pdf" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts([0x47, 0x49, 0x46, 0x38]) { return "image/gif" }
        if head.count >= 12, starts([0x52, 0x49, 0x46, 0x46]), Array(head[8..<12]) == [0x57, 0x45, 0x42, 0x50] { return "image/webp" }
        return nil
    }

    static func preview(_ upload: DocumentUpload, sha256: String) -> Response {
        guard let type = previewType(upload.bytes) else { return response(upload, sha256: sha256) }
        var headers: HTTPFields = [
            .contentType: type,
            .contentDisposition: "inline; filename=\"\(safeName(upload.fileName))\"",
            .contentLength: String(upload.bytes.count),
        ]
        headers[.xContentTypeOptions] = "nosniff"
        // Framed by Corridor's own pages only; nothing in the file may load or run anything. An
        // image is also sandboxed; a PDF is not, as browsers refuse to show a PDF in a sandbox.
        headers[.contentSecurityPolicy] =
            type == "application/pdf"
            ? "default-src 'none'; frame-ancestors 'self'" : "default-src 'none'; img-src 'self'; frame-ancestors 'self'; sandbox"
        headers[.xFrameOptions] = "SAMEORIGIN"
        headers[HTTPField.Name("X-Content-SHA256")!] = sha256
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: upload.bytes)))
    }

    static func safeName(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._- ".contains($0)) ? $0 : "_" })
    }

    static func response(_ upload: DocumentUpload, sha256: String) -> Response {
        var headers: HTTPFields = [
            .contentType: "application/octet-stream",
            .contentDisposition: "attachment; filename=\"\(safeName(upload.fileName))\"",
            .contentLength: String(upload.bytes.count),
        ]
        headers[HTTPField.Name("X-Content-SHA256")!] = sha256
        headers[HTTPField.Name("X-Original-Content-Type")!] = upload.contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: upload.bytes)))
    }
}
