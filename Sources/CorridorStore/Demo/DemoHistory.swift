import CorridorCore
import Foundation

/// Nine months of past relief consignments in Kenya, Nepal and the Philippines, so the release-time
/// dashboard has something to measure. Every one goes through the repository with the time it
/// happened, so lanes come from the real selectivity rules and the audit chains are real.
/// A seeded generator keeps the history the same on every load.
enum DemoHistory {
    struct Point {
        var code: String
        var weight: Int
        /// How much slower than a well-run airport this entry point works.
        var slowness: Double
        var mode: TransportMode
    }

    struct PastEmergency {
        var name: String
        var hazard: String
        var declaredDaysAgo: Int
        var endedDaysAgo: Int
        var needs: [NeedsListEntry]
        /// Catalogue items the consignments carry; those off the needs list make a blue lane.
        var items: [String]
    }

    struct Country {
        var iso: String
        var consignments: Int
        var customs: String
        var declarants: [String]
        var points: [Point]
        var emergencies: [PastEmergency]
        var origins: [String]
    }

    static let countries: [Country] = [
        Country(
            iso: "KE", consignments: 110, customs: "customs.ke@corridor.example",
            declarants: ["KRCS", "KRCS", "WFP", "WFP", "UNICEF", "OXFAM"],
            points: [
                Point(code: "KENBO", weight: 5, slowness: 1, mode: .air), Point(code: "KEMBA", weight: 3, slowness: 2.2, mode: .sea),
                Point(code: "KEMAL", weight: 2, slowness: 1.6, mode: .road),
                Point(code: "KEEMB", weight: 1, slowness: 1.3, mode: .road),
                Point(code: "KEKIS", weight: 1, slowness: 0.8, mode: .air),
                Point(code: "KE-NAMANGA", weight: 1, slowness: 1.9, mode: .road),
            ],
            emergencies: [
                PastEmergency(
                    name: "Northern Kenya drought response", hazard: "drought", declaredDaysAgo: 275, endedDaysAgo: 120,
                    needs: [
                        need("NUT-RUTF"), need("WSH-JCAN-R20"), need("WSH-BUCKET-14L"), need(heading: "3004", .canWait),
                        need("WSH-TABS-NADCC"),
                    ],
                    items: [
                        "NUT-RUTF", "WSH-JCAN-R20", "WSH-TABS-NADCC", "WSH-BUCKET-14L", "WSH-JCAN-R20", "WSH-TABS-NADCC",
                        "HEA-IEHK-BASIC", "NFI-LAMP-SOLAR",
                    ]),
                PastEmergency(
                    name: "Long rains floods (Budalang'i and Tana River)", hazard: "flood", declaredDaysAgo: 100, endedDaysAgo: 25,
                    needs: [
                        need("SHE-TARP-4X6"), need(heading: "6306"), need("WSH-TABS-NADCC"), need("HEA-LLIN"), need("WSH-KIT-HYGIENE"),
                    ],
                    items: ["SHE-TARP-4X6", "SHE-TENT-FAM", "WSH-TABS-NADCC", "HEA-LLIN", "WSH-KIT-HYGIENE", "SHE-TARP-4X6", "TEL-VHF-HH"]),
            ], origins: ["AE", "IT", "DK", "KE", "BE"]),
        Country(
            iso: "NP", consignments: 95, customs: "customs.np@corridor.example",
            declarants: ["NRCS", "WFP", "IFRC", "IFRC", "UNICEF", "MSF"],
            points: [
                Point(code: "NPKTM", weight: 6, slowness: 1.2, mode: .air), Point(code: "NPBRG", weight: 3, slowness: 2.5, mode: .road),
                Point(code: "NPBWA", weight: 1, slowness: 1, mode: .air), Point(code: "NPBIR", weight: 1, slowness: 0.9, mode: .air),
            ],
            emergencies: [
                PastEmergency(
                    name: "Koshi monsoon floods", hazard: "flood", declaredDaysAgo: 265, endedDaysAgo: 170,
                    needs: [
                        need("SHE-TARP-4X6"), need("WSH-JCAN-C10"), need("WSH-TABS-NADCC"), need("WSH-KIT-HYGIENE"),
                        need(heading: "3004", .canWait),
                    ],
                    items: [
                        "SHE-TARP-4X6", "WSH-JCAN-C10", "WSH-TABS-NADCC", "WSH-KIT-HYGIENE", "HEA-KIT-CHOLERA", "SHE-TARP-4X6",
                        "NFI-LAMP-SOLAR",
                    ]),
                PastEmergency(
                    name: "Karnali cold wave", hazard: "cold_wave", declaredDaysAgo: 150, endedDaysAgo: 40,
                    needs: [
                        need("NFI-BLKT-HT"), need("NFI-CLOTH-JACKET"), need("SHE-TENT-FAM"), need("NFI-STOVE-FE"),
                        need("NFI-MATTRESS-FOAM"),
                    ],
                    items: [
                        "NFI-BLKT-HT", "NFI-CLOTH-JACKET", "SHE-TENT-FAM", "NFI-STOVE-FE", "NFI-MATTRESS-FOAM", "NFI-BLKT-HT",
                        "TEL-SATPHONE",
                    ]),
            ], origins: ["AE", "MY", "IN", "IT", "DK"]),
        Country(
            iso: "PH", consignments: 95, customs: "customs.ph@corridor.example", declarants: ["PRC", "PRC", "WFP", "IFRC", "UNICEF"],
            points: [
                Point(code: "PHMNL", weight: 5, slowness: 1, mode: .air),
                Point(code: "PH-MANILA-SOUTH-HARBOR", weight: 3, slowness: 2, mode: .sea),
                Point(code: "PHCEB", weight: 2, slowness: 0.8, mode: .air), Point(code: "PHTAC", weight: 2, slowness: 1.4, mode: .air),
                Point(code: "PHDVO", weight: 1, slowness: 1.1, mode: .air),
            ],
            emergencies: [
                PastEmergency(
                    name: "Eastern Visayas typhoon response", hazard: "tropical_cyclone", declaredDaysAgo: 250, endedDaysAgo: 160,
                    needs: [
                        need("SHE-KIT-SHELTER"), need("SHE-TARP-4X6"), need("WSH-JCAN-C10"), need("FOO-HEB"),
                        need("LOG-GEN-5KVA", .canWait),
                    ],
                    items: ["SHE-KIT-SHELTER", "SHE-TARP-4X6", "WSH-JCAN-C10", "FOO-HEB", "LOG-GEN-5KVA", "SHE-TARP-4X6", "TEL-BGAN"]),
                PastEmergency(
                    name: "Mindanao earthquake response", hazard: "earthquake", declaredDaysAgo: 130, endedDaysAgo: 30,
                    needs: [
                        need("SHE-TENT-FAM"), need("HEA-IEHK-BASIC"), need("WSH-TANK-ONION5"), need("WSH-KIT-HYGIENE"),
                        need("NFI-KIT-KITCHEN"),
                    ],
                    items: [
                        "SHE-TENT-FAM", "HEA-IEHK-BASIC", "WSH-TANK-ONION5", "WSH-KIT-HYGIENE", "NFI-KIT-KITCHEN", "SHE-TENT-FAM",
                        "NFI-MAT-SLEEP",
                    ]),
            ], origins: ["MY", "AE", "CN", "AU", "IT"]),
    ]

