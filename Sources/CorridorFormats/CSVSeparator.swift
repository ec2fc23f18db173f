import Foundation

/// Picks the separator of a CSV file from its first record: spreadsheets in comma-decimal
/// locales export with `;`, and "Unicode text" exports use tabs, so a person's upload may use any.
enum CSVSeparator {
    static let comma = UInt8(ascii: ",")
    static let semicolon = UInt8(ascii: ";")
    static let tab = UInt8(ascii: "\t")

    /// The most frequent of `,` `;` tab outside quotes up to the first line end outside quotes
    /// (ties go to the comma). Reads ahead as far as needed, up to `lookahead` bytes, but
    /// consumes nothing.
    static func detect(in input: ByteChunks, lookahead: Int) throws -> UInt8 {
        var commas = 0, semicolons = 0, tabs = 0
        var inQuotes = false
        var index = input.pos
        scan: while true {
            if index == input.count {
                // The parser has consumed nothing yet, so reading more does not move the bytes.
                guard !input.atEOF, input.count < lookahead, try input.readMore() else { break }
            }
            while index < input.count {
                let byte = input.base[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""): inQuotes.toggle()
                case _ where inQuotes: continue
                case comma: commas += 1
                case semicolon: semicolons += 1
                case tab: tabs += 1
                case 0x0A, 0x0D: break scan
                default: continue
                }
            }
        }
        if semicolons > commas, semicolons >= tabs { return semicolon }
        if tabs > commas, tabs > semicolons { return tab }
        return comma
    }
}
