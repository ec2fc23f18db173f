import CorridorCore
import CorridorLanguages
import CorridorStore
import Foundation
import Hummingbird

/// A country's exchange rates, kept by its customs officers here (no online feed): duties are
/// assessed in the national currency at the rate in force at lodgement.
struct ExchangeRatePages {
    let store: Store
    let pages: PageRenderer

    func addRoutes(to router: RouterGroup<CorridorRequestContext>) {
        router.get("customs/exchange-rates") { request, context in
            let iso = try country(QueryParameters(request)["country"], context)
            return try await page(iso, context: context)
        }
        router.post("customs/exchange-rates") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            let iso = try country(fields["country"], context)
            let input = ExchangeRateInput(currency: fields["currency"] ?? "", date: fields["date"] ?? "", rate: fields["rate"] ?? "")
            do {
                let entry = try await store.exchangeRates.set(country: iso, input, by: context.actor)
                return try await page(iso, context: context, saved: "1 \(entry.currency) = \(entry.rate) from \(entry.date)")
            } catch let error as DomainError where error.status == .unprocessableContent || error.status == .conflict {
                return try await page(iso, context: context, fields: fields, error: error)
            }
        }
    }

    private func country(_ raw: String?, _ context: CorridorRequestContext) throws -> String {
        guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to keep exchange rates") }
        let iso = (raw ?? context.actor.customsCountries.first ?? "").uppercased()
        guard CountryCode(iso) != nil else { throw DomainError.invalid(field: "country", "choose a country (?country=KE)") }
        try Policy.authorize(context.actor, .manageExchangeRates, .country(iso))
        return iso
    }

    private func page(
        _ iso: String, context: CorridorRequestContext, fields: [String: String] = [:], saved: String? = nil, error: DomainError? = nil
    ) async throws -> Response {
        let table = try await store.exchangeRates.table(country: iso)
        return pages.page(
            ExchangeRatesPageView(
                country: iso, nationalCurrency: table.nationalCurrency ?? "", hasNationalCurrency: table.nationalCurrency != nil,
                rates: table.rates.map {
                    .init(
                        currency: $0.currency, date: Localizer.current.date(iso: $0.date), rate: $0.rate, enteredBy: $0.enteredBy,
                        enteredAt: Numbers.dateTime($0.enteredAt))
                },
                hasRates: !table.rates.isEmpty, currency: fields["currency"] ?? "USD", date: fields["date"] ?? Day.today().description,
                rate: fields["rate"] ?? "", saved: saved, error: error.map { Localizer.current.message($0) },
                problems: FieldProblem.list(error)
            ), title: L("Exchange rates \(iso)"), context: context, path: "/customs", status: error?.status ?? .ok)
    }
}