    /// Organisations that declare in a country and hold no accreditation there yet in the demo.
    static let accreditations: [(org: String, country: String)] = [
        ("UNICEF", "KE"), ("UNICEF", "NP"), ("PRC", "PH"), ("WFP", "PH"), ("IFRC", "PH"), ("UNICEF", "PH"),
    ]

    /// Rough unit values in USD, for plausible customs values.
    static let unitValues: [String: Double] = [
        "NUT-RUTF": 55, "FOO-HEB": 28, "WSH-JCAN-R20": 4, "WSH-JCAN-C10": 2.5, "WSH-TABS-NADCC": 0.03, "HEA-IEHK-BASIC": 1_100,
        "HEA-KIT-CHOLERA": 9_000, "NFI-LAMP-SOLAR": 12, "SHE-TARP-4X6": 14, "SHE-TENT-FAM": 420, "HEA-LLIN": 3, "WSH-KIT-HYGIENE": 35,
        "TEL-VHF-HH": 180, "TEL-SATPHONE": 750, "TEL-BGAN": 2_800, "NFI-BLKT-HT": 9, "NFI-CLOTH-JACKET": 25, "NFI-STOVE-FE": 30,
        "NFI-MATTRESS-FOAM": 22, "SHE-KIT-SHELTER": 60, "LOG-GEN-5KVA": 900, "WSH-TANK-ONION5": 1_300, "NFI-KIT-KITCHEN": 40,
        "NFI-MAT-SLEEP": 4, "WSH-BUCKET-14L": 3,
    ]

