import CorridorCore
import Foundation

/// Demo emergencies with needs lists, and accreditations, so the customs views have content.
enum DemoCustoms {
    static func load(into store: Store, today: Day, history: Bool = true) async throws {
        guard try await store.customs.emergencies(country: nil).isEmpty else { return }
        let nepal = try await store.customs.createEmergency(
            EmergencyInput(
                country: "NP", name: "Western Nepal earthquake", hazard: "earthquake",
                declared: today.adding(days: -10).description, ends: today.adding(days: 80).description,
                facilities: EmergencyFacilities(
                    preArrivalLodgement: true, provisionalDeadlineDays: 30, dutyTaxWaiver: true,
                    feeWaiver: true, outOfHoursClearance: true)), by: .console)
        let kenya = try await store.customs.createEmergency(
            EmergencyInput(
                country: "KE", name: "Tana River floods", hazard: "flood", declared: today.adding(days: -5).description, ends: nil,
                facilities: EmergencyFacilities(preArrivalLodgement: true, provisionalDeadlineDays: nil, dutyTaxWaiver: true)), by: .console
        )
        _ = try await store.customs.createEmergency(
            EmergencyInput(
                country: "PH", name: "Typhoon season response (closed)", hazard: "tropical_cyclone",
                declared: today.adding(days: -400).description, ends: today.adding(days: -300).description, facilities: nil), by: .console)
        let needs: [(Int64, NeedsListEntry)] = [
            (nepal.id, NeedsListEntry(itemCode: "SHE-TENT-FAM", hsHeading: nil, priority: .urgent, note: "winterised where possible")),
            (nepal.id, NeedsListEntry(itemCode: "NFI-BLKT-HT", hsHeading: nil, priority: .urgent)),
            (nepal.id, NeedsListEntry(itemCode: nil, hsHeading: "3004", priority: .canWait, note: "essential medicines list only")),
            (nepal.id, NeedsListEntry(itemCode: "FOO-RICE", hsHeading: nil, priority: .notNeeded, note: "local markets supplied")),
            (kenya.id, NeedsListEntry(itemCode: "WSH-TABS-NADCC", hsHeading: nil, priority: .urgent)),
            (kenya.id, NeedsListEntry(itemCode: nil, hsHeading: "6306", priority: .urgent, note: "tents and tarpaulins")),
        ]
        for (emergency, entry) in needs { try await store.customs.addNeed(entry, to: emergency, by: .console) }
        for (org, country, approve) in [
            ("WFP", "NP", true), ("IFRC", "NP", true), ("MSF", "NP", false), ("NRCS", "NP", true),
            ("KRCS", "KE", true), ("WFP", "KE", true), ("OXFAM", "KE", false),
        ] {
            let request = try await store.accreditations.request(org: org, country: country, by: .console)
            if approve {
                _ = try await store.accreditations.decide(
                    id: request.id, .approved, validUntil: today.adding(days: 365), by: .console, today: today)
            }
        }
        if history { try await DemoHistory.load(into: store, today: today) }
        // One consignment on its way to Nairobi, lodged before arrival.
        let draft = try await store.declarations.create(
            DeclarationInput(
                reference: "WFP-KE-0001", consignee: "Kenya Red Cross Society", destination: "KE", entryPoint: "KENBO",
                emergencyId: kenya.id,
                transportMode: "air", transportDocument: "176-00000011", transportDocumentType: "air_waybill",
                expectedArrival: today.adding(days: 2).description, packages: 38, packagesKind: "pallets",
                lines: [
                    DeclarationLineInput(
                        description: "Water purification tablets, NaDCC 67 mg", itemCode: "WSH-TABS-NADCC", hsCode: "380894",
                        quantity: "500000", unit: "tablet", grossKg: 650, value: "15000", currency: "USD", origin: "IE"),
                    DeclarationLineInput(
                        description: "Tarpaulins 4 x 6 m", itemCode: "SHE-TARP-4X6", hsCode: "392690", quantity: "5000",
                        unit: "piece", grossKg: 22_500, value: "40000", currency: "USD", origin: "AE"),
                ]), org: "WFP", by: .console, today: today)
        _ = try await store.steps.take(id: draft.id, .lodge, version: draft.version, by: .console, today: today)
    }
}
