import CorridorCore
import Foundation

/// The code lists the WCO Data Model names for units and documents, as mapping tables from
/// Corridor's words. A word with no code in the list is left out of the export, never given an
/// invented one.
public enum WCOCodeLists {
    /// UN/ECE Recommendation 20 (Codes for Units of Measure Used in International Trade), Annex I.
    /// Cartons, boxes, bales and sachets are packages (Recommendation 21), not units of measure:
    /// they have no code here.
    static let units: [String: String] = [
        "piece": "H87", "pieces": "H87", "pcs": "H87", "pc": "H87",
        "kg": "KGM", "kgs": "KGM", "kilogram": "KGM", "kilograms": "KGM",
        "litre": "LTR", "litres": "LTR", "liter": "LTR", "liters": "LTR", "l": "LTR",
        "kit": "KT", "kits": "KT",
        "set": "SET", "sets": "SET",
        "roll": "RO", "rolls": "RO",
        "tablet": "U2", "tablets": "U2",
    ]

    /// The Recommendation 20 code of a unit as declared ("piece" → H87), nil when it has none.
    public static func unitCode(_ unit: String) -> String? {
        units[unit.trimmingCharacters(in: .whitespaces).lowercased()]
    }

    /// UN/EDIFACT data element 1001 (Document name code), UNTDID.
    static let documents: [String: String] = [
        "packing_list": "271",
        "commercial_invoice": "380",
        "certificate_of_origin": "861",
        "certificate_of_analysis": "1",
        "veterinary_health_certificate": "853",
        "dangerous_goods_declaration": "890",
        // Import licences: the medicines authorisation and the controlled-medicines permit.
        "import_authorisation": "911",
        "controlled_medicines_import_permit": "911",
    ]

    /// The 1001 code of a checklist document; the transport document takes its mode's code. Nil
    /// where 1001 has no code of its own (donation certificate, vehicle registration, the health /
    /// phytosanitary certificate that may be either 851 or 852, …).
    public static func documentCode(_ document: String, transportMode: String) -> String? {
        if document == RequiredDocument.transportDocument.rawValue { return transportDocumentCode(transportMode) }
        return documents[document]
    }

    /// 1001 codes of the transport contract document by mode.
    public static func transportDocumentCode(_ mode: String) -> String? {
        switch mode {
        case "air": "740"  // air waybill
        case "sea": "705"  // bill of lading
        case "road": "730"  // road consignment note
        case "rail": "720"  // rail consignment note (generic term)
        default: nil
        }
    }
}
