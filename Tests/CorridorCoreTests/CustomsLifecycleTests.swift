import CorridorCore
import Foundation
import Testing

@Suite struct CustomsLifecycleTests {
    /// Every (state, step) pair: the allowed ones lead where the table says, all others are refused
    /// with a conflict that lists what is allowed.
    static let expected: [DeclarationState: [DeclarationStep: (DeclarationParty, DeclarationState)]] = [
        .draft: [.lodge: (.declarant, .lodged), .cancel: (.declarant, .cancelled)],
        .lodged: [.assignLane: (.customs, .laneAssigned), .reject: (.customs, .rejected), .cancel: (.declarant, .cancelled)],
        .laneAssigned: [
            .query: (.customs, .queried), .release: (.customs, .released), .reject: (.customs, .rejected),
            .cancel: (.declarant, .cancelled),
        ],
        .queried: [.answer: (.declarant, .answered), .reject: (.customs, .rejected), .cancel: (.declarant, .cancelled)],
        .answered: [
            .query: (.customs, .queried), .release: (.customs, .released), .reject: (.customs, .rejected),
            .cancel: (.declarant, .cancelled),
        ],
        .released: [.complete: (.declarant, .completed), .close: (.customs, .closed)],
        .completed: [.close: (.customs, .closed)],
        .closed: [:], .rejected: [:], .cancelled: [:],
    ]

    @Test(arguments: DeclarationState.allCases)
    func everyTransitionIsAllowedOrRefusedAsTheTableSays(_ state: DeclarationState) {
        let allowed = Self.expected[state] ?? [:]
        let facts = DeclarationFacts(provisionalAllowed: true, documentsComplete: true, provisional: true)
        for step in DeclarationStep.allCases {
            for party in [DeclarationParty.declarant, .customs] {
                let result = Result { () throws(DomainError) in try DeclarationLifecycle.apply(step, to: state, by: party, facts: facts) }
                switch (allowed[step], result) {
                case (let edge?, .success(let next)) where edge.0 == party:
                    #expect(next == edge.1, "\(state) --\(step)--> \(next)")
                case (let edge?, .failure(let error)) where edge.0 != party:
                    #expect(error.code == "forbidden", "\(state) \(step) by \(party)")
                case (nil, .failure(let error)):
                    #expect(error.code == "conflict", "\(state) \(step)")
                default:
                    Issue.record("\(state) \(step) by \(party): unexpected \(result)")
                }
            }
        }
    }

    @Test func illegalStepsNameTheAllowedOnes() {
        #expect(throws: DomainError.self) { try DeclarationLifecycle.apply(.release, to: .draft, by: .customs) }
        do {
            _ = try DeclarationLifecycle.apply(.release, to: .lodged, by: .customs)
        } catch {
            #expect(
                error.message.contains("allowed now: assign_lane, reject, cancel") || error.message.contains("cancel, assign_lane, reject"))
            #expect(Set(error.problems.map(\.problem)) == ["assign_lane", "reject", "cancel"])
        }
    }

    @Test func releaseNeedsDocumentsUnlessTheEmergencyAllowsProvisional() throws {
        let missing = DeclarationFacts(provisionalAllowed: false, documentsComplete: false)
        #expect(throws: DomainError.self) { try DeclarationLifecycle.apply(.release, to: .laneAssigned, by: .customs, facts: missing) }
        let provisional = DeclarationFacts(provisionalAllowed: true, documentsComplete: false)
        #expect(try DeclarationLifecycle.apply(.release, to: .laneAssigned, by: .customs, facts: provisional) == .released)
        #expect(throws: DomainError.self) { try DeclarationLifecycle.apply(.complete, to: .released, by: .declarant) }
    }

    @Test func cancellingIsOnlyBeforeRelease() {
        #expect(DeclarationState.allCases.filter(\.isBeforeRelease) == [.draft, .lodged, .laneAssigned, .queried, .answered])
        #expect(throws: DomainError.self) { try DeclarationLifecycle.apply(.cancel, to: .released, by: .declarant) }
    }
}

@Suite struct SelectivityTests {
    static let clean = SelectivityFacts(accredited: true, emergencyActive: true)

