import CorridorCore
import CorridorLanguages
import Foundation

/// The words a person reads for a field a problem names: "Line 1, Quantity", never `lines[0].quantity`.
enum FieldNames {
    /// In the reader's language.
    static var labels: [String: String] {
        [
            "reference": L("Reference"), "consignee": L("Consignee"), "destination": L("Destination country"),
            "entry_point": L("Entry point"), "emergency_id": L("Emergency"), "transport_mode": L("Transport"),
            "transport_document_type": L("Transport document"), "transport_document": L("Transport document number"),
            "expected_arrival": L("Expected arrival"), "packages": L("Packages"), "packages_kind": L("Kind of packages"),
            "lines": L("Lines"), "description": L("Description"), "item_code": L("Item"), "hs_code": L("HS code"),
            "quantity": L("Quantity"), "unit": L("Unit"), "gross_kg": L("Gross kg"), "value": L("Value"), "currency": L("Currency"),
            "origin": L("Origin"), "re_export_by": L("Re-export by"), "freight": L("Freight"), "insurance": L("Insurance"),
            "costs_currency": L("Currency of freight and insurance"), "reason": L("Reason"), "message": L("Message"),
            "file": L("File"), "version": L("Version"),
        ]
    }

    /// The line number (from 1) a field belongs to, and the field within the line.
    static func line(of field: String) -> (number: Int, field: String)? {
        guard field.hasPrefix("lines["), let close = field.firstIndex(of: "]"),
            let index = Int(field[field.index(field.startIndex, offsetBy: 6)..<close])
        else { return nil }
        let rest = field[field.index(after: close)...].drop { $0 == "." }
        return (index + 1, String(rest))
    }

    static func human(_ field: String) -> String {
        if let (number, inner) = line(of: field) { return L("Line \(number), \(labels[inner] ?? inner)") }
        return labels[field] ?? field.replacingOccurrences(of: "_", with: " ")
    }

    /// "Line 1, Quantity: must be more than 0".
    static func sentence(_ problem: Problem) -> String {
        guard let field = problem.field else { return Localizer.current.located(problem) }
        // French sets a narrow space before a colon.
        let colon = Localizer.current.language == .fr ? "\u{202F}: " : ": "
        return human(field) + colon + Localizer.current.string(problem.phrase)
    }
}
