import CorridorStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A stored document file sent back as an attachment: never rendered inline, so an uploaded HTML
/// or SVG file cannot run in Corridor's origin.
enum DocumentDownload {
    static func response(_ upload: DocumentUpload, sha256: String) -> Response {
        let safeName = String(upload.fileName.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._- ".contains($0)) ? $0 : "_" })
        var headers: HTTPFields = [
            .contentType: "application/octet-stream",
            .contentDisposition: "attachment; filename=\"\(safeName)\"",
            .contentLength: String(upload.bytes.count),
        ]
        headers[HTTPField.Name("X-Content-SHA256")!] = sha256
        headers[HTTPField.Name("X-Original-Content-Type")!] = upload.contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: upload.bytes)))
    }
}
