import CorridorCore
import Foundation

/// Turns the XML of one worksheet into rows, one `<row>` at a time.
///
/// Cells are placed by the column letters of their `r` reference, because spreadsheet programs
/// omit empty cells from the file: without this, a blank in column B would shift C into B.
final class XLSXSheetScanner {
    /// Excel's column limit (XFD); a larger reference is a damaged file, and padding up to it
    /// would waste memory.
    static let maxColumns = 16_384

    private let xml: XMLPullScanner
    private let sharedStrings: [String]
    private var lastRow = 0
    private var finished = false

    init(xml: XMLPullScanner, sharedStrings: [String]) {
        self.xml = xml
        self.sharedStrings = sharedStrings
    }

    /// The row being read (or last read), for naming where a damaged sheet went wrong.
    var currentRow: Int? { lastRow == 0 ? nil : lastRow }

    func close() {
        finished = true
        xml.close()
    }

    /// The next row that has at least one cell; rows that only carry formatting are skipped.
    func nextRow() throws -> TabularRow? {
        guard !finished else { return nil }
        var cells: [String] = []
        var rowNumber = 0
        var inRow = false
        var cell = CellState()
        while true {
            switch try xml.next() {
            case .eof:
                finished = true
                if inRow { throw XMLScanError("the worksheet ends in the middle of row \(rowNumber)") }
                return nil
            case .text:
                if cell.capturing { cell.text += try xml.text() }
            case .start(let selfClosing):
                if xml.nameIs("row") {
                    rowNumber = try xml.attribute("r").map { try Self.rowNumber($0) } ?? lastRow + 1
                    lastRow = rowNumber
                    inRow = !selfClosing
                    cells.removeAll(keepingCapacity: true)
                } else if inRow, xml.nameIs("c") {
                    let column = try xml.attribute("r").map { try Self.columnIndex($0) } ?? cells.count
                    // Out-of-order references are kept in file order rather than overwriting a cell.
                    while cells.count < column { cells.append("") }
                    cell = CellState(type: try xml.attributeString("t"), reference: try xml.attributeString("r"))
                    if selfClosing { cells.append("") } else { cell.open = true }
                } else if cell.open, !selfClosing {
                    if xml.nameIs("v") {
                        cell.capturing = true
                        cell.text = ""
                    } else if xml.nameIs("is") {
                        cell.inline = ""
                    } else if xml.nameIs("rPh") {
                        cell.phonetic = true  // pronunciation hints, not shown in the cell
                    } else if xml.nameIs("t"), cell.inline != nil, !cell.phonetic {
                        cell.capturing = true
                        cell.text = ""
                    }
                }
            case .end:
                if cell.open {
                    if xml.nameIs("v") {
                        cell.capturing = false
                        cell.value = cell.text
                    } else if xml.nameIs("t") {
                        if cell.capturing { cell.inline? += cell.text }
                        cell.capturing = false
                    } else if xml.nameIs("rPh") {
                        cell.phonetic = false
                    } else if xml.nameIs("c") {
                        cells.append(try resolve(cell, row: rowNumber))
                        cell = CellState()
                    }
                } else if xml.nameIs("row") {
                    inRow = false
                    if !cells.isEmpty { return TabularRow(number: rowNumber, cells: cells) }
                } else if xml.nameIs("sheetData") {
                    // Everything after the cell data (merges, print settings) is of no interest.
                    finished = true
                    return nil
                }
            }
        }
    }

    private struct CellState {
        var type: String?
        var reference: String?
        var open = false
        var capturing = false
        var phonetic = false
        var text = ""
        var value: String?
        var inline: String?
    }

    private func resolve(_ cell: CellState, row: Int) throws -> String {
        switch cell.type {
        case "s":
            guard let value = cell.value else { return "" }
            guard let index = Int(value.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index) else {
                let reference = cell.reference ?? ""
                throw TabularError(
                    row: row, message: "cell \(reference) refers to shared string \(value), which the workbook does not contain")
            }
            return sharedStrings[index]
        case "b":
            switch cell.value {
            case "1": return "TRUE"
            case "0": return "FALSE"
            default: return cell.value ?? ""
            }
        case "inlineStr":
            return cell.inline ?? cell.value ?? ""
        default:
            // Numbers, dates (as serial numbers), formula strings and errors: the literal text, so
            // nothing is lost to reformatting; the caller decides what a column means.
            return cell.value ?? ""
        }
    }

    static func rowNumber(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Int {
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39, value < 100_000_000 else {
                throw XMLScanError("row number \"\(String(decoding: bytes, as: UTF8.self))\" is not valid")
            }
            value = value * 10 + Int(byte - 0x30)
        }
        guard value > 0 else { throw XMLScanError("row number 0 is not valid") }
        return value
    }

    /// 0-based column of a reference such as "B3" or "AA10" (letters only are read).
    static func columnIndex(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Int {
        var column = 0
        for byte in bytes {
            let upper = byte & ~0x20
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(upper - UInt8(ascii: "A") + 1)
            if column > maxColumns {
                throw XMLScanError("cell reference \(String(decoding: bytes, as: UTF8.self)) is beyond the last column")
            }
        }
        guard column > 0 else {
            throw XMLScanError("cell reference \"\(String(decoding: bytes, as: UTF8.self))\" has no column")
        }
        return column - 1
    }
}