    @Test func cleanReliefGoesGreenAndEachRiskIndicatorToItsLane() {
        let rules = SelectivityRuleSet.standard
        #expect(Selectivity.decide(Self.clean, rules: rules, draw: 0.99) == LaneDecision(lane: .green, reasons: ["no risk indicator"]))
        var facts = Self.clean
        facts.accredited = false
        #expect(Selectivity.decide(facts, rules: rules, draw: 0.99).lane == .yellow)
        facts = Self.clean
        facts.specialCargo = [.medicines]
        #expect(Selectivity.decide(facts, rules: rules, draw: 0.99).lane == .yellow)
        facts = Self.clean
        facts.firstDeclarationInCountry = true
        #expect(Selectivity.decide(facts, rules: rules, draw: 0.99).lane == .yellow)
        facts = Self.clean
        facts.emergencyActive = false
        #expect(Selectivity.decide(facts, rules: rules, draw: 0.99).lane == .yellow)
        facts = Self.clean
        facts.valuePerKgRatios = [1.2, 7]
        #expect(Selectivity.decide(facts, rules: rules, draw: 0.99).lane == .blue)
        facts.valuePerKgRatios = [0.1]
        #expect(Selectivity.decide(facts, rules: rules, draw: 0.99).lane == .blue)
        facts = Self.clean
        facts.unrequestedLines = 2
        #expect(
            Selectivity.decide(facts, rules: rules, draw: 0.99)
                == LaneDecision(lane: .yellow, reasons: ["goods not on the government's needs list"]),
            "unrequested goods get a documentary check by default")
    }

    /// Goods the government marked as not needed are held for a customs decision: never green or
    /// blue, whatever a country's rules say, and no country may set their rule below yellow.
    @Test func goodsMarkedNotNeededAreHeldForACustomsDecision() {
        var facts = Self.clean
        facts.notNeededLines = 1
        #expect(
            Selectivity.decide(facts, rules: .standard, draw: 0.99) == LaneDecision(lane: .yellow, reasons: [Selectivity.notNeededReason]))
        let permissive = SelectivityRuleSet(rules: [], randomRate: 0)
        #expect(Selectivity.decide(facts, rules: permissive, draw: 0.99).lane == .yellow, "held even without a rule for it")
        var blue = SelectivityRuleSet.standard
        blue.rules[blue.rules.firstIndex { $0.criterion == .notNeededGoods }!].lane = .blue
        #expect(throws: DomainError.self) { try blue.validated() }
        var red = SelectivityRuleSet.standard
        red.rules[red.rules.firstIndex { $0.criterion == .notNeededGoods }!].lane = .red
        #expect(throws: Never.self) { try red.validated() }
        #expect(Selectivity.decide(facts, rules: red, draw: 0.99).lane == .red)
    }

    @Test func linesStandAgainstTheNeedsListByItemOrHeading() {
        let needs = [
            NeedsListEntry(itemCode: nil, hsHeading: "6306", priority: .urgent),
            NeedsListEntry(itemCode: "NFI-BLKT-HT", hsHeading: nil, priority: .notNeeded),
            NeedsListEntry(itemCode: nil, hsHeading: "6301", priority: .notNeeded),
        ]
        let tent = DeclaredGoods(itemCode: nil, hsCode: HSCode("630622")!)
        let blanket = DeclaredGoods(itemCode: "NFI-BLKT-HT", hsCode: HSCode("630140")!)
        let medicine = DeclaredGoods(itemCode: nil, hsCode: HSCode("300490")!)
        #expect(
            NeedsListStanding.of(lines: [tent, blanket, medicine, blanket], needs: needs, hasEmergency: true)
                == NeedsListStanding(unrequestedLines: 1, notNeededLines: 2))
        #expect(
            NeedsListStanding.of(lines: [medicine], needs: [], hasEmergency: false) == NeedsListStanding(), "no emergency, no needs list")
    }

    /// Amounts on a certificate have the currency's minor unit: rounded half away from zero.
    @Test func amountsRoundToTheCurrencysMinorUnit() {
        #expect(Quantity(milli: 165_050_400).rounded(toDecimals: 2) == Quantity(milli: 165_050_400))
        #expect(Quantity(milli: 1_005).rounded(toDecimals: 2) == Quantity(milli: 1_010))
        #expect(Quantity(milli: 1_004).rounded(toDecimals: 2) == Quantity(milli: 1_000))
        #expect(Quantity(milli: -1_005).rounded(toDecimals: 2) == Quantity(milli: -1_010))
        #expect(Quantity(milli: 2_500).rounded(toDecimals: 0) == Quantity(milli: 3_000), "XOF has no minor unit")
        #expect(Quantity(milli: 1_234).rounded(toDecimals: 3) == Quantity(milli: 1_234))
    }

    @Test func specialCargoFollowsTheTariffsChapters() {
        func cargo(_ code: String) -> SpecialCargo? { SpecialCargo.of(HSCode(code)!) }
        #expect(cargo("870421") == .vehicles, "a truck")
        #expect(cargo("871200") == nil, "a bicycle is no vehicle to register")
        #expect(cargo("871310") == nil, "a wheelchair")
        #expect(cargo("871420") == nil && cargo("871500") == nil)
        #expect(cargo("220110") == .food, "bottled water, chapter 22")
        #expect(cargo("230910") == .food, "animal feed, chapter 23")
        #expect(cargo("060290") == nil, "live plants are not food")
        #expect(cargo("880621") == .drones)
        #expect(cargo("901890") == .medicalDevices)
        #expect(cargo("300490") == .medicines)
        #expect(
            DocumentsChecklist.required(forHSCodes: [HSCode("880621")!, HSCode("901890")!]).map(\.rawValue)
                == [
                    "packing_list", "transport_document", "donation_certificate", "civil_aviation_authorisation",
                    "medical_device_registration",
                ])
    }

    @Test func theMostSevereMatchingRuleWinsAndAllReasonsAreKept() {
        var rules = SelectivityRuleSet.standard
        rules.rules.append(SelectivityRule(criterion: .specialCargo, lane: .red, reason: "controlled medicines are examined"))
        var facts = Self.clean
        facts.specialCargo = [.medicines]
        facts.accredited = false
        let decision = Selectivity.decide(facts, rules: rules, draw: 0.99)
        #expect(decision.lane == .red)
        #expect(decision.reasons.count == 3)
    }

    @Test func originCountryIsNeverACriterion() {
        var rules = SelectivityRuleSet.standard
        rules.rules.append(SelectivityRule(criterion: .originCountry, lane: .red, reason: "goods from X"))
        do {
            _ = try rules.validated()
            Issue.record("a rule on origin was accepted")
        } catch {
            #expect(error.problems.first?.problem.contains("regardless of origin") == true)
        }
        #expect(throws: DomainError.self) {
            try SelectivityRuleSet(rules: [SelectivityRule(criterion: .specialCargo, lane: .red, reason: " ")], randomRate: 0.02)
                .validated()
        }
        #expect((try? SelectivityRuleSet.standard.validated()) != nil)
    }

    @Test func theRandomRateIsReproducibleAndHoldsOverManyDeclarations() {
        #expect(Selectivity.draw(seed: 7, reference: "WFP-2026-001") == Selectivity.draw(seed: 7, reference: "WFP-2026-001"))
        #expect(Selectivity.draw(seed: 7, reference: "WFP-2026-001") != Selectivity.draw(seed: 8, reference: "WFP-2026-001"))
        let rules = SelectivityRuleSet.standard
        let draws = (0..<20_000).map { Selectivity.draw(seed: 42, reference: "REF-\($0)") }
        #expect(draws.allSatisfy { (0..<1).contains($0) })
        let selected = draws.filter { Selectivity.decide(Self.clean, rules: rules, draw: $0).lane == .yellow }.count
        // 2 % of 20,000 = 400; the binomial standard deviation is about 20, so ±100 is five sigma.
        #expect(abs(selected - 400) < 100, "\(selected) selected at random")
        // A declaration already yellow is not drawn again, and never turned green.
        var special = Self.clean
        special.specialCargo = [.food]
        #expect(Selectivity.decide(special, rules: rules, draw: 0.001).reasons.count == 1)
    }
}

