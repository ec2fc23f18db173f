import Foundation

/// A rate of exchange a country's customs keeps: units of its national currency for one unit of
/// `currency`, in force from `date` until a later rate for the same currency.
public struct ExchangeRate: Sendable, Equatable, Codable {
    public var currency: String
    public var date: Day
    /// National currency per unit, in millionths (129.345678 = 129_345_678): exact, no binary fractions.
    public var rateMicro: Int64

    public init(currency: String, date: Day, rateMicro: Int64) {
        (self.currency, self.date, self.rateMicro) = (currency, date, rateMicro)
    }

    public var rateText: String { Self.text(micro: rateMicro) }

    /// A rate as people write it: "129.3457", trailing zeros dropped.
    public static func text(micro rateMicro: Int64) -> String {
        let whole = rateMicro / 1_000_000, fraction = rateMicro % 1_000_000
        guard fraction != 0 else { return "\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    /// A rate is a positive number with at most six decimals, below 100,000,000 (per unit).
    public static func parseRate(_ raw: String) -> Int64? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholeText = parts.first, !wholeText.isEmpty, wholeText.count <= 8,
            wholeText.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        let fraction = parts.count > 1 ? parts[1] : ""
        guard fraction.count <= 6, fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty else {
            return nil
        }
        let micro = Int64(wholeText)! * 1_000_000 + Int64(fraction + String(repeating: "0", count: 6 - fraction.count))!
        return micro > 0 ? micro : nil
    }

    /// `amount` of this currency in the national currency, rounded half away from zero to a thousandth;
    /// nil when it does not fit.
    public func toNational(_ amount: Quantity) -> Quantity? {
        ExchangeRates.scale(amount, by: rateMicro, over: 1_000_000)
    }
}

/// What a customs officer enters: a rate for a currency from a date.
public struct ExchangeRateInput: Sendable, Equatable, Codable {
    public var currency: String
    public var date: String
    public var rate: String

    public init(currency: String, date: String, rate: String) { (self.currency, self.date, self.rate) = (currency, date, rate) }

    public func validated(national: String?) throws(DomainError) -> ExchangeRate {
        var problems = ProblemList()
        let code = currency.trimmingCharacters(in: .whitespaces).uppercased()
        if code.count != 3 || !code.allSatisfy({ $0.isASCII && $0.isLetter }) {
            problems.add(field: "currency", "must be an ISO 4217 code such as USD")
        } else if code == national {
            problems.add(field: "currency", "\(code) is the national currency: its rate is 1")
        }
        let day = Day.parse(date.trimmingCharacters(in: .whitespaces))
        if day == nil { problems.add(field: "date", "must be a date (YYYY-MM-DD)") }
        let micro = ExchangeRate.parseRate(rate)
        if micro == nil {
            problems.add(field: "rate", "'\(rate)' must be a positive number with at most 6 decimals (national currency per 1 \(code))")
        }
        try problems.check()
        return ExchangeRate(currency: code, date: day!, rateMicro: micro!)
    }
}

public enum ExchangeRates {
    /// The rate in force on `day`: the latest dated on or before it.
    public static func inForce(_ currency: String, on day: Day, in table: [ExchangeRate]) -> ExchangeRate? {
        table.filter { $0.currency == currency && $0.date <= day }.max { $0.date < $1.date }
    }

    /// The rates a lodgement records: one for every currency of the declaration that is not the
    /// national one. A currency without a rate in force refuses the lodgement, naming it, since
    /// duties cannot be assessed without it. US dollars are recorded too when a rate is kept
    /// (the catalogue's indicative values are in dollars), but never required.
    public static func atLodgement(
        currencies: Set<String>, national: String, country: String, on day: Day, table: [ExchangeRate]
    ) throws(DomainError) -> [ExchangeRate] {
        var recorded: [ExchangeRate] = []
        var missing: [String] = []
        for currency in currencies.subtracting([national]).sorted() {
            if let rate = inForce(currency, on: day, in: table) { recorded.append(rate) } else { missing.append(currency) }
        }
        if !missing.isEmpty {
            throw DomainError.conflict(
                "no exchange rate for \(missing.joined(separator: ", ")) in force on \(day) in \(country)'s rates table: "
                    + "duties are assessed in \(national), so the customs administration of \(country) enters the rate first",
                missing.map { Problem(field: "currency", problem: "no rate for \($0) on or before \(day)") })
        }
        if national != "USD", !currencies.contains("USD"), let usd = inForce("USD", on: day, in: table) { recorded.append(usd) }
        return recorded
    }

    /// `amount` in `currency` converted to `target` through the national currency with the
    /// recorded rates; nil when a rate is missing.
    public static func convert(_ amount: Quantity, from currency: String, to target: String, national: String, rates: [ExchangeRate])
        -> Quantity?
    {
        if currency == target { return amount }
        func rate(_ code: String) -> Int64? { code == national ? 1_000_000 : rates.first { $0.currency == code }?.rateMicro }
        guard let from = rate(currency), let to = rate(target) else { return nil }
        return scale(amount, by: from, over: to)
    }

    /// amount × numerator / denominator, rounded half away from zero to a thousandth.
    static func scale(_ amount: Quantity, by numerator: Int64, over denominator: Int64) -> Quantity? {
        guard denominator > 0 else { return nil }
        let (quotient, remainder) = (Int128(amount.milli) * Int128(numerator)).quotientAndRemainder(dividingBy: Int128(denominator))
        let rounded = quotient + (remainder.magnitude * 2 >= UInt128(denominator) ? (remainder < 0 ? -1 : 1) : 0)
        return Int64(exactly: rounded).map(Quantity.init(milli:))
    }
}
