import CorridorCore
import Foundation
import SQLKit

/// The exchange rates each country's customs keeps (no online feed): a rate per currency from a
/// date, entered by its officers; lodgement records the ones in force.
public struct ExchangeRateRepository: Sendable {
    let database: Database

    public struct Entry: Sendable, Codable, Equatable {
        public var currency: String
        public var date: String
        /// National currency per one unit of `currency`.
        public var rate: String
        public var enteredBy: String
        public var enteredAt: Int64
    }

    public struct Table: Sendable, Codable, Equatable {
        public var country: String
        /// Nil when no national currency is on file: declarations are then assessed in their own currencies.
        public var nationalCurrency: String?
        /// Newest first.
        public var rates: [Entry]
    }

    public func table(country: String) async throws -> Table {
        let iso = country.uppercased()
        return try await database.read { db in
            guard try await ReferenceRepository.countryExists(iso, on: db) else { throw DomainError.notFound("no country \(iso)") }
            let national = try await Self.nationalCurrency(of: iso, on: db)
            let rates = try await db.raw(
                "SELECT * FROM exchange_rates WHERE country = \(bind: iso) ORDER BY rate_date DESC, currency"
            ).all().map { row in
                Entry(
                    currency: try row.string("currency"), date: try row.string("rate_date"),
                    rate: ExchangeRate.text(micro: try row.int64("rate_micro")),
                    enteredBy: try row.string("entered_by"), enteredAt: try row.int64("entered_at"))
            }
            return Table(country: iso, nationalCurrency: national, rates: rates)
        }
    }

    /// Enters (or corrects) the rate of a currency from a date.
    public func set(country: String, _ input: ExchangeRateInput, by actor: Actor, at time: Int64 = UnixTime.now()) async throws -> Entry {
        let iso = country.uppercased()
        try Policy.authorize(actor, .manageExchangeRates, .country(iso))
        return try await database.transaction { db in
            guard try await ReferenceRepository.countryExists(iso, on: db) else { throw DomainError.notFound("no country \(iso)") }
            guard let national = try await Self.nationalCurrency(of: iso, on: db) else {
                throw DomainError.conflict("no national currency is on file for \(iso): its rates cannot be kept yet")
            }
            let rate = try input.validated(national: national)
            guard try await db.raw("SELECT code FROM currencies WHERE code = \(bind: rate.currency)").first() != nil else {
                throw DomainError.invalid(field: "currency", "'\(rate.currency)' is not an ISO 4217 currency")
            }
            let by = DeclarationAudit.actorName(actor)
            try await db.raw(
                "DELETE FROM exchange_rates WHERE country = \(bind: iso) AND currency = \(bind: rate.currency) AND rate_date = \(bind: rate.date.description)"
            ).run()
            try await db.raw(
                """
                INSERT INTO exchange_rates (country, currency, rate_date, rate_micro, entered_by, entered_at)
                VALUES (\(bind: iso), \(bind: rate.currency), \(bind: rate.date.description), \(bind: rate.rateMicro), \(bind: by), \(bind: time))
                """
            ).run()
            return Entry(currency: rate.currency, date: rate.date.description, rate: rate.rateText, enteredBy: by, enteredAt: time)
        }
    }

    static func nationalCurrency(of country: String, on db: any SQLDatabase) async throws -> String? {
        try await db.raw("SELECT currency FROM national_currencies WHERE country = \(bind: country)").first()?.string("currency")
    }

    static func rates(of country: String, on db: any SQLDatabase) async throws -> [ExchangeRate] {
        try await db.raw("SELECT currency, rate_date, rate_micro FROM exchange_rates WHERE country = \(bind: country)").all().compactMap {
            row -> ExchangeRate? in
            guard let day = Day.parse(try row.string("rate_date")) else { return nil }
            return ExchangeRate(currency: try row.string("currency"), date: day, rateMicro: try row.int64("rate_micro"))
        }
    }

    /// Recorded rates as stored on a declaration: one "USD 2026-11-30 129.5" per line.
    static func encode(_ rates: [ExchangeRate]) -> String {
        rates.map { "\($0.currency) \($0.date) \($0.rateText)" }.joined(separator: "\n")
    }

    static func decode(_ text: String?) -> [ExchangeRate] {
        (text ?? "").split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, let day = Day.parse(String(parts[1])), let micro = ExchangeRate.parseRate(String(parts[2])) else {
                return nil
            }
            return ExchangeRate(currency: String(parts[0]), date: day, rateMicro: micro)
        }
    }
}