    static func need(_ item: String, _ priority: NeedsListEntry.Priority = .urgent) -> NeedsListEntry {
        NeedsListEntry(itemCode: item, hsHeading: nil, priority: priority)
    }

    static func need(heading: String, _ priority: NeedsListEntry.Priority = .urgent) -> NeedsListEntry {
        NeedsListEntry(itemCode: nil, hsHeading: heading, priority: priority)
    }

    static func load(into store: Store, today: Day) async throws {
        let items = Dictionary(uniqueKeysWithValues: try await store.items.all().map { ($0.code, $0) })
        for (org, country) in accreditations {
            let request = try await store.accreditations.request(org: org, country: country, by: .console)
            _ = try await store.accreditations.decide(
                id: request.id, .approved, validUntil: today.adding(days: 365), by: .console,
                today: today.adding(days: -280))
        }
        // Selectivity looks at one country's history only, so the countries replay side by side
        // (PostgreSQL then works on three at once) and each still comes out the same every time.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, country) in countries.enumerated() {
                group.addTask { try await replay(country, seed: 20_260_331 &+ UInt64(index), into: store, items: items, today: today) }
            }
            try await group.waitForAll()
        }
    }

    static func replay(_ country: Country, seed: UInt64, into store: Store, items: [String: Item], today: Day) async throws {
        var random = SplitMix64(seed: seed)
        let midnight = Int64(today.ordinal) * 86_400
        let customs = try await actor(store, email: country.customs)
        var declarants: [String: Actor] = [:]
        for org in Set(country.declarants) { declarants[org] = try await actor(store, email: "logistics@\(org.lowercased()).example") }
        var serial = 1000
        for (index, past) in country.emergencies.enumerated() {
            let emergency = try await store.customs.createEmergency(
                EmergencyInput(
                    country: country.iso, name: past.name, hazard: past.hazard,
                    declared: today.adding(days: -past.declaredDaysAgo).description,
                    ends: today.adding(days: -past.endedDaysAgo).description,
                    facilities: EmergencyFacilities(preArrivalLodgement: true, dutyTaxWaiver: true, feeWaiver: index == 0)), by: .console)
            for entry in past.needs { try await store.customs.addNeed(entry, to: emergency.id, by: .console) }
            for _ in 0..<(country.consignments / country.emergencies.count) {
                serial += 1
                let org = country.declarants[random.below(country.declarants.count)]
                let plan = Consignment.plan(
                    &random, country: country, emergency: past, emergencyID: emergency.id, org: org,
                    serial: serial, items: items, midnight: midnight)
                try await plan.replay(on: store, declarant: declarants[org] ?? .console, customs: customs, random: &random)
            }
        }
    }

    /// A demo user as the actor it signs in as, so the audit trail names a person; the console
    /// stands in for organisations that have no demo account.
    static func actor(_ store: Store, email: String) async throws -> Actor {
        try await store.users.find(email: email)?.actor ?? .console
    }
}
