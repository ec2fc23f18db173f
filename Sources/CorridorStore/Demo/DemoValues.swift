import CorridorCore
import Foundation

/// Indicative unit values for a few demo catalogue items, so the value-per-kg indicator has a
/// yardstick in the demo. Round figures of the order seen in humanitarian catalogues, for
/// demonstration only: administrators set their own through the API.
enum DemoValues {
    static let usdPerUnit: [(code: String, usd: Double)] = [
        ("SHE-TENT-FAM", 450), ("SHE-TARP-4X6", 20), ("SHE-TARP-4X5", 17), ("NFI-BLKT-HT", 8), ("NFI-KIT-KITCHEN", 35),
        ("NFI-LAMP-SOLAR", 12), ("WSH-JCAN-C10", 3), ("WSH-KIT-HYGIENE", 25), ("WSH-TABS-NADCC", 0.02), ("FOO-RICE", 0.6),
        ("HEA-LLIN", 4), ("NUT-RUTF", 55),
    ]

    static func load(into store: Store) async throws {
        for (code, usd) in usdPerUnit where try await store.items.find(code: code)?.valueUSD == nil {
            _ = try await store.items.setIndicativeValue(code: code, valueUSD: usd, by: .console)
        }
    }
}
