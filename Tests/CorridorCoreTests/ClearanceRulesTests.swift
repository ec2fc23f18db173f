import CorridorCore
import Foundation
import Testing

@Suite struct ClearanceRulesTests {
    @Test func queriesAnswersRejectionsAndCancellationsNeedTheirText() throws {
        for step in DeclarationStep.allCases {
            if [.query, .answer, .reject, .cancel].contains(step) {
                #expect(throws: DomainError.self) { try DeclarationMessage.checked("  ", for: step) }
            } else {
                #expect(try DeclarationMessage.checked(nil, for: step) == nil)
            }
        }
        #expect(try DeclarationMessage.checked("  Which tents? ", for: .query) == "Which tents?")
        #expect(throws: DomainError.self) { try DeclarationMessage.checked(String(repeating: "x", count: 4001), for: .answer) }
    }

    static func line(_ description: String, qty: Int64 = 10, hs: String = "630622") -> CheckedDeclarationLine {
        CheckedDeclarationLine(
            description: description, itemCode: nil, hsCode: HSCode(hs)!, quantity: Quantity(units: qty), unit: "piece",
            grossKg: 650, value: Quantity(units: 100), currency: "USD", origin: "PK", reExportBy: nil)
    }

    static let base = DeclarationContent(
        reference: "R-1", consignee: "KRCS", destination: "KE", entryPoint: "KENBO", emergencyId: 1,
        transportMode: "air", transportDocument: "176-1", expectedArrival: nil, lines: [line("Tents")])

