/// Duty and tax rates of one country by HS chapter, as its customs administration sets them.
public struct DutyRateTable: Sendable, Equatable, Codable {
    public struct Band: Sendable, Equatable, Codable {
        public var firstChapter: Int
        public var lastChapter: Int
        public var dutyPercent: Double
        public var taxPercent: Double

        public init(firstChapter: Int, lastChapter: Int, dutyPercent: Double, taxPercent: Double) {
            (self.firstChapter, self.lastChapter, self.dutyPercent, self.taxPercent) = (firstChapter, lastChapter, dutyPercent, taxPercent)
        }
    }

    /// Later bands override earlier ones, so a table reads: fallback first, then the exceptions.
    public var bands: [Band]

    public init(bands: [Band]) { self.bands = bands }

    public func rates(for code: HSCode) -> (duty: Double, tax: Double) {
        let chapter = Int(code.chapter) ?? 0
        let band = bands.last { $0.firstChapter <= chapter && chapter <= $0.lastChapter }
        return (band?.dutyPercent ?? 0, band?.taxPercent ?? 0)
    }
}

/// What a consignment would owe, and what the emergency waives.
public struct ExemptionAssessment: Sendable, Equatable, Codable {
    public struct Line: Sendable, Equatable, Codable {
        public var hsCode: String
        public var value: Quantity
        public var dutyPercent: Double
        public var taxPercent: Double
        public var duty: Quantity
        public var tax: Quantity
    }

    public var lines: [Line]
    public var currency: String
    public var duty: Quantity
    public var tax: Quantity
    public var total: Quantity { duty + tax }
    /// Waived under the emergency's duty and tax waiver; zero when it is off.
    public var waived: Quantity
    public var payable: Quantity { Quantity(milli: total.milli - waived.milli) }
}

public enum Exemption {
    /// Duty on the customs value; tax (VAT and the like) on value plus duty, rounded to the cent
    /// per line so the certificate adds up line by line.
    public static func assess(
        lines: [(hsCode: HSCode, value: Quantity)], currency: String, rates: DutyRateTable,
        waiverOn: Bool
    ) -> ExemptionAssessment {
        var assessed: [ExemptionAssessment.Line] = []
        for line in lines {
            let (dutyPercent, taxPercent) = rates.rates(for: line.hsCode)
            let duty = percent(line.value, dutyPercent)
            let tax = percent(line.value + duty, taxPercent)
            assessed.append(
                .init(
                    hsCode: line.hsCode.digits, value: line.value, dutyPercent: dutyPercent, taxPercent: taxPercent,
                    duty: duty, tax: tax))
        }
        let duty = assessed.reduce(Quantity.zero) { $0 + $1.duty }
        let tax = assessed.reduce(Quantity.zero) { $0 + $1.tax }
        return ExemptionAssessment(lines: assessed, currency: currency, duty: duty, tax: tax, waived: waiverOn ? duty + tax : .zero)
    }

    /// `value × percent / 100`, rounded half away from zero to the cent (10 milli-units).
    static func percent(_ value: Quantity, _ percent: Double) -> Quantity {
        let basisPoints = Int64((percent * 100).rounded())
        let raw = value.milli * basisPoints
        let cents = (raw + (raw >= 0 ? 50_000 : -50_000)) / 100_000
        return Quantity(milli: cents * 10)
    }
}
