import Foundation

/// How a consignment travels, with the document that proves it.
public enum TransportMode: String, Sendable, Codable, CaseIterable {
    case air, sea, road, rail
    public var documentName: String {
        switch self {
        case .air: "air waybill"
        case .sea: "bill of lading"
        case .road: "CMR consignment note"
        case .rail: "CIM consignment note"
        }
    }
}

/// One line of a relief consignment declaration as the declarant enters it.
public struct DeclarationLineInput: Sendable, Equatable, Codable {
    public var description: String
    public var itemCode: String?
    public var hsCode: String
    public var quantity: String
    public var unit: String
    public var grossKg: Double
    public var value: String
    public var currency: String
    public var origin: String
    public var temporaryAdmission: Bool?
    public var reExportBy: String?
    /// Donated goods with no price: customs values them from the catalogue's indicative value.
    public var noCommercialValue: Bool?

    public init(
        description: String, itemCode: String?, hsCode: String, quantity: String, unit: String, grossKg: Double,
        value: String, currency: String, origin: String, temporaryAdmission: Bool? = nil, reExportBy: String? = nil,
        noCommercialValue: Bool? = nil
    ) {
        (self.description, self.itemCode, self.hsCode, self.quantity, self.unit, self.grossKg) = (
            description, itemCode, hsCode, quantity, unit, grossKg
        )
        (self.value, self.currency, self.origin, self.temporaryAdmission, self.reExportBy) = (
            value, currency, origin, temporaryAdmission, reExportBy
        )
        self.noCommercialValue = noCommercialValue
    }
}

/// A relief consignment declaration as the declarant enters it.
public struct DeclarationInput: Sendable, Equatable, Codable {
    /// Most lines one declaration may carry, however it is entered (API, form or packing list).
    public static let maximumLines = 2000

    public var reference: String
    public var consignee: String
    public var destination: String
    public var entryPoint: String
    public var emergencyId: Int64?
    public var transportMode: String
    public var transportDocument: String?
    public var transportDocumentType: String?
    public var expectedArrival: String?
    /// How many packages, and of what kind (pallets, cartons, bales, drums, …).
    public var packages: Int?
    public var packagesKind: String?
    public var lines: [DeclarationLineInput]
    /// Freight and insurance to the border for the whole consignment, when known; the customs
    /// value is CIF, and what is not declared is assumed (see `Valuation`).
    public var freight: String?
    public var insurance: String?
    /// The currency of freight and insurance; by default the lines' currency when they share one.
    public var costsCurrency: String?

    public init(
        reference: String, consignee: String, destination: String, entryPoint: String, emergencyId: Int64?,
        transportMode: String, transportDocument: String?, transportDocumentType: String? = nil, expectedArrival: String?,
        packages: Int? = nil, packagesKind: String? = nil, lines: [DeclarationLineInput], freight: String? = nil,
        insurance: String? = nil, costsCurrency: String? = nil
    ) {
        (self.freight, self.insurance, self.costsCurrency) = (freight, insurance, costsCurrency)
        (self.reference, self.consignee, self.destination, self.entryPoint, self.emergencyId) = (
            reference, consignee, destination, entryPoint, emergencyId
        )
        (self.transportMode, self.transportDocument, self.transportDocumentType, self.expectedArrival) = (
            transportMode, transportDocument, transportDocumentType, expectedArrival
        )
        (self.packages, self.packagesKind, self.lines) = (packages, packagesKind, lines)
    }
}

/// A line that passed the shape checks.
public struct CheckedDeclarationLine: Sendable, Equatable {
    public var description: String
    public var itemCode: String?
    public var hsCode: HSCode
    public var quantity: Quantity
    public var unit: String
    public var grossKg: Double
    public var value: Quantity
    public var currency: String
    public var origin: String
    public var reExportBy: Day?
    public var noCommercialValue: Bool

