import Foundation

/// What a declaration must state before customs accepts its lodgement: who receives the goods, the
/// transport document they travel under, when they arrive, how they are packed, and what each line
/// is worth (or that it has no commercial value). The declarant becomes liable for it at lodgement.
public enum LodgementRequirements {
    /// Every particular still missing, each named with its field, in the order of the form.
    public static func missing(_ content: DeclarationContent) -> [Problem] {
        var problems: [Problem] = []
        func need(_ field: String, _ text: Phrase) { problems.append(Problem(field: field, problem: text)) }
        if content.consignee.trimmedCell.isEmpty { need("consignee", "the consignee is required to lodge") }
        if content.transportDocumentType.flatMap(TransportDocumentType.init(rawValue:)) == nil {
            need("transport_document_type", "the transport document's type is required to lodge")
        }
        if (content.transportDocument ?? "").trimmedCell.isEmpty {
            need("transport_document", "the transport document's number is required to lodge")
        }
        if (content.expectedArrival ?? "").isEmpty { need("expected_arrival", "the expected arrival date is required to lodge") }
        if (content.packages ?? 0) <= 0 { need("packages", "the number of packages is required to lodge") }
        if (content.packagesKind ?? "").trimmedCell.isEmpty { need("packages_kind", "the kind of packages is required to lodge") }
        for (index, line) in content.lines.enumerated() where line.value <= .zero && !line.noCommercialValue {
            problems.append(
                Problem(
                    row: index + 1, field: "lines[\(index)].value",
                    problem: "line \(index + 1) needs a value above 0, or is marked \"no commercial value\""))
        }
        return problems
    }

    /// Lodging with particulars missing is refused, naming each, unless the emergency allows
    /// provisional declarations: then they follow by the completion deadline.
    public static func check(_ content: DeclarationContent, provisionalAllowed: Bool) throws(DomainError) {
        let gaps = missing(content)
        guard gaps.isEmpty || provisionalAllowed else {
            throw .invalid(gaps)
        }
    }
}
