import CorridorCore
import Foundation

/// The words a person reads for a field a problem names: "Line 1, Quantity", never `lines[0].quantity`.
enum FieldNames {
    static let labels: [String: String] = [
        "reference": "Reference", "consignee": "Consignee", "destination": "Destination country", "entry_point": "Entry point",
        "emergency_id": "Emergency", "transport_mode": "Transport", "transport_document_type": "Transport document",
        "transport_document": "Transport document number", "expected_arrival": "Expected arrival", "packages": "Packages",
        "packages_kind": "Kind of packages", "lines": "Lines", "description": "Description", "item_code": "Item", "hs_code": "HS code",
        "quantity": "Quantity", "unit": "Unit", "gross_kg": "Gross kg", "value": "Value", "currency": "Currency", "origin": "Origin",
        "re_export_by": "Re-export by", "freight": "Freight", "insurance": "Insurance",
        "costs_currency": "Currency of freight and insurance", "reason": "Reason", "message": "Message", "file": "File",
        "version": "Version",
    ]

    /// The line number (from 1) a field belongs to, and the field within the line.
    static func line(of field: String) -> (number: Int, field: String)? {
        guard field.hasPrefix("lines["), let close = field.firstIndex(of: "]"),
            let index = Int(field[field.index(field.startIndex, offsetBy: 6)..<close])
        else { return nil }
        let rest = field[field.index(after: close)...].drop { $0 == "." }
        return (index + 1, String(rest))
    }

    static func human(_ field: String) -> String {
        if let (number, inner) = line(of: field) { return "Line \(number), " + (labels[inner] ?? inner) }
        return labels[field] ?? field.replacingOccurrences(of: "_", with: " ")
    }

    /// "Line 1, Quantity: must be more than 0".
    static func sentence(_ problem: Problem) -> String {
        guard let field = problem.field else { return problem.located }
        return human(field) + ": " + problem.problem
    }
}
