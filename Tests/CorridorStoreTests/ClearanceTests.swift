import CorridorCore
import CorridorStore
import Foundation
import Testing

/// Amendments, packing lists, stored documents, per-country selectivity, the queue and the
/// obligations after release, on each database.
@Suite struct ClearanceTests {
    typealias D = DeclarationTests
    static let today = DeclarationTests.today

    static func lodgedWithLane(_ w: D.World, _ reference: String) async throws -> DeclarationView {
        var d = try await w.store.declarations.create(D.input(reference, emergency: w.emergency.id), org: "WFP", by: w.wfp, today: today)
        d = try await w.store.steps.take(id: d.id, .lodge, version: d.version, by: w.wfp, today: today)
        return try await w.store.steps.take(id: d.id, .assignLane, version: d.version, by: w.customsKE, today: today)
    }

    static func amended(_ d: DeclarationView, reference: String? = nil, lines: [DeclarationLineInput]) -> DeclarationInput {
        var input = d.input
        input.reference = reference ?? d.reference
        input.lines = lines
        return input
    }

    static let medicines = DeclarationLineInput(
        description: "Amoxicillin 250 mg", itemCode: nil, hsCode: "300410", quantity: "100",
        unit: "box", grossKg: 50, value: "900", currency: "USD", origin: "IN")

