import CorridorCore
import CorridorStore
import Foundation
import Hummingbird

/// The exchange rates each country's customs keeps: read by anyone signed in, entered by that
/// country's customs officers (or an administrator).
struct ExchangeRateController {
    let store: Store

    /// A rate as a string ("129.5") or a JSON number, read from its digits.
    struct RateBody: Decodable {
        var currency: String
        var date: String
        var rate: String
        enum CodingKeys: String, CodingKey { case currency, date, rate }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            currency = try container.decode(String.self, forKey: .currency)
            date = try container.decode(String.self, forKey: .date)
            if let written = try? container.decode(String.self, forKey: .rate) {
                rate = written
            } else {
                rate = "\(try container.decode(Decimal.self, forKey: .rate))"
            }
        }
    }

    func addRoutes(to group: RouterGroup<CorridorRequestContext>) {
        group.get("countries/{iso}/exchange-rates") { request, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to see exchange rates") }
            return try await store.exchangeRates.table(country: try request.country(context))
        }
        group.post("countries/{iso}/exchange-rates") { request, context in
            let iso = try request.country(context)
            try Policy.authorize(context.actor, .manageExchangeRates, .country(iso))
            let body = try await request.decodeJSON(RateBody.self, context: context)
            let entry = try await store.exchangeRates.set(
                country: iso, ExchangeRateInput(currency: body.currency, date: body.date, rate: body.rate), by: context.actor)
            return EditedResponse(status: .created, response: entry)
        }
    }
}

extension ExchangeRateRepository.Table: ResponseEncodable {}
extension ExchangeRateRepository.Entry: ResponseEncodable {}
