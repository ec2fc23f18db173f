import Foundation
import SQLKit

/// Valuation in the national currency: each country's national currency (from duty_rates.json),
/// the exchange rates its customs keeps, and on each declaration the declared freight and
/// insurance and the rates recorded at lodgement.
enum ExchangeRateSchema {
    static let migration = Migration(version: 12, name: "customs: national currencies, exchange rates, freight and insurance") {
        db, dialect in
        try await Migration.run(
            [
                """
                CREATE TABLE national_currencies (
                    country TEXT PRIMARY KEY REFERENCES countries (alpha2), currency TEXT NOT NULL REFERENCES currencies (code))
                """,
                """
                CREATE TABLE exchange_rates (
                    country TEXT NOT NULL REFERENCES countries (alpha2), currency TEXT NOT NULL REFERENCES currencies (code),
                    rate_date TEXT NOT NULL, rate_micro BIGINT NOT NULL, entered_by TEXT NOT NULL, entered_at BIGINT NOT NULL,
                    PRIMARY KEY (country, currency, rate_date))
                """,
                "ALTER TABLE declarations ADD COLUMN freight_milli BIGINT",
                "ALTER TABLE declarations ADD COLUMN insurance_milli BIGINT",
                "ALTER TABLE declarations ADD COLUMN costs_currency TEXT",
                "ALTER TABLE declarations ADD COLUMN national_currency TEXT",
                // The rates in force at lodgement, frozen with it: "USD 2026-11-30 129.5" per line.
                "ALTER TABLE declarations ADD COLUMN lodgement_rates TEXT",
            ], on: db, dialect)
        let countries = try ReferenceFiles.dutyRates().countries ?? []
        try await BulkInsert.insert(
            into: "national_currencies", columns: ["country", "currency"],
            rows: countries.compactMap { c in c.currency.map { [c.country, $0] } }, on: db)
    }
}
