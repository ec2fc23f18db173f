import CorridorCore
import Foundation

/// Fictitious demo exchange rates (round figures, not any administration's), dated before the
/// demo's history so that its consignments lodge; a real customs administration enters its own.
enum DemoExchangeRates {
    static let rates: [(country: String, currency: String, rate: String)] = [
        ("KE", "USD", "129.5"), ("KE", "EUR", "140.25"),
        ("NP", "USD", "133.2"), ("NP", "EUR", "144.8"),
        ("PH", "USD", "56.1"), ("PH", "EUR", "61"),
        ("HT", "USD", "131.5"), ("HT", "EUR", "142.9"),
        ("TR", "USD", "34.2"), ("TR", "EUR", "37.1"),
        ("MZ", "USD", "63.9"), ("MZ", "EUR", "69.4"),
    ]

    static func load(into store: Store, today: Day) async throws {
        guard try await store.exchangeRates.table(country: "KE").rates.isEmpty else { return }
        for entry in rates {
            _ = try await store.exchangeRates.set(
                country: entry.country,
                ExchangeRateInput(currency: entry.currency, date: today.adding(days: -400).description, rate: entry.rate), by: .console)
        }
    }
}
