import CorridorCore
import Foundation

/// One record of a table file, with its 1-based row number as a spreadsheet user sees it
/// (for CSV: the record's index counting every record including header rows; for XLSX the sheet's row number `r`).
public struct TabularRow: Sendable, Equatable {
    public let number: Int
    public let cells: [String]

    public init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
    }
}

/// Pull-based: memory stays flat whatever the file size.
///
/// Readers are iterators over one open file: a copy shares the file position with the original,
/// so consume a reader from one place only.
public protocol TabularReader {
    mutating func next() throws -> TabularRow?
    /// The next record as bytes, for readers of millions of rows that compare most cells rather
    /// than keep them: no `String` is made. The fields are valid only inside `body`.
    /// False at the end of the file. Not generic, so a caller in another module pays no
    /// metadata look-up per record.
    mutating func nextFields(_ body: (TabularFields) throws -> Void) throws -> Bool
}

extension TabularReader {
    public mutating func nextFields(_ body: (TabularFields) throws -> Void) throws -> Bool {
        guard let row = try next() else { return false }
        let arena = FieldArena()
        for cell in row.cells {
            var cell = cell
            cell.withUTF8 { arena.append($0.baseAddress, count: $0.count) }
            arena.endField()
        }
        try arena.withFields(number: row.number, body)
        return true
    }
}

public enum TabularFormat: String, Sendable {
    case csv, xlsx

    /// By extension, else by content sniffing (PK\x03\x04 = xlsx).
    public static func detect(fileName: String?, firstBytes: [UInt8]) -> TabularFormat {
        if let fileName {
            switch (fileName as NSString).pathExtension.lowercased() {
            case "xlsx", "xlsm": return .xlsx
            case "csv", "tsv", "txt": return .csv
            default: break
            }
        }
        return firstBytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? .xlsx : .csv
    }
}

public struct TabularError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The row a person should look at, numbered as in `TabularRow.number`; nil for file-level problems.
    public var row: Int?
    /// The field's index in its record, from 0, when the problem is in one cell.
    public var column: Int?
    public var phrase: Phrase
    public var message: String { phrase.english }

    public init(row: Int? = nil, column: Int? = nil, message: Phrase) {
        self.row = row
        self.column = column
        self.phrase = message
    }

    public var description: String { problem().located }

    /// As a located problem: the row moved on by `rowOffset` (a segment's rows are numbered from
    /// its start), and the column named by `label` where the caller knows its header.
    public func problem(rowOffset: Int = 0, field: String? = nil, label: (Int) -> String? = { _ in nil }) -> Problem {
        Problem(row: row.map { $0 + rowOffset }, column: column.map { label($0) ?? String($0 + 1) }, field: field, problem: phrase)
    }

    /// As a problem of the file, its name in front: how an import answers a file it cannot read.
    public func problem(inFile fileName: String) -> Problem {
        var problem = problem(field: "file")
        problem.file = fileName
        return problem
    }
}

extension TabularError: LocalizedError {
    public var errorDescription: String? { description }
}

/// Byte-to-String conversion shared by both readers. `String(validating:as:)` is generic and
/// unspecialised in the standard library, which made it the main cost of parsing; this checks the
/// bytes inline and then uses the specialised decoding initialiser.
enum UTF8Text {
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard isValid(bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func string(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { string($0) }
    }

    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        // Eight ASCII bytes at a time: the common case for inventory data.
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < count {
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let width: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF  // allowed range of the second byte
            switch lead {
            case 0xC2...0xDF: width = 2
            case 0xE0: width = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: width = 3
            case 0xED: width = 3; high = 0x9F  // excludes UTF-16 surrogates
            case 0xF0: width = 4; low = 0x90
            case 0xF1...0xF3: width = 4
            case 0xF4: width = 4; high = 0x8F  // nothing above U+10FFFF
            default: return false
            }
            guard index + width <= count else { return false }
            let second = base[index + 1]
            guard second >= low, second <= high else { return false }
            for offset in 2..<width where base[index + offset] & 0xC0 != 0x80 {
                return false
            }
            index += width
        }
        return true
    }
}
