import CorridorCore
import Foundation
import ZIPFoundation

/// The parts of an .xlsx package around the worksheet: which sheet comes first, the shared-string
/// table, and getting an entry out of the ZIP without holding it all in memory.
struct XLSXWorkbook {
    /// Largest part decompressed: a full sheet of 1,048,576 stock rows fits; more is refused.
    static let maxEntryBytes: Int64 = 1024 * 1024 * 1024
    /// Largest expansion of a part over its compressed size, checked once past `ratioFreeBytes`:
    /// real sheets deflate about ten times; a "ZIP bomb" a hundred times and more.
    static let maxRatio: Int64 = 100
    static let ratioFreeBytes: Int64 = 16 * 1024 * 1024
    /// Largest workbook.xml or relationships part read into memory.
    static let maxSmallPartBytes = 16 * 1024 * 1024

    let archive: Archive
    let chunkSize: Int

    /// The first `<sheet>` of xl/workbook.xml, followed through xl/_rels/workbook.xml.rels; the
    /// conventional xl/worksheets/sheet1.xml when either part is missing or says nothing useful.
    func firstWorksheetPath() throws -> String {
        let fallback = "xl/worksheets/sheet1.xml"
        guard let workbook = try smallPart("xl/workbook.xml"),
            let relations = try smallPart("xl/_rels/workbook.xml.rels")
        else { return fallback }
        var relationID: String?
        let sheets = XMLPullScanner(source: .memory(workbook), chunkSize: chunkSize)
        scan: while relationID == nil {
            switch try sheets.next() {
            case .eof: break scan
            case .start where sheets.nameIs("sheet"): relationID = try sheets.attributeString("id")
            default: continue
            }
        }
        guard let relationID else { return fallback }
        let rels = XMLPullScanner(source: .memory(relations), chunkSize: chunkSize)
        while true {
            switch try rels.next() {
            case .eof:
                return fallback
            case .start where rels.nameIs("Relationship"):
                if try rels.attributeString("Id") == relationID, let target = try rels.attributeString("Target") {
                    return Self.resolve(target, relativeTo: "xl")
                }
            default:
                continue
            }
        }
    }

    /// Relationship targets are relative to the workbook's folder unless they start with "/".
    static func resolve(_ target: String, relativeTo folder: String) -> String {
        var parts = target.hasPrefix("/") ? [] : folder.split(separator: "/").map(String.init)
        for part in target.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    /// All `<si>` entries in order; rich text runs are joined, phonetic hints left out.
    func sharedStrings() throws -> [String] {
        guard let entry = archive["xl/sharedStrings.xml"] else { return [] }
        let file = try extractToTemporaryFile(entry)
        defer { try? FileManager.default.removeItem(at: file) }
        let xml = XMLPullScanner(source: .file(try FileHandle(forReadingFrom: file)), chunkSize: chunkSize)
        defer { xml.close() }
        var strings: [String] = []
        var current = ""
        var inItem = false, inText = false, inPhonetic = false
        while true {
            switch try xml.next() {
            case .eof:
                return strings
            case .text:
                if inText { current += try xml.text() }
            case .start(let selfClosing):
                if xml.nameIs("si") {
                    if selfClosing { strings.append("") } else { (inItem, current) = (true, "") }
                } else if xml.nameIs("rPh") {
                    inPhonetic = !selfClosing
                } else if xml.nameIs("t") {
                    inText = inItem && !inPhonetic && !selfClosing
                } else if xml.nameIs("sst"), let count = try xml.attributeString("uniqueCount").flatMap({ Int($0) }) {
                    strings.reserveCapacity(min(count, 1_000_000))
                }
            case .end:
                if xml.nameIs("t") {
                    inText = false
                } else if xml.nameIs("rPh") {
                    inPhonetic = false
                } else if xml.nameIs("si") {
                    strings.append(current)
                    inItem = false
                }
            }
        }
    }

    /// Decompresses an entry chunk by chunk into a new temporary file, whose URL the caller owns.
    func extractToTemporaryFile(_ entry: Entry) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("corridor-xlsx-\(UUID().uuidString).xml")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw TabularError(message: "cannot create a temporary file to read the workbook")
        }
        do {
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            var written: Int64 = 0
            let compressed = Int64(clamping: max(entry.compressedSize, 1))
            let checksum = try archive.extract(entry, bufferSize: chunkSize) { data in
                written += Int64(data.count)
                try Self.checkExpansion(of: entry.path, written: written, compressed: compressed)
                try handle.write(contentsOf: data)
            }
            try Self.verify(checksum, of: entry)
            return url
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
    }

    /// Refuses a part that grows past the size or ratio limit, before it is all decompressed.
    static func checkExpansion(of path: String, written: Int64, compressed: Int64) throws {
        if written > maxEntryBytes {
            throw TabularError(
                message: "the workbook's part \(path) is larger than \(maxEntryBytes >> 20) MiB when decompressed, "
                    + "the most Corridor reads: split the report or save it as CSV")
        }
        if written > ratioFreeBytes, written / compressed > maxRatio {
            throw TabularError(
                message: "the workbook's part \(path) expands more than \(maxRatio) times its compressed size "
                    + "(\(compressed) bytes to over \(written >> 20) MiB), which real spreadsheets never do: open it and save it again, or save it as CSV"
            )
        }
    }

    private func smallPart(_ path: String) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        let checksum = try archive.extract(entry, bufferSize: chunkSize) { chunk in
            data.append(chunk)
            guard data.count <= Self.maxSmallPartBytes else {
                throw TabularError(message: "\(path) is unexpectedly large")
            }
        }
        try Self.verify(checksum, of: entry)
        return data
    }

    /// ZIPFoundation computes the CRC while extracting but leaves the comparison to the caller;
    /// without it a damaged upload would be read as wrong data instead of being refused.
    private static func verify(_ checksum: CRC32, of entry: Entry) throws {
        guard checksum == entry.checksum else {
            throw TabularError(message: "the workbook is damaged: \(entry.path) fails its checksum")
        }
    }
}