    @Test func differencesNameEveryChangedField() {
        var new = Self.base
        new.consignee = "Kenya Red Cross Society"
        new.lines[0].quantity = Quantity(units: 12)
        new.lines.append(Self.line("Blankets", hs: "630140"))
        #expect(
            DeclarationAmendment.differences(from: Self.base, to: new) == [
                "consignee: KRCS → Kenya Red Cross Society", "line 1 quantity: 10 → 12", "line 2 added (Blankets, 10 piece, HS 630140)",
            ])
        #expect(DeclarationAmendment.differences(from: new, to: Self.base).last == "line 2 removed (Blankets)")
        #expect(DeclarationAmendment.differences(from: Self.base, to: Self.base).isEmpty)
    }

    @Test func lodgementFreezesReferenceAndDestinationAndReleaseEndsAmendments() throws {
        var renamed = Self.base
        renamed.reference = "R-2"
        try DeclarationAmendment.check(state: .draft, from: Self.base, to: renamed)
        #expect(throws: DomainError.self) { try DeclarationAmendment.check(state: .lodged, from: Self.base, to: renamed) }
        var moved = Self.base
        moved.destination = "UG"
        #expect(throws: DomainError.self) { try DeclarationAmendment.check(state: .queried, from: Self.base, to: moved) }
        for state in DeclarationState.allCases where !state.isBeforeRelease {
            #expect(throws: DomainError.self) { try DeclarationAmendment.check(state: state, from: Self.base, to: Self.base) }
        }
        #expect(DeclarationAmendment.rerunsSelectivity(from: .laneAssigned))
        #expect(DeclarationAmendment.rerunsSelectivity(from: .answered))
        #expect(!DeclarationAmendment.rerunsSelectivity(from: .lodged))
        #expect(DeclarationAmendment.route(for: .draft) == .edit)
        for state in DeclarationState.allCases where state != .draft { #expect(DeclarationAmendment.route(for: state) == .request) }
        #expect(throws: DomainError.self) { try DeclarationAmendment.authorize(by: .customs, isAdmin: false) }
        try DeclarationAmendment.authorize(by: .declarant, isAdmin: false)
    }

    @Test func serviceLevelsFollowTheLaneTarget() {
        let targets = ClearanceTargets.standard
        #expect(targets.level(lane: .green, hoursSinceArrival: nil) == .notArrived)
        #expect(targets.level(lane: .green, hoursSinceArrival: 2) == .onTrack)
        #expect(targets.level(lane: .green, hoursSinceArrival: 2.5) == .atRisk)
        #expect(targets.level(lane: .green, hoursSinceArrival: 3.01) == .breached)
        #expect(targets.level(lane: .yellow, hoursSinceArrival: 17) == .onTrack)
        #expect(targets.level(lane: .red, hoursSinceArrival: 47) == .atRisk)
        #expect(targets.level(lane: nil, hoursSinceArrival: 2.1) == .breached)
    }

    @Test func theQueuePutsUrgentGoodsFirstThenTheLongestWaiting() {
        let entries = [
            QueueEntry(id: 1, needsPriority: nil, ageSeconds: 99_999),
            QueueEntry(id: 2, needsPriority: .canWait, ageSeconds: 10),
            QueueEntry(id: 3, needsPriority: .urgent, ageSeconds: 5),
            QueueEntry(id: 4, needsPriority: .urgent, ageSeconds: 50),
            QueueEntry(id: 5, needsPriority: .notNeeded, ageSeconds: 100_000),
            QueueEntry(id: 6, needsPriority: .urgent, ageSeconds: 50),
        ]
        #expect(ClearanceQueue.ordered(entries).map(\.id) == [4, 6, 3, 2, 1, 5])
        let needs = [
            NeedsListEntry(itemCode: nil, hsHeading: "6306", priority: .canWait),
            NeedsListEntry(itemCode: "WSH-TABS", hsHeading: nil, priority: .urgent),
        ]
        #expect(ClearanceQueue.priority(lines: [DeclaredGoods(itemCode: nil, hsCode: HSCode("630622")!)], needs: needs) == .canWait)
        #expect(
            ClearanceQueue.priority(
                lines: [
                    DeclaredGoods(itemCode: nil, hsCode: HSCode("630622")!), DeclaredGoods(itemCode: "WSH-TABS", hsCode: HSCode("380894")!),
                ], needs: needs) == .urgent)
        #expect(ClearanceQueue.priority(lines: [DeclaredGoods(itemCode: nil, hsCode: HSCode("300410")!)], needs: needs) == nil)
    }

    @Test func obligationsFallDueAfterTheirDates() {
        let due = ReleaseObligations.completionDue(releasedAt: 1_000_000, deadlineDays: 30)
        #expect(due == 1_000_000 + 30 * 86_400)
        #expect(!ReleaseObligations.isCompletionOverdue(state: .released, completionDue: due, now: due))
        #expect(ReleaseObligations.isCompletionOverdue(state: .released, completionDue: due, now: due + 1))
        #expect(!ReleaseObligations.isCompletionOverdue(state: .completed, completionDue: due, now: due + 1))
        let day = Day(year: 2026, month: 7, day: 1)!
        #expect(!ReleaseObligations.isReExportOverdue(state: .released, reExportBy: day, reExported: false, today: day))
        #expect(ReleaseObligations.isReExportOverdue(state: .released, reExportBy: day, reExported: false, today: day.adding(days: 1)))
        #expect(!ReleaseObligations.isReExportOverdue(state: .released, reExportBy: day, reExported: true, today: day.adding(days: 9)))
        #expect(!ReleaseObligations.isReExportOverdue(state: .laneAssigned, reExportBy: day, reExported: false, today: day.adding(days: 9)))
    }

    @Test func catalogueChecksWarnOnWeightAndMeasureValuePerKg() {
        let tent = ConsignmentPlausibility.CatalogueFacts(weightKgPerUnit: 45, valueUSDPerUnit: Quantity(units: 300))
        #expect(ConsignmentPlausibility.weightWarning(line: 1, quantity: Quantity(units: 200), grossKg: 9_000, catalogue: tent) == nil)
        #expect(ConsignmentPlausibility.weightWarning(line: 1, quantity: Quantity(units: 200), grossKg: 7_100, catalogue: tent) != nil)
        #expect(
            ConsignmentPlausibility.weightWarning(line: 2, quantity: Quantity(units: 200), grossKg: 27_001, catalogue: tent)
                == "line 2: gross weight 27001 kg is far from the catalogue's 9000 kg for this quantity")
        #expect(
            ConsignmentPlausibility.weightWarning(
                line: 1, quantity: Quantity(units: 1), grossKg: 1, catalogue: .init(weightKgPerUnit: nil, valueUSDPerUnit: nil)) == nil)
        let ratio = ConsignmentPlausibility.valuePerKgRatio(valueUSD: Quantity(units: 60_000), grossKg: 9_000, catalogue: tent)
        #expect(ratio.map { abs($0 - 1) < 1e-9 } == true)
        #expect(ConsignmentPlausibility.valuePerKgRatio(valueUSD: nil, grossKg: 9_000, catalogue: tent) == nil, "no dollar value")
        let facts = SelectivityFacts(accredited: true, emergencyActive: true, valuePerKgRatios: [6])
        #expect(Selectivity.decide(facts, rules: .standard, draw: 0.99).lane == .blue)
        #expect(
            Selectivity.decide(
                SelectivityFacts(accredited: true, emergencyActive: true, valuePerKgRatios: [0.5, 4.9]), rules: .standard, draw: 0.99
            ).lane == .green)
    }

    @Test func webhooksBackOffAndOnlyPublicHTTPSReceiversAreTaken() throws {
        #expect((1...WebhookRules.maximumAttempts).map(WebhookRules.delay(afterAttempt:)) == [10, 40, 160, 640, 2560, 3600, 3600, 3600])
        let targets = WebhookTargets()
        #expect(try targets.checkedURL(" https://hooks.example.org/corridor ").url == "https://hooks.example.org/corridor")
        #expect(try targets.checkedURL("https://8.8.8.8/in").host == "8.8.8.8")
        for bad in [
            "ftp://x.org", "hooks.example.org", "https://user:pw@x.org/", "javascript:alert(1)", "", "http://hooks.example.org/in",
            "https://127.0.0.1:8080/in", "https://localhost/in", "https://LOCALHOST./in", "https://api.localhost/in", "https://0x7f000001/",
            "https://2130706433/", "https://127.1/", "https://0177.0.0.1/", "https://[::1]/", "https://[::ffff:127.0.0.1]/",
            "https://[::ffff:7f00:1]/", "https://169.254.169.254/latest", "https://10.1.2.3/", "https://172.16.0.1/",
            "https://192.168.1.1/", "https://0.0.0.0/", "https://0/", "https://[::]/", "https://224.0.0.1/", "https://[ff02::1]/",
            "https://[fe80::1]/", "https://[fd00::1]/", "https://100.64.0.1/", "https://255.255.255.255/", "https://[64:ff9b::7f00:1]/",
        ] {
            #expect(throws: DomainError.self, "\(bad)") { try targets.checkedURL(bad) }
        }
        let configured = WebhookTargets(allowedHosts: ["receiver.internal", "127.0.0.1"], allowPlainHTTP: false)
        #expect(try configured.checkedURL("http://receiver.internal:9000/in").host == "receiver.internal", "an allowed host, as configured")
        #expect(throws: DomainError.self) { try configured.checkedURL("https://0x7f000001/") }
        #expect(throws: DomainError.self) { try configured.checkedURL("http://other.example.org/") }
        #expect(try WebhookTargets(allowPlainHTTP: true).checkedURL("http://hooks.example.org/").host == "hooks.example.org")
        #expect(throws: DomainError.self, "a public name that resolves inward") {
            try targets.check([.v4(0x0808_0808), IPAddress.parse("10.0.0.7")!], host: "hooks.example.org")
        }
        #expect(throws: Never.self) { try targets.check([IPAddress.parse("2001:db8::1")!, .v4(0x0808_0808)], host: "hooks.example.org") }
        #expect(throws: DomainError.self, "a name that resolves to nothing") { try targets.check([], host: "nowhere.example.org") }
    }

    @Test func addressesAreReadAsResolversReadThem() {
        #expect(IPAddress.parse("0x7f000001") == .v4(0x7F00_0001))
        #expect(IPAddress.parse("2130706433") == .v4(0x7F00_0001))
        #expect(IPAddress.parse("127.1") == .v4(0x7F00_0001))
        #expect(IPAddress.parse("0177.0.0.01") == .v4(0x7F00_0001))
        #expect(IPAddress.parse("10.0.258") == .v4(0x0A00_0102))
        #expect(IPAddress.parse("256.0.0.1") == nil)
        #expect(IPAddress.parse("1.2.3.4.5") == nil)
        #expect(IPAddress.parse("hooks.example.org") == nil)
        #expect(IPAddress.parse("[::1]")?.description == "0:0:0:0:0:0:0:1")
        #expect(IPAddress.parse("::ffff:127.0.0.1")?.isInternal == true)
        #expect(IPAddress.parse("2001:db8::1")?.isInternal == false)
        #expect(IPAddress.parse("1:2:3:4:5:6:7:8:9") == nil)
        #expect(IPAddress.parse("8.8.8.8")?.isInternal == false)
        #expect(IPAddress.parse("172.32.0.1")?.isInternal == false)
        #expect(IPAddress.parse("172.31.255.255")?.isInternal == true)
    }
}
