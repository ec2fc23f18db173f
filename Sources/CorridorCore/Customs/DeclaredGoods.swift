/// What customs knows of the goods on one declaration line: the HS code declared and, when the
/// line names a catalogue item, the item's facts: the other HS codes tariffs and suppliers use for
/// it, its UN number as dangerous goods, and whether it holds controlled medicines.
public struct DeclaredGoods: Sendable, Equatable {
    public var itemCode: String?
    public var hsCode: HSCode
    public var alternativeHSCodes: [HSCode]
    public var unNumber: UNNumber?
    public var controlledMedicines: Bool

    public init(
        itemCode: String?, hsCode: HSCode, alternativeHSCodes: [HSCode] = [], unNumber: UNNumber? = nil,
        controlledMedicines: Bool = false
    ) {
        (self.itemCode, self.hsCode, self.alternativeHSCodes, self.unNumber, self.controlledMedicines) = (
            itemCode, hsCode, alternativeHSCodes, unNumber, controlledMedicines
        )
    }

    /// The declared code first, then the catalogue's alternatives.
    public var allHSCodes: [HSCode] { [hsCode] + alternativeHSCodes.filter { $0 != hsCode } }
}

/// A UN number of the UN Recommendations on the Transport of Dangerous Goods (Model Regulations):
/// four digits, written "UN 2880".
public struct UNNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    public let digits: String

    /// Accepts "UN2880", "UN 2880" or "2880".
    public init?(_ raw: String) {
        var text = raw.uppercased().filter { $0 != " " }
        if text.hasPrefix("UN") { text.removeFirst(2) }
        guard text.count == 4, text.allSatisfy({ $0.isASCII && $0.isNumber }), text != "0000" else { return nil }
        digits = text
    }

    public var description: String { "UN \(digits)" }
}
