import Foundation

/// Freight and insurance to the border, as declared for the whole consignment; nil when unknown.
public struct TransportCosts: Sendable, Equatable, Codable {
    public var freight: Quantity?
    public var insurance: Quantity?
    /// The currency both are in.
    public var currency: String?

    public init(freight: Quantity? = nil, insurance: Quantity? = nil, currency: String? = nil) {
        (self.freight, self.insurance, self.currency) = (freight, insurance, currency)
    }
}

/// The customs value of a consignment: CIF (goods + freight + insurance to the border) in the
/// national currency, line by line.
public struct CustomsValuation: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var hsCode: HSCode
        /// The goods' value in the national currency.
        public var goods: Quantity
        public var freight: Quantity
        public var insurance: Quantity
        public var customsValue: Quantity { goods + freight + insurance }
    }

    public var currency: String
    public var lines: [Line]
    public var freightAssumed: Bool
    public var insuranceAssumed: Bool

    public var goods: Quantity { lines.reduce(.zero) { $0 + $1.goods } }
    public var freight: Quantity { lines.reduce(.zero) { $0 + $1.freight } }
    public var insurance: Quantity { lines.reduce(.zero) { $0 + $1.insurance } }
    public var customsValue: Quantity { lines.reduce(.zero) { $0 + $1.customsValue } }
}

public enum Valuation {
    /// Planning assumption, not a rule of any tariff: when freight or insurance is not declared,
    /// it is taken as this share of the goods' value, and the certificate says so.
    public static let assumedFreightPercent = 20.0
    public static let assumedInsurancePercent = 1.125

    public static var assumptionText: String {
        "planning assumption: freight \(percentText(assumedFreightPercent)) % and insurance \(percentText(assumedInsurancePercent)) % "
            + "of the goods' value where they were not declared"
    }

    static func percentText(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    public enum Failure: Error, Sendable, Equatable {
        /// No recorded rate converts this currency to the national one.
        case noRate(String)
        case tooLarge
    }

    /// CIF per line in the national currency. Declared freight and insurance are converted with
    /// the recorded rates and shared out over the lines by their goods' value (the last line takes
    /// the rounding); what was not declared is the assumed share of each line's goods.
    public static func value(
        lines: [(hsCode: HSCode, value: Quantity, currency: String)], costs: TransportCosts, national: String, rates: [ExchangeRate]
    ) -> Result<CustomsValuation, Failure> {
        var goods: [Quantity] = []
        for line in lines {
            guard let converted = ExchangeRates.convert(line.value, from: line.currency, to: national, national: national, rates: rates)
            else { return .failure(.noRate(line.currency)) }
            goods.append(converted)
        }
        func declared(_ amount: Quantity?) -> Result<Quantity?, Failure> {
            guard let amount else { return .success(nil) }
            let currency = costs.currency ?? lines.first?.currency ?? national
            guard let converted = ExchangeRates.convert(amount, from: currency, to: national, national: national, rates: rates) else {
                return .failure(.noRate(currency))
            }
            return .success(converted)
        }
        let freight: Quantity?, insurance: Quantity?
        switch (declared(costs.freight), declared(costs.insurance)) {
        case (.success(let f), .success(let i)): (freight, insurance) = (f, i)
        case (.failure(let p), _), (_, .failure(let p)): return .failure(p)
        }
        let freightShares = freight.map { share($0, over: goods) } ?? goods.map { percent($0, assumedFreightPercent) }
        let insuranceShares = insurance.map { share($0, over: goods) } ?? goods.map { percent($0, assumedInsurancePercent) }
        return .success(
            CustomsValuation(
                currency: national,
                lines: lines.indices.map { i in
                    CustomsValuation.Line(
                        hsCode: lines[i].hsCode, goods: goods[i], freight: freightShares[i], insurance: insuranceShares[i])
                },
                freightAssumed: freight == nil, insuranceAssumed: insurance == nil))
    }

    /// `value × percent / 100` to the cent, half away from zero; the percent is kept to a
    /// thousandth (1.125 %), which duty rates never need.
    static func percent(_ value: Quantity, _ percent: Double) -> Quantity {
        let raw = Int128(value.milli) * Int128((percent * 1000).rounded())
        let (cents, rest) = raw.quotientAndRemainder(dividingBy: 1_000_000)
        let rounded = cents + (rest.magnitude * 2 >= 1_000_000 ? (rest < 0 ? -1 : 1) : 0)
        return Quantity(milli: Int64(rounded) * 10)
    }

    /// `total` shared over `weights` in proportion, to the cent; the last takes what rounding left.
    static func share(_ total: Quantity, over weights: [Quantity]) -> [Quantity] {
        guard !weights.isEmpty else { return [] }
        let sum = weights.reduce(Int128(0)) { $0 + Int128($1.milli) }
        var shares: [Quantity] = []
        var given: Int64 = 0
        for (index, weight) in weights.enumerated() {
            if index == weights.count - 1 {
                shares.append(Quantity(milli: total.milli - given))
            } else {
                let raw = sum == 0 ? Int128(total.milli) / Int128(weights.count) : Int128(total.milli) * Int128(weight.milli) / sum
                let cents = Int64(raw) / 10 * 10
                shares.append(Quantity(milli: cents))
                given += cents
            }
        }
        return shares
    }
}
