import CorridorCore
import Foundation
import SQLKit

/// What lodgement records for valuation: the national currency and the exchange rates in force.
enum LodgementRates {
    /// Nil when the destination has no national currency on file (its declarations are assessed
    /// in their own currencies); refused, naming the currency, when a rate is missing.
    static func record(_ declaration: DeclarationView, today: Day, on db: any SQLDatabase) async throws -> (
        national: String, rates: [ExchangeRate]
    )? {
        guard let national = try await ExchangeRateRepository.nationalCurrency(of: declaration.destination, on: db) else { return nil }
        let currencies = Set(declaration.lines.map(\.currency) + [declaration.transportCosts.currency].compactMap { $0 })
        let rates = try ExchangeRates.atLodgement(
            currencies: currencies, national: national, country: declaration.destination, on: today,
            table: try await ExchangeRateRepository.rates(of: declaration.destination, on: db))
        try await db.raw(
            """
            UPDATE declarations SET national_currency = \(bind: national), lodgement_rates = \(bind: ExchangeRateRepository.encode(rates))
            WHERE id = \(bind: declaration.id)
            """
        ).run()
        return (national, rates)
    }
}