    @Test(arguments: TestDatabase.available)
    func anAmendmentAfterLodgementIsARequestCustomsAcceptsOrRefuses(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await D.world(store)
            let d = try await Self.lodgedWithLane(w, "AMEND-1")
            #expect(d.lane != nil)
            var tents = D.input("x", emergency: nil).lines[0]
            tents.quantity = "250"
            let input = Self.amended(d, lines: [tents, Self.medicines])
            let stale = await #expect(throws: DomainError.self) {
                try await store.declarations.amend(id: d.id, input, version: d.version - 1, by: w.wfp, today: Self.today)
            }
            #expect(stale?.code == "conflict")
            await #expect(throws: DomainError.self) {
                try await store.declarations.amend(id: d.id, input, version: d.version, by: w.customsKE, today: Self.today)
            }
            await #expect(throws: DomainError.self, "the reference is frozen at lodgement") {
                try await store.declarations.amend(
                    id: d.id, Self.amended(d, reference: "OTHER", lines: [tents]), version: d.version,
                    by: w.wfp, today: Self.today)
            }
            // After lodgement the declarant is liable for what it lodged: a change is a request, and nothing changes yet.
            let asked = try await store.declarations.amend(id: d.id, input, version: d.version, by: w.wfp, today: Self.today)
            #expect(asked.version == d.version + 1)
            #expect(asked.state == .laneAssigned && asked.lane == d.lane)
            #expect(asked.lines.map(\.quantity) == [Quantity(units: 200)], "the lodged content stands until customs decides")
            let request = try #require(asked.pendingAmendment)
            #expect(request.differences.contains("line 1 quantity: 200 → 250"))
            #expect(request.differences.contains { $0.hasPrefix("line 2 added (Amoxicillin 250 mg") })
            await #expect(throws: DomainError.self, "one request at a time") {
                try await store.declarations.amend(id: d.id, input, version: asked.version, by: w.wfp, today: Self.today)
            }
            await #expect(throws: DomainError.self, "the declarant does not decide its own request") {
                try await store.declarations.decideAmendment(
                    id: d.id, sequence: request.sequence, accept: true, reason: nil, version: asked.version, by: w.wfp, today: Self.today)
            }
            await #expect(throws: DomainError.self, "a refusal states its reason") {
                try await store.declarations.decideAmendment(
                    id: d.id, sequence: request.sequence, accept: false, reason: " ", version: asked.version, by: w.customsKE,
                    today: Self.today)
            }
            let refused = try await store.declarations.decideAmendment(
                id: d.id, sequence: request.sequence, accept: false, reason: "The invoice shows 200 tents", version: asked.version,
                by: w.customsKE, today: Self.today)
            #expect(refused.amendments.first?.status == .refused && refused.amendments.first?.reason == "The invoice shows 200 tents")
            #expect(refused.lines.count == 1 && refused.lane == d.lane)
            // Asked again and accepted: the content changes and selectivity runs on it.
            let again = try await store.declarations.amend(id: d.id, input, version: refused.version, by: w.wfp, today: Self.today)
            let after = try await store.declarations.decideAmendment(
                id: d.id, sequence: try #require(again.pendingAmendment).sequence, accept: true, reason: nil, version: again.version,
                by: w.customsKE, today: Self.today)
            #expect(after.lines.map(\.quantity) == [Quantity(units: 250), Quantity(units: 100)])
            #expect(after.state == .laneAssigned && after.lane == .yellow, "selectivity ran again on the new content")
            #expect(after.laneReasons.contains("special cargo needs its documents checked"))
            #expect(after.documents.contains { $0.document == RequiredDocument.importAuthorisation.rawValue && $0.status == "missing" })
            let trail = try #require(try await store.declarations.audit(id: d.id, by: w.customsKE))
            #expect(
                trail.events.map(\.action).suffix(4) == [
                    "amendment requested", "amendment refused", "amendment requested", "amendment accepted",
                ])
            let accepted = try #require(trail.events.last)
            #expect(accepted.after.contains("line 1 quantity: 200 → 250"))
            #expect(accepted.after.contains("selectivity again: \(d.lane!.rawValue) → yellow"), "\(accepted.after)")
            #expect(trail.broken == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPackingListReplacesTheLinesOrSaysWhereItIsWrong(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await D.world(store)
            let d = try await store.declarations.create(
                D.input("PL-1", emergency: w.emergency.id), org: "WFP", by: w.wfp, today: Self.today)
            let bad = try Self.file(
                "Désignation,Code SH,Quantité,Unité,Poids brut kg,Valeur,Devise,Origine\n"
                    + "Bâches 4x6,392690,5000,pièce,22500,40000,USD,AE\n"
                    + "Couvertures,6301,100,pièce,150,800,USD,PK\n"
                    + "Jerrycans,392330,0,pièce,30,300,EURO,Z9\n")
            defer { try? FileManager.default.removeItem(at: bad) }
            do {
                _ = try await store.declarations.amendLines(
                    id: d.id, packingListAt: bad, fileName: "liste.csv", version: d.version, by: w.wfp,
                    today: Self.today)
                Issue.record("a bad packing list was accepted")
            } catch let error as DomainError {
                let problems = error.problems.map { "\($0.row.map(String.init) ?? "-")|\($0.column ?? "-")|\($0.field ?? "-")" }
                #expect(problems.contains("3|Code SH|hs_code"), "\(error.problems)")
                #expect(problems.contains("4|Quantité|quantity"))
                #expect(problems.contains("4|Devise|currency"))
                #expect(problems.contains("4|Origine|origin"))
            }
            #expect(try await store.declarations.view(id: d.id, by: w.wfp)?.version == d.version, "nothing changed")
            let missing = try Self.file("Description,Quantity\nTents,5\n")
            defer { try? FileManager.default.removeItem(at: missing) }
            await #expect(throws: DomainError.self) {
                try await store.declarations.amendLines(id: d.id, packingListAt: missing, fileName: "p.csv", version: d.version, by: w.wfp)
            }
            let good = try Self.file(
                "Description,HS code,Qty,Unit,Gross weight kg,Value,Currency,Country of origin,Re-export by\n"
                    + "Tarpaulins 4x6,392690,5000,piece,22500,40000,USD,AE,\n"
                    + "Generator 20 kVA,850212,2,piece,900,30000,USD,DE,2026-12-31\n")
            defer { try? FileManager.default.removeItem(at: good) }
            let after = try await store.declarations.amendLines(
                id: d.id, packingListAt: good, fileName: "p.csv", version: d.version, by: w.wfp,
                today: Self.today)
            #expect(after.lines.count == 2)
            #expect(after.lines[1].reExportBy == "2026-12-31")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aProvidedDocumentIsStoredWithItsHash(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await D.world(store)
            let d = try await store.declarations.create(
                D.input("DOC-1", emergency: w.emergency.id), org: "WFP", by: w.wfp, today: Self.today)
            let bytes = Data((0..<5000).map { UInt8($0 % 251) })
            let after = try await store.declarations.setDocument(
                id: d.id, document: .packingList, status: .provided,
                file: DocumentUpload(fileName: "packing list.pdf", contentType: "application/pdf", bytes: bytes), by: w.wfp)
            let doc = try #require(after.documents.first { $0.document == "packing_list" })
            #expect(doc.stored && doc.sizeBytes == 5000 && doc.sha256?.count == 64)
            #expect(
                try await store.declarations.documentFile(id: d.id, document: .packingList, by: w.customsKE) == nil,
                "a draft's files are the declarant's")
            _ = try await store.steps.take(id: d.id, .lodge, version: after.version, by: w.wfp, today: Self.today)
            let stored = try #require(try await store.declarations.documentFile(id: d.id, document: .packingList, by: w.customsKE))
            #expect(stored.upload.bytes == bytes && stored.sha256 == doc.sha256)
            #expect(try await store.declarations.documentFile(id: d.id, document: .packingList, by: w.krcs) == nil, "not a party")
            await #expect(throws: DomainError.self) {
                try await store.declarations.setDocument(
                    id: d.id, document: .packingList, status: .provided,
                    file: DocumentUpload(fileName: "../x", contentType: "", bytes: bytes), by: w.wfp)
            }
            let events = try #require(try await store.declarations.audit(id: d.id, by: w.wfp)).events
            #expect(events.contains { $0.after == "provided sha256:\(doc.sha256!)" })
        }
    }

    @Test(arguments: TestDatabase.available)
    func eachCountryKeepsItsOwnSelectivityRules(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await D.world(store)
            var rules = SelectivityRuleSet.standard
            rules.rules.append(SelectivityRule(criterion: .originCountry, lane: .red, reason: "origin"))
            await #expect(throws: DomainError.self) { try await store.selectivityRules.put(country: "KE", rules, by: w.customsKE) }
            rules = SelectivityRuleSet(
                rules: [SelectivityRule(criterion: .specialCargo, lane: .red, reason: "medicines are examined")], randomRate: 0)
            await #expect(throws: DomainError.self) { try await store.selectivityRules.put(country: "KE", rules, by: w.customsNP) }
            let saved = try await store.selectivityRules.put(country: "KE", rules, by: w.customsKE)
            #expect(saved.customised)
            #expect(try await store.selectivityRules.get(country: "NP").customised == false)
            let d = try await store.declarations.create(
                Self.amended(
                    try await store.declarations.create(
                        D.input("SEL-0", emergency: w.emergency.id), org: "WFP", by: w.wfp, today: Self.today), lines: [Self.medicines]
                ).with(reference: "SEL-1"),
                org: "WFP", by: w.wfp, today: Self.today)
            let lodged = try await store.steps.take(id: d.id, .lodge, version: d.version, by: w.wfp, today: Self.today)
            let laned = try await store.steps.take(id: d.id, .assignLane, version: lodged.version, by: w.customsKE, today: Self.today)
            #expect(laned.lane == .red && laned.laneReasons == ["medicines are examined"], "KE's own rules, not the standard set")
        }
    }

    @Test(arguments: TestDatabase.available)
    func valueFarFromTheCataloguesGoesBlue(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await D.world(store)
            _ = try await store.items.setIndicativeValue(code: "SHE-TENT-FAM", valueUSD: Quantity(units: 300), by: .console)
            await #expect(throws: DomainError.self) {
                try await store.items.setIndicativeValue(code: "SHE-TENT-FAM", valueUSD: Quantity(units: -1), by: .console)
            }
            await #expect(throws: DomainError.self) {
                try await store.items.setIndicativeValue(code: "SHE-TENT-FAM", valueUSD: Quantity(units: 1), by: w.wfp)
            }
            // A first declaration sets the history, so only the value rule can colour the second.
            _ = try await Self.lodgedWithLane(w, "VAL-0")
            var input = D.input("VAL-1", emergency: w.emergency.id)
            input.lines[0].value = "6000000"
            var d = try await store.declarations.create(input, org: "WFP", by: w.wfp, today: Self.today)
            d = try await store.steps.take(id: d.id, .lodge, version: d.version, by: w.wfp, today: Self.today)
            d = try await store.steps.take(id: d.id, .assignLane, version: d.version, by: w.customsKE, today: Self.today)
            #expect(d.laneReasons.contains("declared value per kg far from the catalogue's"), "\(d.laneReasons)")
            #expect(d.lane == .blue || d.lane == .yellow)
            input = D.input("VAL-2", emergency: w.emergency.id)
            input.lines[0].grossKg = 100
            let light = try await store.declarations.create(input, org: "WFP", by: w.wfp, today: Self.today)
            #expect(light.warnings.count == 1 && light.warnings[0].hasPrefix("line 1: gross weight 100 kg"), "\(light.warnings)")
        }
    }

    @Test(arguments: TestDatabase.available)
    func queriesCarryTheirTextAndTheQueueOrdersByPriorityThenAge(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await D.world(store)
            let d = try await Self.lodgedWithLane(w, "Q-1")
            await #expect(throws: DomainError.self, "a query needs its question") {
                try await store.steps.take(id: d.id, .query, version: d.version, by: w.customsKE, today: Self.today)
            }
            var q = try await store.steps.take(
                id: d.id, .query, version: d.version, message: "Which model of tent?", by: w.customsKE, today: Self.today)
            q = try await store.steps.take(
                id: d.id, .answer, version: q.version, message: "UNHCR family tent, 16 m²", by: w.wfp, today: Self.today)
            #expect(q.messages.map(\.text) == ["Which model of tent?", "UNHCR family tent, 16 m²"])
            #expect(q.messages.map(\.party) == [.customs, .declarant])

            // Unrequested goods (blankets are not on the list), urgent tents lodged later, urgent tents arrived long ago.
            var blankets = D.input("Q-2", emergency: w.emergency.id)
            blankets.lines[0] = DeclarationLineInput(
                description: "Blankets", itemCode: "NFI-BLKT-HT", hsCode: "630140", quantity: "100", unit: "piece",
                grossKg: 150, value: "800", currency: "USD", origin: "PK")
            let now = UnixTime.now()
            let b = try await store.declarations.create(blankets, org: "WFP", by: w.wfp, today: Self.today, at: now - 9000)
            _ = try await store.steps.take(id: b.id, .lodge, version: b.version, by: w.wfp, today: Self.today, at: now - 9000)
            let t = try await store.declarations.create(D.input("Q-3", emergency: w.emergency.id), org: "WFP", by: w.wfp, today: Self.today)
            _ = try await store.steps.take(id: t.id, .lodge, version: t.version, by: w.wfp, today: Self.today, at: now - 60)
            let old = try await store.declarations.create(
                D.input("Q-4", emergency: w.emergency.id), org: "WFP", by: w.wfp, today: Self.today)
            let lodged = try await store.steps.take(id: old.id, .lodge, version: old.version, by: w.wfp, today: Self.today, at: now - 100)
            _ = try await store.steps.recordArrival(id: old.id, at: now - 3 * 3600, by: w.customsKE)
            let queue = try await store.declarations.list(by: w.customsKE, now: now)
            #expect(queue.prefix(4).map(\.reference) == ["Q-4", "Q-3", "Q-1", "Q-2"], "\(queue.map(\.reference))")
            let first = try #require(queue.first)
            #expect(first.needsPriority == 1 && first.serviceLevel == .breached, "3 h since arrival without a lane: over the 2 h target")
            #expect(queue.last?.reference == "Q-2" && queue.last?.needsPriority == nil && queue.last?.serviceLevel == .notArrived)
            #expect(lodged.version > 0)
            #expect(try await store.declarations.list(by: w.customsNP).isEmpty)
            #expect(try await store.declarations.list(by: w.krcs).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func provisionalReleasesAndTemporaryAdmissionsAreFollowedUp(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await D.world(store)
            let quake = try await store.customs.createEmergency(
                EmergencyInput(
                    country: "KE", name: "Quake", hazard: "earthquake", declared: "2026-05-01", ends: nil,
                    facilities: EmergencyFacilities(provisionalDeadlineDays: 10)), by: .console)
            var input = D.input("PROV-1", emergency: quake.id)
            input.lines.append(
                DeclarationLineInput(
                    description: "Generator", itemCode: nil, hsCode: "850212", quantity: "1", unit: "piece",
                    grossKg: 500, value: "15000", currency: "USD", origin: "DE", temporaryAdmission: true,
                    reExportBy: "2026-07-01"))
            let now = UnixTime.now()
            let released = now - 20 * 86_400
            var d = try await store.declarations.create(input, org: "WFP", by: w.wfp, today: Self.today, at: released - 3600)
            d = try await store.steps.take(id: d.id, .lodge, version: d.version, by: w.wfp, today: Self.today, at: released - 3600)
            d = try await store.steps.take(
                id: d.id, .assignLane, version: d.version, by: w.customsKE, today: Self.today, at: released - 1800)
            d = try await store.steps.take(id: d.id, .release, version: d.version, by: w.customsKE, today: Self.today, at: released)
            #expect(d.times.completionDue == released + 10 * 86_400)
            var due = try await store.declarations.obligations(by: w.wfp, now: now)
            #expect(due.completions.map(\.reference) == ["PROV-1"] && due.completions[0].overdue)
            #expect(due.reExports.map(\.line) == [2] && due.reExports[0].overdue)
            #expect(try await store.declarations.obligations(by: w.krcs, now: now).completions.isEmpty)
            await #expect(throws: DomainError.self) {
                try await store.steps.take(id: d.id, .complete, version: d.version, by: w.wfp, today: Self.today)
            }
            await #expect(throws: DomainError.self, "only customs record a re-export") {
                try await store.declarations.recordReExport(id: d.id, line: 2, version: d.version, by: w.wfp)
            }
            await #expect(throws: DomainError.self, "line 1 was not admitted temporarily") {
                try await store.declarations.recordReExport(id: d.id, line: 1, version: d.version, by: w.customsKE)
            }
            d = try await store.declarations.recordReExport(id: d.id, line: 2, version: d.version, by: w.customsKE)
            for doc in d.documents where doc.status == "missing" {
                d = try await store.declarations.setDocument(
                    id: d.id, document: RequiredDocument(rawValue: doc.document)!, status: .provided,
                    file: DocumentUpload(
                        fileName: "\(doc.document).pdf", contentType: "application/pdf",
                        bytes: Data("pdf".utf8)), by: w.wfp)
            }
            d = try await store.steps.take(id: d.id, .complete, version: d.version, by: w.wfp, today: Self.today)
            due = try await store.declarations.obligations(by: w.customsKE, now: now)
            #expect(due.completions.isEmpty && due.reExports.isEmpty)
            #expect(try await DeclarationAudit.verifyAll(store.database).isEmpty)
        }
    }

    static func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-pl-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url
    }
}

extension DeclarationInput {
    func with(reference: String) -> DeclarationInput {
        var copy = self
        copy.reference = reference
        return copy
    }
}
