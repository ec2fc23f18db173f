import CorridorCore
import Foundation

/// Indicative unit values for a few demo catalogue items, so the value-per-kg indicator has a
/// yardstick in the demo. Round figures of the order seen in humanitarian catalogues, for
/// demonstration only: administrators set their own through the API.
enum DemoValues {
    static let usdPerUnit: [(code: String, usd: Quantity)] = [
        ("SHE-TENT-FAM", Quantity(units: 450)), ("SHE-TARP-4X6", Quantity(units: 20)), ("SHE-TARP-4X5", Quantity(units: 17)),
        ("NFI-BLKT-HT", Quantity(units: 8)), ("NFI-KIT-KITCHEN", Quantity(units: 35)), ("NFI-LAMP-SOLAR", Quantity(units: 12)),
        ("WSH-JCAN-C10", Quantity(units: 3)), ("WSH-KIT-HYGIENE", Quantity(units: 25)), ("WSH-TABS-NADCC", Quantity(milli: 20)),
        ("FOO-RICE", Quantity(milli: 600)), ("HEA-LLIN", Quantity(units: 4)), ("NUT-RUTF", Quantity(units: 55)),
    ]

    static func load(into store: Store) async throws {
        for (code, usd) in usdPerUnit where try await store.items.find(code: code)?.valueUSD == nil {
            _ = try await store.items.setIndicativeValue(code: code, valueUSD: usd, by: .console)
        }
    }
}
