import CorridorCore
import Testing

/// CIF valuation in the national currency at the rates recorded at lodgement; hand-computed cases.
@Suite struct ValuationTests {
    static func day(_ text: String) -> Day { Day.parse(text)! }
    static let usd = ExchangeRate(currency: "USD", date: day("2026-11-01"), rateMicro: 129_500_000)
    static let eur = ExchangeRate(currency: "EUR", date: day("2026-11-01"), rateMicro: 140_250_000)

    @Test func ratesAreExactDecimalsWithAtMostSixPlaces() throws {
        #expect(ExchangeRate.parseRate("129.5") == 129_500_000)
        #expect(ExchangeRate.parseRate("0.007812") == 7_812)
        #expect(ExchangeRate.parseRate("1") == 1_000_000)
        #expect(ExchangeRate.parseRate("1.1234567") == nil, "seven decimals")
        #expect(ExchangeRate.parseRate("-1") == nil)
        #expect(ExchangeRate.parseRate("0") == nil)
        #expect(ExchangeRate.parseRate("12.") == nil)
        #expect(ExchangeRate.parseRate("1,5") == nil)
        #expect(Self.usd.rateText == "129.5")
        #expect(ExchangeRate.text(micro: 7_812) == "0.007812")
        #expect(Self.usd.toNational(Quantity(units: 30_000)) == Quantity(units: 3_885_000))
        #expect(throws: DomainError.self) {
            try ExchangeRateInput(currency: "KES", date: "2026-11-01", rate: "1").validated(national: "KES")
        }
        #expect(throws: DomainError.self) {
            try ExchangeRateInput(currency: "US", date: "2026-13-01", rate: "x").validated(national: "KES")
        }
        #expect(try ExchangeRateInput(currency: "usd", date: "2026-11-01", rate: "129.5").validated(national: "KES") == Self.usd)
    }

    @Test func theRateInForceIsTheLatestOnOrBeforeTheDay() throws {
        let later = ExchangeRate(currency: "USD", date: Self.day("2026-12-01"), rateMicro: 130_000_000)
        let table = [later, Self.usd, Self.eur]
        #expect(ExchangeRates.inForce("USD", on: Self.day("2026-11-30"), in: table) == Self.usd)
        #expect(ExchangeRates.inForce("USD", on: Self.day("2026-12-01"), in: table) == later)
        #expect(ExchangeRates.inForce("USD", on: Self.day("2026-10-31"), in: table) == nil)
        // Lodgement records a rate for every foreign currency, and the dollar's when kept.
        #expect(
            try ExchangeRates.atLodgement(
                currencies: ["USD", "KES"], national: "KES", country: "KE", on: Self.day("2026-11-15"), table: table)
                == [Self.usd])
        #expect(
            try ExchangeRates.atLodgement(currencies: ["EUR"], national: "KES", country: "KE", on: Self.day("2026-11-15"), table: table)
                == [Self.eur, Self.usd])
        do {
            _ = try ExchangeRates.atLodgement(
                currencies: ["CHF", "USD"], national: "KES", country: "KE", on: Self.day("2026-11-15"), table: table)
            Issue.record("lodged without a rate for CHF")
        } catch {
            #expect(error.message.contains("no exchange rate for CHF"), "\(error.message)")
            #expect(error.message.contains("assessed in KES"))
        }
        #expect(
            try ExchangeRates.atLodgement(currencies: ["KES"], national: "KES", country: "KE", on: Self.day("2020-01-01"), table: [])
                .isEmpty)
    }

    @Test func valuePerKgComparesInDollarsThroughTheRecordedRates() {
        // 60,000 EUR at 140.25 KES, the dollar at 129.5 KES: 64,980.694... USD.
        let dollars = ExchangeRates.convert(Quantity(units: 60_000), from: "EUR", to: "USD", national: "KES", rates: [Self.usd, Self.eur])
        #expect(dollars == Quantity(milli: 64_980_695))
        #expect(
            ExchangeRates.convert(Quantity(units: 100), from: "KES", to: "USD", national: "KES", rates: [Self.usd]) == Quantity(milli: 772))
        #expect(ExchangeRates.convert(Quantity(units: 100), from: "EUR", to: "USD", national: "KES", rates: [Self.usd]) == nil)
        let tent = ConsignmentPlausibility.CatalogueFacts(weightKgPerUnit: 45, valueUSDPerUnit: Quantity(units: 300))
        // (64,980.695 / 9,000) / (300 / 45) = 1.083...
        let ratio = ConsignmentPlausibility.valuePerKgRatio(valueUSD: dollars, grossKg: 9_000, catalogue: tent)
        #expect(ratio.map { abs($0 - 64_980.695 / 9_000 / (300.0 / 45)) < 1e-9 } == true)
    }

    static let lines: [(hsCode: HSCode, value: Quantity, currency: String)] = [
        (HSCode("630622")!, Quantity(units: 30_000), "USD"), (HSCode("282810")!, Quantity(units: 10_000), "EUR"),
    ]

    /// Nothing declared: freight 20 % and insurance 1.125 % of the goods (planning assumption).
    @Test func undeclaredFreightAndInsuranceAreTheAssumedShares() throws {
        let valuation = try Valuation.value(lines: Self.lines, costs: TransportCosts(), national: "KES", rates: [Self.usd, Self.eur]).get()
        #expect(valuation.freightAssumed && valuation.insuranceAssumed)
        // 30,000 × 129.5 = 3,885,000; 10,000 × 140.25 = 1,402,500.
        #expect(valuation.lines.map(\.goods) == [Quantity(units: 3_885_000), Quantity(units: 1_402_500)])
        #expect(valuation.lines.map(\.freight) == [Quantity(units: 777_000), Quantity(units: 280_500)])
        // 1.125 % of 1,402,500 = 15,778.125, rounded half away from zero to the cent.
        #expect(valuation.lines.map(\.insurance) == [Quantity(milli: 43_706_250), Quantity(milli: 15_778_130)])
        #expect(valuation.lines.map(\.customsValue) == [Quantity(milli: 4_705_706_250), Quantity(milli: 1_698_778_130)])
        #expect(valuation.customsValue == Quantity(milli: 6_404_484_380))
        #expect(Valuation.assumptionText.contains("planning assumption: freight 20 % and insurance 1.125 %"))
    }

    /// Declared in dollars: converted, then shared by the goods' value; the last line takes the rounding.
    @Test func declaredFreightAndInsuranceAreSharedByValue() throws {
        let costs = TransportCosts(freight: Quantity(units: 5_000), insurance: Quantity(units: 400), currency: "USD")
        let valuation = try Valuation.value(lines: Self.lines, costs: costs, national: "KES", rates: [Self.usd, Self.eur]).get()
        #expect(!valuation.freightAssumed && !valuation.insuranceAssumed)
        // 5,000 × 129.5 = 647,500 over 3,885,000 : 1,402,500 → 475,751.77 and 171,748.23.
        #expect(valuation.lines.map(\.freight) == [Quantity(milli: 475_751_770), Quantity(milli: 171_748_230)])
        // 400 × 129.5 = 51,800 → 38,060.14 and 13,739.86.
        #expect(valuation.lines.map(\.insurance) == [Quantity(milli: 38_060_140), Quantity(milli: 13_739_860)])
        #expect(valuation.freight == Quantity(units: 647_500) && valuation.insurance == Quantity(units: 51_800))
        #expect(valuation.customsValue == Quantity(units: 3_885_000 + 1_402_500 + 647_500 + 51_800))
        // Duty 25 % on the CIF value of the tents' line, VAT 16 % on value plus duty.
        let assessed = Exemption.assess(
            lines: valuation.lines.map { ($0.hsCode, $0.customsValue) }, currency: "KES",
            rates: DutyRateTable(bands: [.init(firstChapter: 1, lastChapter: 97, dutyPercent: 25, taxPercent: 16)]), waiverOn: true)
        // 3,885,000 + 475,751.77 + 38,060.14 = 4,398,811.91; 25 % = 1,099,702.9775 → 1,099,702.98.
        #expect(assessed.lines[0].duty == Quantity(milli: 1_099_702_980))
        #expect(assessed.currency == "KES" && assessed.payable == .zero)
    }

    @Test func aLineWithoutARecordedRateCannotBeValued() {
        let result = Valuation.value(lines: Self.lines, costs: TransportCosts(), national: "KES", rates: [Self.usd])
        #expect(result == .failure(.noRate("EUR")))
    }
}
