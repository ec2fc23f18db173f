import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import Hummingbird
import NIOCore

/// The data model's own names, as they are: the API's snake_case key strategy must not touch them.
extension WCODeclaration: ResponseGenerator {
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(self)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension WCODeclaration {
    /// The WCO Data Model shape of a declaration (`?format=wco`).
    init(_ d: DeclarationView) {
        let items = d.lines.map { line in
            GoodsItem(
                sequenceNumeric: line.lineNo,
                commodity: Commodity(
                    description: line.description,
                    classification: [Classification(id: line.hsCode, identificationTypeCode: "HS")]
                        + (line.itemCode.map { [Classification(id: $0, identificationTypeCode: "CORRIDOR")] } ?? [])),
                goodsMeasure: GoodsMeasure(
                    grossMassMeasure: Measure(unitCode: "KGM", value: String(line.grossKg)),
                    tariffQuantity: Measure(unitCode: WCOCodeLists.unitCode(line.unit), value: line.quantity.description)),
                customsValueAmount: Amount(currencyID: line.currency, value: line.value.description),
                origin: Origin(countryCode: line.origin), reExportDate: line.reExportBy)
        }
        var information = [
            AdditionalInformation(
                statementCode: "RELIEF", statementDescription: "Relief consignment (Revised Kyoto Convention, Specific Annex J, Chapter 5)")
        ]
        if let emergency = d.emergencyId {
            information.append(AdditionalInformation(statementCode: "EMERGENCY", statementDescription: "Corridor emergency \(emergency)"))
        }
        if let lane = d.lane {
            information.append(AdditionalInformation(statementCode: "LANE", statementDescription: lane.rawValue))
        }
        self.init(
            declaration: Declaration(
                functionalReferenceID: d.reference, typeCode: "IM", functionCode: "9",
                issueDateTime: Self.dateTime(d.times.lodged), declarant: Party(id: d.org, name: d.org),
                goodsLocation: Location(id: d.entryPointLocode, name: d.entryPointLocode == nil ? d.entryPoint : nil),
                goodsShipment: GoodsShipment(
                    consignee: Party(id: nil, name: d.consignee),
                    consignment: Consignment(
                        transportContractDocument: TransportDocument(
                            id: d.transportDocument, typeCode: WCOCodeLists.transportDocumentCode(d.transportMode)),
                        arrivalTransportMeans: TransportMeans(modeCode: Self.modeCode(d.transportMode)),
                        arrivalDateTime: Self.dateTime(d.times.arrived)),
                    destination: Origin(countryCode: d.destination), governmentAgencyGoodsItem: items),
                additionalDocument: d.documents.map {
                    Document(
                        typeCode: WCOCodeLists.documentCode($0.document, transportMode: d.transportMode), id: $0.sha256, name: $0.label,
                        statusCode: $0.status)
                },
                additionalInformation: information))
    }
}
