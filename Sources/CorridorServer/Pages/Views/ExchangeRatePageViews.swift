import Foundation

/// A country's exchange rates and the form its customs officers enter them with.
struct ExchangeRatesPageView: PageView {
    static let template = "exchange-rates"

    struct Rate: Sendable {
        let currency: String
        let date: String
        let rate: String
        let enteredBy: String
        let enteredAt: String
    }

    let country: String
    let nationalCurrency: String
    let hasNationalCurrency: Bool
    let rates: [Rate]
    let hasRates: Bool
    /// What the form shows: typed values after a refusal, else USD today.
    let currency: String
    let date: String
    let rate: String
    let saved: String?
    let error: String?
    let problems: [FieldProblem]
}