@Suite struct DocumentsAndExemptionTests {
    @Test func theChecklistFollowsTheSpecialCargoOfTheLines() throws {
        let codes = try ["300490", "851762", "870421", "100630", "010619", "630622"].map { try #require(HSCode($0)) }
        #expect(codes.map(SpecialCargo.of) == [.medicines, .telecoms, .vehicles, .food, .searchAndRescueDogs, nil])
        let tentsOnly = DocumentsChecklist.required(forHSCodes: [try #require(HSCode("630622"))])
        #expect(tentsOnly == [.packingList, .transportDocument, .donationCertificate])
        let medicines = DocumentsChecklist.required(forHSCodes: [try #require(HSCode("300490")), try #require(HSCode("300490"))])
        #expect(medicines == [.packingList, .transportDocument, .donationCertificate, .importAuthorisation, .certificateOfAnalysis])
        var statuses: [RequiredDocument: DocumentsChecklist.Status] = [
            .packingList: .provided, .transportDocument: .provided,
            .donationCertificate: .waived, .importAuthorisation: .provided,
        ]
        #expect(!DocumentsChecklist.isComplete(statuses, required: medicines))
        statuses[.certificateOfAnalysis] = .waived
        #expect(DocumentsChecklist.isComplete(statuses, required: medicines))
    }

    @Test func dutyAndTaxAreSummedPerLineAndWaivedUnderTheEmergency() throws {
        let rates = DutyRateTable(bands: [
            .init(firstChapter: 1, lastChapter: 97, dutyPercent: 25, taxPercent: 16),
            .init(firstChapter: 30, lastChapter: 30, dutyPercent: 0, taxPercent: 0),
        ])
        let lines: [(hsCode: HSCode, value: Quantity)] = [
            (try #require(HSCode("630622")), try Quantity.parse("10000").get()),
            (try #require(HSCode("300490")), try Quantity.parse("5000").get()),
            (try #require(HSCode("100630")), try Quantity.parse("333.33").get()),
        ]
        let assessment = Exemption.assess(lines: lines, currency: "USD", rates: rates, waiverOn: true)
        // Tents: duty 2,500; tax 16 % of 12,500 = 2,000. Medicines: nothing. Rice: duty 83.33 (83.3325), tax 66.67 (66.66).
        #expect(assessment.lines.map(\.duty.description) == ["2500", "0", "83.33"])
        #expect(assessment.lines.map(\.tax.description) == ["2000", "0", "66.67"])
        #expect(assessment.total.description == "4650")
        #expect(assessment.waived == assessment.total)
        #expect(assessment.payable == .zero)
        #expect(Exemption.assess(lines: lines, currency: "USD", rates: rates, waiverOn: false).payable.description == "4650")
    }
}

@Suite struct AuditChainTests {
    /// A stand-in hash for the rule's sake (the store uses SHA-256): any function that changes when
    /// the text changes shows the chain logic.
    static func hash(_ text: String) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return String(h, radix: 16)
    }

    static func chain() -> [AuditEvent] {
        var events: [AuditEvent] = []
        for (step, before, after) in [
            ("lodge", "draft", "lodged"), ("assign_lane", "lodged", "lane_assigned"), ("release", "lane_assigned", "released"),
        ] {
            events.append(
                AuditChain.next(
                    after: events.last, declarationID: 9, actor: "user:3", at: Int64(events.count) * 60,
                    action: step, before: before, after: after, hash: hash))
        }
        return events
    }

    @Test func anIntactChainVerifiesAndAnyEditBreaksIt() {
        let events = Self.chain()
        #expect(events.map(\.sequence) == [1, 2, 3])
        #expect(events[0].previousHash == AuditChain.genesis && events[1].previousHash == events[0].hash)
        #expect(AuditChain.firstBroken(events, hash: Self.hash) == nil)
        var edited = events
        edited[1].after = "released"
        #expect(AuditChain.firstBroken(edited, hash: Self.hash)?.sequence == 2)
        var removed = events
        removed.remove(at: 1)
        #expect(AuditChain.firstBroken(removed, hash: Self.hash)?.sequence == 3)
        var rehashed = events
        rehashed[1].actor = "user:4"
        rehashed[1].hash = Self.hash(rehashed[1].canonical)
        #expect(AuditChain.firstBroken(rehashed, hash: Self.hash)?.sequence == 3, "re-hashing one event still breaks the next")
    }
}

@Suite struct ReleaseTimeTests {
    @Test func medianAndNinetiethPercentileInterpolate() {
        let summary = ReleaseTimeSummary(hours: [10, 2, 4, 8, 6, 100])
        #expect(summary.count == 6)
        #expect(summary.medianHours == 7)
        #expect(summary.p90Hours == 55)  // rank 4.5 of 0…5: halfway between 10 and 100
        #expect(ReleaseTimeSummary(hours: []).medianHours == nil)
        #expect(ReleaseTimeSummary(hours: [3]).p90Hours == 3)
    }
}
