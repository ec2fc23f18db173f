import CorridorCore
import CorridorStore
import Foundation
import Hummingbird
import NIOCore

/// Turns an uploaded stock report into a reader: the body is spooled to a temporary file chunk
/// by chunk (memory stays flat), then read as CSV or XLSX by its name or first bytes.
enum StockUpload {
    struct Spooled {
        var url: URL
        var fileName: String
        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    static func spool(_ body: RequestBody, fileName: String, limit: Int) async throws -> Spooled {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-upload-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw DomainError.conflict("the upload could not be stored in the temporary folder")
        }
        let handle = try FileHandle(forWritingTo: url)
        var written = 0
        do {
            for try await chunk in body {
                written += chunk.readableBytes
                if written > limit { throw DomainError.tooLarge("the file is larger than the limit of \(limit) bytes") }
                handle.write(Data(chunk.readableBytesView))
            }
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        return Spooled(url: url, fileName: fileName)
    }

    static func write(_ data: Data, fileName: String) throws -> Spooled {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-upload-\(UUID().uuidString)")
        try data.write(to: url)
        return Spooled(url: url, fileName: fileName)
    }

    /// Imports a spooled file, removing it afterwards.
    static func importFile(_ file: Spooled, request: StockImportRequest, store: Store, actor: Actor) async throws -> StockImportReport {
        defer { file.remove() }
        return try await store.stockImporter.importFile(at: file.url, fileName: file.fileName, request, by: actor)
    }
}