    public init(
        description: String, itemCode: String?, hsCode: HSCode, quantity: Quantity, unit: String, grossKg: Double, value: Quantity,
        currency: String, origin: String, reExportBy: Day?, noCommercialValue: Bool = false
    ) {
        (self.description, self.itemCode, self.hsCode, self.quantity, self.unit, self.grossKg) = (
            description, itemCode, hsCode, quantity, unit, grossKg
        )
        (self.value, self.currency, self.origin, self.reExportBy, self.noCommercialValue) = (
            value, currency, origin, reExportBy, noCommercialValue
        )
    }
}

/// A declaration that passed the shape checks.
public struct CheckedDeclaration: Sendable, Equatable {
    public var reference: String
    public var destination: CountryCode
    public var mode: TransportMode
    public var expectedArrival: Day?
    public var lines: [CheckedDeclarationLine]
    public var particulars: CheckedParticulars
}

/// A declaration's particulars beside its lines, as checked.
public struct CheckedParticulars: Sendable, Equatable {
    public var transportDocument: String?
    public var transportDocumentType: TransportDocumentType?
    public var packages: Int?
    public var packagesKind: String?
}

extension DeclarationInput {
    /// Shape checks of every field, all problems at once; what needs the reference tables (HS
    /// code, currency, origin, entry point, emergency) is checked by the store with the same care.
    public func checked(today: Day) throws(DomainError) -> CheckedDeclaration {
        var problems = ProblemList()
        let reference = self.reference.trimmedCell
        if reference.isEmpty || reference.count > 40 { problems.add(field: "reference", "must be 1 to 40 characters") }
        if consignee.trimmedCell.isEmpty { problems.add(field: "consignee", "is required") }
        let destination = CountryCode(self.destination)
        if destination == nil { problems.add(field: "destination", "must be an ISO alpha-2 code") }
        if !EntryPoint.isWellFormedCode(entryPoint) {
            problems.add(field: "entry_point", "must be an entry point's code: its UN/LOCODE such as KENBO, or one such as KE-NAMANGA")
        }
        let mode = TransportMode(rawValue: transportMode)
        if mode == nil {
            problems.add(field: "transport_mode", "must be one of \(TransportMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var arrival: Day?
        if let raw = expectedArrival, !raw.isEmpty {
            arrival = Day.parse(raw)
            if arrival == nil { problems.add(field: "expected_arrival", "must be a date (YYYY-MM-DD)") }
        }
        var particulars = CheckedParticulars()
        if let raw = transportDocumentType?.trimmedCell, !raw.isEmpty {
            particulars.transportDocumentType = TransportDocumentType(rawValue: raw)
            if particulars.transportDocumentType == nil {
                problems.add(
                    field: "transport_document_type",
                    "must be one of \(TransportDocumentType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let raw = transportDocument?.trimmedCell, !raw.isEmpty {
            switch (particulars.transportDocumentType ?? mode.map(TransportDocumentType.usual(for:)))?.checked(raw) {
            case .success(let number): particulars.transportDocument = number
            case .failure(let problem): problems.add(field: "transport_document", problem.phrase)
            case nil: particulars.transportDocument = raw
            }
        }
        if let packages {
            if packages <= 0 || packages > 1_000_000 { problems.add(field: "packages", "must be a whole number from 1 to 1,000,000") }
            particulars.packages = packages
        }
        if let kind = packagesKind?.trimmedCell, !kind.isEmpty {
            if kind.count > 35 { problems.add(field: "packages_kind", "at most 35 characters") }
            particulars.packagesKind = kind
        }
        if lines.isEmpty { problems.add(field: "lines", "a declaration needs at least one line") }
        if lines.count > Self.maximumLines {
            problems.add(
                field: "lines", "a declaration has at most \(Self.maximumLines) lines; this one has \(lines.count): split the consignment")
        }
        var checked: [CheckedDeclarationLine] = []
        for (index, line) in lines.enumerated() where lines.count <= Self.maximumLines {
            func fail(_ field: String, _ message: Phrase) {
                problems.add(Problem(row: index + 1, field: "lines[\(index)].\(field)", problem: message))
            }
            if line.description.trimmedCell.isEmpty { fail("description", "is required") }
            let hs = HSCode(line.hsCode)
            if hs == nil || hs!.level < 6 {
                fail("hs_code", "'\(line.hsCode)' must have 6 digits (a national extension up to 10 is allowed)")
            }
            var quantity: Quantity?
            switch Quantity.parse(line.quantity) {
            case .success(let q) where q > .zero: quantity = q
            case .success: fail("quantity", "must be more than 0")
            case .failure(let problem): fail("quantity", "'\(line.quantity)' \(problem)")
            }
            var value: Quantity?
            let noCommercialValue = line.noCommercialValue ?? false
            switch noCommercialValue && line.value.trimmedCell.isEmpty ? .success(.zero) : Quantity.parse(line.value) {
            case .success(let v) where v >= .zero: value = v
            case .success: fail("value", "must not be negative")
            case .failure(let problem): fail("value", "'\(line.value)' \(problem)")
            }
            if !(line.grossKg > 0) || !line.grossKg.isFinite { fail("gross_kg", "must be more than 0") }
            if line.unit.trimmedCell.isEmpty { fail("unit", "is required") }
            let currency = line.currency.trimmedCell.uppercased()
            if currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isLetter }) {
                fail("currency", "must be an ISO 4217 code such as USD")
            }
            let origin = CountryCode(line.origin)
            if origin == nil { fail("origin", "must be an ISO alpha-2 code") }
            var reExport: Day?
            if line.temporaryAdmission == true {
                reExport = line.reExportBy.flatMap { Day.parse($0) }
                if reExport == nil {
                    fail("re_export_by", "temporary admission needs a re-export date")
                } else if reExport! <= today {
                    fail("re_export_by", "must be after today")
                }
            }
            if let hs, hs.level >= 6, let quantity, let value, let origin {
                checked.append(
                    CheckedDeclarationLine(
                        description: line.description.trimmedCell, itemCode: line.itemCode?.uppercased(),
                        hsCode: hs, quantity: quantity, unit: line.unit.trimmedCell, grossKg: line.grossKg,
                        value: value, currency: currency, origin: origin.value, reExportBy: reExport,
                        noCommercialValue: noCommercialValue))
            }
        }
        try problems.check()
        return CheckedDeclaration(
            reference: reference, destination: destination!, mode: mode!, expectedArrival: arrival, lines: checked,
            particulars: particulars)
    }
}

extension DeclarationInput {
    /// Freight and insurance as declared: amounts not below zero, in a currency that is named, or
    /// that all lines share.
    public func checkedCosts() throws(DomainError) -> TransportCosts {
        var problems = ProblemList()
        func amount(_ raw: String?, _ field: String) -> Quantity? {
            guard let raw, !raw.trimmedCell.isEmpty else { return nil }
            switch Quantity.parse(raw) {
            case .success(let value) where value >= .zero: return value
            case .success: problems.add(field: field, "must not be negative")
            case .failure(let problem): problems.add(field: field, "'\(raw)' \(problem)")
            }
            return nil
        }
        let freight = amount(self.freight, "freight"), insurance = amount(self.insurance, "insurance")
        var currency = costsCurrency?.trimmedCell.uppercased()
        if currency?.isEmpty == true { currency = nil }
        if let code = currency, code.count != 3 || !code.allSatisfy({ $0.isASCII && $0.isLetter }) {
            problems.add(field: "costs_currency", "must be an ISO 4217 code such as USD")
        }
        if currency == nil, freight != nil || insurance != nil {
            let lineCurrencies = Set(lines.map { $0.currency.trimmedCell.uppercased() })
            if lineCurrencies.count == 1 {
                currency = lineCurrencies.first
            } else {
                problems.add(field: "costs_currency", "the lines are in several currencies: name the currency of freight and insurance")
            }
        }
        try problems.check()
        return TransportCosts(freight: freight, insurance: insurance, currency: freight == nil && insurance == nil ? nil : currency)
    }
}
