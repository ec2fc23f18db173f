import CorridorCore
import CorridorLanguages
import CorridorStore
import Foundation

/// The certificate's customs value and assessment: CIF in the national currency at the rates
/// recorded at lodgement; without a national currency on file, each declared currency on its own,
/// and the certificate says so.
enum ReleaseNoteValuation {
    static func make(
        _ d: DeclarationView, rates: DutyRateTable, waiver: Bool, minorUnits: [String: Int]
    ) -> (assessments: [ReleaseNotePageView.Assessment], valuation: ReleaseNotePageView.Valuation) {
        func money(_ amount: Quantity, _ currency: String) -> String { Numbers.money(amount, decimals: minorUnits[currency] ?? 2) }
        let lines = d.lines.compactMap { line in HSCode(line.hsCode).map { (hsCode: $0, value: line.value, currency: line.currency) } }
        if let national = d.nationalCurrency,
            case .success(let valued) = Valuation.value(lines: lines, costs: d.transportCosts, national: national, rates: d.exchangeRates)
        {
            let assessed = Exemption.assess(
                lines: valued.lines.map { ($0.hsCode, $0.customsValue) }, currency: national, rates: rates, waiverOn: waiver)
            let assumption = Self.assumption(freight: valued.freightAssumed, insurance: valued.insuranceAssumed)
            let rates = d.exchangeRates.filter { rate in
                lines.contains { $0.currency == rate.currency } || rate.currency == d.transportCosts.currency
            }
            let view = ReleaseNotePageView.Valuation(
                hasValuation: true, currency: national,
                lines: zip(d.lines, valued.lines).map { line, value in
                    .init(
                        no: line.lineNo, hs: line.hsCode, goods: money(value.goods, national), freight: money(value.freight, national),
                        insurance: money(value.insurance, national), customsValue: money(value.customsValue, national))
                },
                goods: money(valued.goods, national), freight: money(valued.freight, national),
                insurance: money(valued.insurance, national), customsValue: money(valued.customsValue, national),
                rates: rates.map { .init(currency: $0.currency, rate: $0.rateText, date: $0.date.description) },
                ratesText: rates.map {
                    L("1 \($0.currency) = \($0.rateText) \(national) (in force from \(Localizer.current.date($0.date)))")
                }
                .joined(separator: "; "),
                hasRates: !rates.isEmpty,
                hasAssumption: assumption != nil, assumption: assumption ?? "",
                note: "")
            return ([ReleaseNoteValuationFormat.assessment(assessed, decimals: minorUnits[national] ?? 2)], view)
        }
        let byCurrency = Dictionary(grouping: lines, by: \.currency)
        let assessments = byCurrency.keys.sorted().map { currency in
            ReleaseNoteValuationFormat.assessment(
                Exemption.assess(
                    lines: byCurrency[currency]!.map { ($0.hsCode, $0.value) }, currency: currency, rates: rates, waiverOn: waiver),
                decimals: minorUnits[currency] ?? 2)
        }
        return (
            assessments,
            ReleaseNotePageView.Valuation(
                hasValuation: false, currency: "", lines: [], goods: "", freight: "", insurance: "", customsValue: "", rates: [],
                ratesText: "", hasRates: false,
                hasAssumption: false, assumption: "",
                note: L(
                    "No national currency is on file for \(d.destination): duties are shown in each declared currency, on the declared value of the goods."
                ))
        )
    }
}

extension ReleaseNoteValuation {
    /// What the certificate says when freight or insurance was not declared and was assumed.
    static func assumption(freight: Bool, insurance: Bool) -> String? {
        func share(_ percent: Double) -> String {
            Localizer.current.number(percent == percent.rounded() ? String(Int(percent)) : String(percent))
        }
        let freightShare = share(Valuation.assumedFreightPercent)
        let insuranceShare = share(Valuation.assumedInsurancePercent)
        let rule = L(
            "planning assumption: freight \(freightShare) % and insurance \(insuranceShare) % of the goods' value where they were not declared"
        )
        switch (freight, insurance) {
        case (true, true): return L("Freight and insurance not declared: \(rule).")
        case (true, false): return L("Freight not declared: \(rule).")
        case (false, true): return L("Insurance not declared: \(rule).")
        case (false, false): return nil
        }
    }
}

enum ReleaseNoteValuationFormat {
    /// Amounts with the currency's minor unit: a certificate never prints 165,050.4.
    static func assessment(_ a: ExemptionAssessment, decimals: Int) -> ReleaseNotePageView.Assessment {
        func money(_ amount: Quantity) -> String { Numbers.money(amount, decimals: decimals) }
        return .init(
            currency: a.currency, duty: money(a.duty), tax: money(a.tax), total: money(a.total), waived: money(a.waived),
            payable: money(a.payable))
    }
}
