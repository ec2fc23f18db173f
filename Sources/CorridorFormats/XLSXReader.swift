import CorridorCore
import Foundation
import ZIPFoundation

/// Reads the first worksheet of an .xlsx workbook row by row.
///
/// The worksheet entry is decompressed to a temporary file and scanned from there, so memory holds
/// the shared-string table and one row, not the sheet. The temporary file is removed at the end
/// of the sheet, on error, or when the reader goes away.
public struct XLSXReader: TabularReader {
    static let defaultChunkSize = 256 * 1024

    // A class so that the temporary file has one owner whose deinit can remove it.
    private let sheet: XLSXSheetFile

    public init(url: URL) throws {
        try self.init(url: url, chunkSize: Self.defaultChunkSize)
    }

    init(url: URL, chunkSize: Int) throws {
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw TabularError(message: "cannot open \(url.lastPathComponent)")
        }
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw TabularError(message: "the file is not a readable .xlsx workbook (it is not a ZIP archive)")
        }
        let workbook = XLSXWorkbook(archive: archive, chunkSize: chunkSize)
        do {
            let sheetPath = try workbook.firstWorksheetPath()
            let strings = try workbook.sharedStrings()
            guard let entry = archive[sheetPath] else {
                throw TabularError(message: "the workbook has no worksheet")
            }
            let file = try workbook.extractToTemporaryFile(entry)
            sheet = try XLSXSheetFile(url: file, sharedStrings: strings, chunkSize: chunkSize)
        } catch let error as TabularError {
            throw error
        } catch let error as XMLScanError {
            throw TabularError(message: "the workbook is damaged: \(error.message)")
        } catch {
            // ZIPFoundation's errors are enum cases (e.g. checksumMismatch); their names say enough.
            throw TabularError(message: "the workbook is damaged: \(String(describing: error))")
        }
    }

    public mutating func next() throws -> TabularRow? {
        try sheet.next()
    }

    /// Where the worksheet is being read from while the reader is open (for tests).
    var temporaryFileURL: URL { sheet.url }
}

final class XLSXSheetFile {
    let url: URL
    private let scanner: XLSXSheetScanner
    private var failure: TabularError?
    private var removed = false

    init(url: URL, sharedStrings: [String], chunkSize: Int) throws {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        self.url = url
        let xml = XMLPullScanner(source: .file(handle), chunkSize: chunkSize)
        scanner = XLSXSheetScanner(xml: xml, sharedStrings: sharedStrings)
    }

    deinit {
        remove()
    }

    func next() throws -> TabularRow? {
        if let failure { throw failure }
        do {
            guard let row = try scanner.nextRow() else {
                remove()
                return nil
            }
            return row
        } catch {
            let failure =
                (error as? TabularError)
                ?? TabularError(
                    row: scanner.currentRow,
                    message: "the worksheet is damaged: \((error as? XMLScanError)?.message ?? error.localizedDescription)")
            self.failure = failure
            remove()
            throw failure
        }
    }

    private func remove() {
        guard !removed else { return }
        removed = true
        scanner.close()
        try? FileManager.default.removeItem(at: url)
    }
}
