import Foundation

/// The contract of carriage a consignment travels under; customs matches the goods to it.
public enum TransportDocumentType: String, Sendable, Codable, CaseIterable {
    case airWaybill = "air_waybill"
    case billOfLading = "bill_of_lading"
    case cmr
    case cim

    public var label: String {
        switch self {
        case .airWaybill: "air waybill"
        case .billOfLading: "bill of lading"
        case .cmr: "CMR consignment note"
        case .cim: "CIM rail consignment note"
        }
    }

    /// The document a mode usually travels under, offered first on the form.
    public static func usual(for mode: TransportMode) -> TransportDocumentType {
        switch mode {
        case .air: .airWaybill
        case .sea: .billOfLading
        case .road: .cmr
        case .rail: .cim
        }
    }

    /// The number as customs files it, or what is wrong with it. An air waybill number is the
    /// airline's 3-digit prefix and an 8-digit serial whose last digit is the first seven modulo 7
    /// (IATA Resolution 600a); spaces and dashes people type are dropped. Other documents carry the
    /// carrier's own numbering: 3 to 35 letters, digits, dashes, slashes or spaces.
    public func checked(_ number: String) -> Result<String, TransportDocumentProblem> {
        let trimmed = number.trimmedCell
        switch self {
        case .airWaybill:
            let digits = trimmed.filter { $0 != " " && $0 != "-" }
            guard digits.count == 11, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return .failure(
                    .init("an air waybill number is 11 digits: the airline's 3-digit prefix and an 8-digit serial (176-12345675)"))
            }
            let values = digits.compactMap { $0.wholeNumberValue }
            let serial = values[3..<10].reduce(0) { $0 * 10 + $1 }
            guard serial % 7 == values[10] else {
                return .failure(
                    .init(
                        "the air waybill number's check digit is wrong: the last digit must be \(serial % 7) (the serial's first seven digits modulo 7)"
                    ))
            }
            return .success(String(digits.prefix(3)) + "-" + String(digits.dropFirst(3)))
        case .billOfLading, .cmr, .cim:
            let allowed = trimmed.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || "-/ .".contains($0) }
            guard (3...35).contains(trimmed.count), allowed else {
                return .failure(.init("a \(label) number is 3 to 35 letters, digits, dashes or slashes"))
            }
            return .success(trimmed.uppercased())
        }
    }
}

public struct TransportDocumentProblem: Error, Sendable, Equatable {
    public var phrase: Phrase
    init(_ phrase: Phrase) { self.phrase = phrase }
    public var message: String { phrase.english }
}
