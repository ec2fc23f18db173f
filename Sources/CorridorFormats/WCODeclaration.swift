import Foundation

/// A relief consignment declaration shaped after the WCO Data Model (version 3 names and
/// structure: Declaration › GoodsShipment › GovernmentAgencyGoodsItem › Commodity/Classification),
/// so an ASYCUDA-side or single-window integration maps it field for field. Codes follow the code
/// lists the data model names: UN/ECE Rec. 19 transport modes, Rec. 20 units, UN/EDIFACT 1001
/// documents (`WCOCodeLists`), UN/LOCODE, ISO 3166 and ISO 4217.
public struct WCODeclaration: Encodable, Sendable {
    public struct Party: Encodable, Sendable {
        public var id: String?
        public var name: String
        enum CodingKeys: String, CodingKey { case id = "ID", name = "Name" }
        public init(id: String?, name: String) { self.id = id; self.name = name }
    }

    public struct Amount: Encodable, Sendable {
        public var currencyID: String
        public var value: String
        public init(currencyID: String, value: String) { self.currencyID = currencyID; self.value = value }
    }

    public struct Measure: Encodable, Sendable {
        /// UN/ECE Rec. 20; absent when the declared unit has no code.
        public var unitCode: String?
        public var value: String
        public init(unitCode: String?, value: String) { self.unitCode = unitCode; self.value = value }
    }

    public struct Document: Encodable, Sendable {
        /// UN/EDIFACT 1001; absent when the document has no code of its own.
        public var typeCode: String?
        public var id: String?
        public var name: String
        public var statusCode: String
        enum CodingKeys: String, CodingKey { case typeCode = "TypeCode", id = "ID", name = "Name", statusCode = "StatusCode" }
        public init(typeCode: String?, id: String?, name: String, statusCode: String) {
            self.typeCode = typeCode; self.id = id; self.name = name; self.statusCode = statusCode
        }
    }

    public struct Classification: Encodable, Sendable {
        public var id: String
        public var identificationTypeCode: String
        enum CodingKeys: String, CodingKey { case id = "ID", identificationTypeCode = "IdentificationTypeCode" }
        public init(id: String, identificationTypeCode: String) { self.id = id; self.identificationTypeCode = identificationTypeCode }
    }

    public struct Commodity: Encodable, Sendable {
        public var description: String
        public var classification: [Classification]
        enum CodingKeys: String, CodingKey { case description = "Description", classification = "Classification" }
        public init(description: String, classification: [Classification]) {
            self.description = description; self.classification = classification
        }
    }

    public struct GoodsMeasure: Encodable, Sendable {
        public var grossMassMeasure: Measure
        public var tariffQuantity: Measure
        enum CodingKeys: String, CodingKey { case grossMassMeasure = "GrossMassMeasure", tariffQuantity = "TariffQuantity" }
        public init(grossMassMeasure: Measure, tariffQuantity: Measure) {
            self.grossMassMeasure = grossMassMeasure; self.tariffQuantity = tariffQuantity
        }
    }

    public struct Origin: Encodable, Sendable {
        public var countryCode: String
        enum CodingKeys: String, CodingKey { case countryCode = "CountryCode" }
        public init(countryCode: String) { self.countryCode = countryCode }
    }

    public struct GoodsItem: Encodable, Sendable {
        public var sequenceNumeric: Int
        public var commodity: Commodity
        public var goodsMeasure: GoodsMeasure
        public var customsValueAmount: Amount
        public var origin: Origin
        /// Temporary admission: the date by which the goods leave again.
        public var reExportDate: String?
        enum CodingKeys: String, CodingKey {
            case sequenceNumeric = "SequenceNumeric", commodity = "Commodity", goodsMeasure = "GoodsMeasure"
            case customsValueAmount = "CustomsValueAmount", origin = "Origin", reExportDate = "ReExportDate"
        }
        public init(
            sequenceNumeric: Int, commodity: Commodity, goodsMeasure: GoodsMeasure, customsValueAmount: Amount, origin: Origin,
            reExportDate: String?
        ) {
            self.sequenceNumeric = sequenceNumeric; self.commodity = commodity; self.goodsMeasure = goodsMeasure;
            self.customsValueAmount = customsValueAmount; self.origin = origin; self.reExportDate = reExportDate
        }
    }

    public struct TransportDocument: Encodable, Sendable {
        public var id: String?
        public var typeCode: String?
        enum CodingKeys: String, CodingKey { case id = "ID", typeCode = "TypeCode" }
        public init(id: String?, typeCode: String?) { self.id = id; self.typeCode = typeCode }
    }

    public struct TransportMeans: Encodable, Sendable {
        public var modeCode: String
        enum CodingKeys: String, CodingKey { case modeCode = "ModeCode" }
        public init(modeCode: String) { self.modeCode = modeCode }
    }

    public struct Consignment: Encodable, Sendable {
        public var transportContractDocument: TransportDocument
        public var arrivalTransportMeans: TransportMeans
        public var arrivalDateTime: String?
        enum CodingKeys: String, CodingKey {
            case transportContractDocument = "TransportContractDocument", arrivalTransportMeans = "ArrivalTransportMeans"
            case arrivalDateTime = "ArrivalDateTime"
        }
        public init(transportContractDocument: TransportDocument, arrivalTransportMeans: TransportMeans, arrivalDateTime: String?) {
            self.transportContractDocument = transportContractDocument; self.arrivalTransportMeans = arrivalTransportMeans;
            self.arrivalDateTime = arrivalDateTime
        }
    }

    public struct Location: Encodable, Sendable {
        /// The UN/LOCODE; absent for a crossing that has none, which is then named.
        public var id: String?
        public var name: String?
        enum CodingKeys: String, CodingKey { case id = "ID", name = "Name" }
        public init(id: String?, name: String? = nil) { self.id = id; self.name = name }
    }

    public struct GoodsShipment: Encodable, Sendable {
        public var consignee: Party
        public var consignment: Consignment
        public var destination: Origin
        public var governmentAgencyGoodsItem: [GoodsItem]
        enum CodingKeys: String, CodingKey {
            case consignee = "Consignee", consignment = "Consignment", destination = "Destination"
            case governmentAgencyGoodsItem = "GovernmentAgencyGoodsItem"
        }
        public init(consignee: Party, consignment: Consignment, destination: Origin, governmentAgencyGoodsItem: [GoodsItem]) {
            self.consignee = consignee; self.consignment = consignment; self.destination = destination;
            self.governmentAgencyGoodsItem = governmentAgencyGoodsItem
        }
    }

    public struct AdditionalInformation: Encodable, Sendable {
        public var statementCode: String
        public var statementDescription: String
        enum CodingKeys: String, CodingKey { case statementCode = "StatementCode", statementDescription = "StatementDescription" }
        public init(statementCode: String, statementDescription: String) {
            self.statementCode = statementCode; self.statementDescription = statementDescription
        }
    }

    public struct Declaration: Encodable, Sendable {
        public var functionalReferenceID: String
        public var typeCode: String
        public var functionCode: String
        public var issueDateTime: String?
        public var declarant: Party
        public var goodsLocation: Location
        public var goodsShipment: GoodsShipment
        public var additionalDocument: [Document]
        public var additionalInformation: [AdditionalInformation]
        enum CodingKeys: String, CodingKey {
            case functionalReferenceID = "FunctionalReferenceID", typeCode = "TypeCode", functionCode = "FunctionCode"
            case issueDateTime = "IssueDateTime", declarant = "Declarant", goodsLocation = "GoodsLocation", goodsShipment = "GoodsShipment"
            case additionalDocument = "AdditionalDocument", additionalInformation = "AdditionalInformation"
        }
        public init(
            functionalReferenceID: String, typeCode: String, functionCode: String, issueDateTime: String?, declarant: Party,
            goodsLocation: Location, goodsShipment: GoodsShipment, additionalDocument: [Document],
            additionalInformation: [AdditionalInformation]
        ) {
            self.functionalReferenceID = functionalReferenceID; self.typeCode = typeCode; self.functionCode = functionCode;
            self.issueDateTime = issueDateTime; self.declarant = declarant; self.goodsLocation = goodsLocation;
            self.goodsShipment = goodsShipment; self.additionalDocument = additionalDocument;
            self.additionalInformation = additionalInformation
        }
    }

    public var declaration: Declaration
    enum CodingKeys: String, CodingKey { case declaration = "Declaration" }

    public init(declaration: Declaration) { self.declaration = declaration }

    /// UN/ECE Recommendation 19 transport mode code.
    public static func modeCode(_ mode: String) -> String {
        switch mode {
        case "sea": "1"
        case "rail": "2"
        case "road": "3"
        case "air": "4"
        default: "9"
        }
    }

    /// ISO 8601 in UTC, as the data model's DateTime.
    public static func dateTime(_ unixSeconds: Int64?) -> String? {
        unixSeconds.map { ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval($0))) }
    }
}
