import CorridorCore
import CorridorStore
import Foundation
import Logging
import SQLKit
import Testing

@Suite struct DeclarationTests {
    struct World {
        var store: Store
        var wfp: Actor
        var krcs: Actor
        var customsKE: Actor
        var customsNP: Actor
        var emergency: Emergency
    }

    static let today = Day(year: 2026, month: 6, day: 1)!

    static func world(_ store: Store) async throws -> World {
        try await ImportFixture.prepare(store)
        func user(_ email: String, _ role: Role) async throws -> Actor {
            try await store.users.create(NewUser(email: email, name: "", password: "long enough pw", roles: [role]), by: .console).actor
        }
        let world = World(
            store: store, wfp: try await user("w@x.org", .orgMember(orgCode: "WFP")),
            krcs: try await user("k@x.org", .orgMember(orgCode: "KRCS")),
            customsKE: try await user("c@x.org", .customsOfficer(country: "KE")),
            customsNP: try await user("n@x.org", .customsOfficer(country: "NP")),
            emergency: try await store.customs.createEmergency(
                EmergencyInput(
                    country: "KE", name: "Floods", hazard: "flood", declared: "2026-05-01", ends: nil, facilities: nil), by: .console))
        try await store.customs.addNeed(
            NeedsListEntry(itemCode: nil, hsHeading: "6306", priority: .urgent), to: world.emergency.id, by: .console)
        // Kenya's customs keeps its rates: duties are assessed in shillings.
        for (currency, rate) in [("USD", "129.5"), ("EUR", "140.25")] {
            _ = try await store.exchangeRates.set(
                country: "KE", ExchangeRateInput(currency: currency, date: "2026-01-01", rate: rate), by: world.customsKE)
        }
        let request = try await store.accreditations.request(org: "WFP", country: "KE", by: world.wfp)
        _ = try await store.accreditations.decide(
            id: request.id, .approved, validUntil: today.adding(days: 300), by: world.customsKE, today: today)
        return world
    }

    static func input(_ reference: String, hs: String = "630622", emergency: Int64?) -> DeclarationInput {
        DeclarationInput(
            reference: reference, consignee: "Kenya Red Cross", destination: "KE", entryPoint: "KENBO", emergencyId: emergency,
            transportMode: "air", transportDocument: "176-12345675", transportDocumentType: "air_waybill", expectedArrival: "2026-06-03",
            packages: 40, packagesKind: "pallets",
            lines: [
                DeclarationLineInput(
                    description: "Family tents", itemCode: "SHE-TENT-FAM", hsCode: hs, quantity: "200", unit: "piece",
                    grossKg: 9_000, value: "60000", currency: "USD", origin: "PK")
            ])
    }

    @Test(arguments: TestDatabase.available)
    func aConsignmentGoesFromDraftToReleaseWithAnIntactAuditChain(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await Self.world(store)
            let first = try await store.declarations.create(
                Self.input("WFP-KE-001", emergency: w.emergency.id), org: "WFP", by: w.wfp, today: Self.today)
            #expect(first.state == .draft && first.version == 1)
            #expect(first.documents.map(\.document) == ["donation_certificate", "packing_list", "transport_document"])
            var d = try await store.steps.take(id: first.id, .lodge, version: 1, by: w.wfp, today: Self.today)
            d = try await store.steps.take(id: d.id, .assignLane, version: d.version, by: w.customsKE, today: Self.today)
            #expect(d.lane == .yellow, "first declaration of WFP in Kenya: documentary check")
            #expect(d.laneReasons.contains("first declaration of this organisation in the country"))
            await #expect(throws: DomainError.self) {
                try await store.steps.take(id: d.id, .release, version: d.version, by: w.customsKE, today: Self.today)
            }
            for doc in [RequiredDocument.packingList, .transportDocument] {
                d = try await store.declarations.setDocument(
                    id: d.id, document: doc, status: .provided,
                    file: DocumentUpload(
                        fileName: "\(doc.rawValue).pdf", contentType: "application/pdf",
                        bytes: Data("%PDF \(doc.rawValue)".utf8)), by: w.wfp)
            }
            await #expect(throws: DomainError.self) {
                try await store.declarations.setDocument(
                    id: d.id, document: .donationCertificate, status: .waived, reason: "not needed", by: w.wfp)
            }
            d = try await store.declarations.setDocument(
                id: d.id, document: .donationCertificate, status: .waived, reason: "waived under the emergency's simplified procedure",
                by: w.customsKE)
            d = try await store.steps.recordArrival(id: d.id, at: UnixTime.now() - 5 * 3600, by: w.customsKE)
            await #expect(throws: DomainError.self) { try await store.steps.recordArrival(id: d.id, by: w.customsKE) }
            d = try await store.steps.take(id: d.id, .release, version: d.version, by: w.customsKE, today: Self.today)
            #expect(d.state == .released)
            let times = try await store.declarations.releaseTimes(country: "KE")
            #expect(times.all.count == 1 && times.entryPoints["KENBO"]?.count == 1)
            #expect(abs((times.all.medianHours ?? 0) - 5) < 0.2)
            await #expect(throws: DomainError.self) {
                try await store.steps.take(id: d.id, .cancel, version: d.version, message: "no longer needed", by: w.wfp, today: Self.today)
            }
            let trail = try #require(try await store.declarations.audit(id: d.id, by: w.customsKE))
            #expect(
                trail.events.map(\.action) == [
                    "create", "lodge", "assign_lane", "document packing_list", "document transport_document",
                    "document donation_certificate", "arrival", "release",
                ])
            #expect(trail.broken == nil)

            // A second declaration of the same, accredited organisation, on the needs list: green unless drawn at random.
            let second = try await store.declarations.create(
                Self.input("WFP-KE-002", emergency: w.emergency.id), org: "WFP", by: w.wfp, today: Self.today)
            var e = try await store.steps.take(id: second.id, .lodge, version: 1, by: w.wfp, today: Self.today)
            e = try await store.steps.take(id: e.id, .assignLane, version: e.version, by: w.customsKE, today: Self.today)
            let drawn =
                Selectivity.draw(seed: DeclarationRepository.selectionSeed, reference: "WFP/WFP-KE-002")
                < SelectivityRuleSet.standard.randomRate
            #expect(e.lane == (drawn ? .yellow : .green))

            // Editing an audit row directly is caught.
            try await store.database.withConnection { db in
                try await db.raw("UPDATE audit_events SET after_state = 'released' WHERE declaration_id = \(bind: d.id) AND sequence = 2")
                    .run()
            }
            #expect(try await DeclarationAudit.verifyAll(store.database).map(\.sequence) == [2])
        }
    }

    @Test(arguments: TestDatabase.available)
    func badDeclarationsAreRefusedWithEveryProblemLocated(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await Self.world(store)
            var input = Self.input("X-1", emergency: w.emergency.id)
            input.entryPoint = "NPKTM"
            input.lines.append(
                DeclarationLineInput(
                    description: "", itemCode: nil, hsCode: "9999", quantity: "0", unit: "kg", grossKg: 0,
                    value: "-1", currency: "usd1", origin: "Kenya"))
            do {
                _ = try await store.declarations.create(input, org: "WFP", by: w.wfp, today: Self.today)
                Issue.record("accepted")
            } catch let error as DomainError {
                #expect(
                    Set(error.problems.compactMap(\.field)) == [
                        "lines[1].description", "lines[1].hs_code", "lines[1].quantity",
                        "lines[1].value", "lines[1].gross_kg", "lines[1].currency", "lines[1].origin",
                    ])
            }
            input = Self.input("X-2", hs: "999999", emergency: 999)
            input.entryPoint = "NPKTM"
            do {
                _ = try await store.declarations.create(input, org: "WFP", by: w.wfp, today: Self.today)
                Issue.record("accepted")
            } catch let error as DomainError {
                #expect(Set(error.problems.compactMap(\.field)) == ["entry_point", "emergency_id", "lines[0].hs_code"])
            }
            _ = try await store.declarations.create(Self.input("DUP", emergency: nil), org: "WFP", by: w.wfp, today: Self.today)
            await #expect(throws: DomainError.self) {
                try await store.declarations.create(Self.input("DUP", emergency: nil), org: "WFP", by: w.wfp, today: Self.today)
            }
            #expect(try await store.declarations.list(by: w.wfp).count == 1, "nothing of the refused ones was written")
        }
    }

    @Test(arguments: TestDatabase.available)
    func nobodySeesDeclarationsOfOthers(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await Self.world(store)
            let d = try await store.declarations.create(Self.input("T-1", emergency: nil), org: "WFP", by: w.wfp, today: Self.today)
            // A draft is its declarant's own; Kenya's customs sees it once it is lodged.
            let visibility: [(Actor, Bool, Bool)] = [
                (w.wfp, true, true), (w.customsKE, false, true), (.console, true, true), (w.krcs, false, false),
                (w.customsNP, false, false),
                (.anonymous, false, false), (.user(id: 99, email: "g@x.org", roles: [.coordinator(country: nil)]), false, false),
            ]
            let lodged = try await store.declarations.create(Self.input("T-2", emergency: nil), org: "WFP", by: w.wfp, today: Self.today)
            _ = try await store.steps.take(id: lodged.id, .lodge, version: lodged.version, by: w.wfp, today: Self.today)
            for (actor, seesDraft, seesLodged) in visibility {
                #expect((try await store.declarations.view(id: d.id, by: actor) != nil) == seesDraft, "\(actor)")
                #expect((try await store.declarations.view(id: lodged.id, by: actor) != nil) == seesLodged, "\(actor)")
                #expect(try await store.declarations.list(by: actor).count == [seesDraft, seesLodged].filter { $0 }.count, "\(actor)")
            }
            await #expect(throws: DomainError.self) { try await store.steps.take(id: d.id, .lodge, version: 1, by: w.krcs) }
            await #expect(throws: DomainError.self) {
                try await store.declarations.create(Self.input("T-2", emergency: nil), org: "WFP", by: w.krcs)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func fiftyConcurrentReleasesYieldExactlyOne(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await Self.world(store)
            var d = try await store.declarations.create(
                Self.input("RACE-1", emergency: w.emergency.id), org: "WFP", by: w.wfp, today: Self.today)
            d = try await store.steps.take(id: d.id, .lodge, version: d.version, by: w.wfp, today: Self.today)
            d = try await store.steps.take(id: d.id, .assignLane, version: d.version, by: w.customsKE, today: Self.today)
            for doc in d.documents {
                d = try await store.declarations.setDocument(
                    id: d.id, document: RequiredDocument(rawValue: doc.document)!, status: .waived,
                    reason: "waived under the emergency's simplified procedure", by: w.customsKE)
            }
            let (id, version, customs) = (d.id, d.version, w.customsKE)
            let outcomes = await withTaskGroup(of: String.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        do {
                            _ = try await store.steps.take(id: id, .release, version: version, by: customs, today: Self.today)
                            return "ok"
                        } catch let error as DomainError { return error.code } catch { return "error: \(error)" }
                    }
                }
                var all: [String] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.filter { $0 == "ok" }.count == 1)
            #expect(outcomes.filter { $0 == "conflict" }.count == 49, "\(Set(outcomes))")
            #expect(try await DeclarationAudit.verifyAll(store.database).isEmpty)
            #expect(try await store.declarations.audit(id: id, by: customs)?.events.filter { $0.action == "release" }.count == 1)
        }
    }

    /// The cap on lines holds for a declaration entered line by line (API, form), not only for a
    /// packing list: one line too many is refused, by name, and nothing is written.
    @Test(arguments: TestDatabase.available)
    func aDeclarationHasAtMost2000LinesHoweverItIsEntered(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await Self.world(store)
            var input = Self.input("WFP-KE-MANY", emergency: w.emergency.id)
            input.lines = Array(repeating: input.lines[0], count: DeclarationInput.maximumLines)
            let full = try await store.declarations.create(input, org: "WFP", by: w.wfp, today: Self.today)
            #expect(full.lines.count == 2000)
            input.lines.append(input.lines[0])
            input.reference = "WFP-KE-TOO-MANY"
            await #expect(
                throws: DomainError.invalid(
                    field: "lines", "a declaration has at most 2000 lines; this one has 2001: split the consignment")
            ) {
                _ = try await store.declarations.create(input, org: "WFP", by: w.wfp, today: Self.today)
            }
            await #expect(throws: DomainError.self) {
                _ = try await store.declarations.amend(id: full.id, input, version: full.version, by: w.wfp, today: Self.today)
            }
            let stored = try #require(try await store.declarations.view(id: full.id, by: w.wfp))
            #expect(stored.lines.count == 2000 && stored.version == full.version)
            #expect(try await store.declarations.list(by: w.wfp).map(\.reference).contains("WFP-KE-TOO-MANY") == false)
        }
    }

    /// A release is one use case: it loads the declaration once, asks the policy once and writes
    /// the state, the certificate number, the audit event and the webhook outbox, in at most 11
    /// statements (transaction control aside), and answers with the declaration as a fresh read
    /// would show it.
    @Test(arguments: TestDatabase.available)
    func aReleaseRunsInAtMostElevenQueries(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await Self.world(store)
            var d = try await store.declarations.create(
                Self.input("WFP-KE-COUNT", emergency: w.emergency.id), org: "WFP", by: w.wfp, today: Self.today)
            d = try await store.steps.take(id: d.id, .lodge, version: d.version, by: w.wfp, today: Self.today)
            d = try await store.steps.take(id: d.id, .assignLane, version: d.version, by: w.customsKE, today: Self.today)
            for doc in [RequiredDocument.packingList, .transportDocument, .donationCertificate] {
                d = try await store.declarations.setDocument(
                    id: d.id, document: doc, status: .waived, reason: "waived under the emergency's simplified procedure", by: w.customsKE)
            }
            d = try await store.steps.recordArrival(id: d.id, at: UnixTime.now() - 3600, by: w.customsKE)
            _ = try await store.webhooks.register(org: "WFP", url: "https://8.8.8.8/hook", by: w.wfp)

            let counter = StatementCounter()
            let database = try Database(
                store.database.url, logger: Logger(label: "test"), postgresSchema: store.database.postgresSchema,
                counter: counter)
            let counted = Store(database: database, settings: TestDatabase.settings)
            let released = try await counted.steps.take(id: d.id, .release, version: d.version, by: w.customsKE, today: Self.today)
            await database.close()
            #expect(
                counter.statements.count <= 11, "\(counter.statements.count) statements:\n\(counter.statements.joined(separator: "\n"))")
            #expect(released.state == .released)
            let fresh = try #require(try await store.declarations.view(id: d.id, by: w.customsKE))
            #expect(released == fresh, "the answer is the declaration as it now stands")
            let audit = try #require(try await store.declarations.audit(id: d.id, by: w.customsKE))
            #expect(audit.broken == nil && audit.events.last?.action == "release")
            let pending = try await store.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM webhook_deliveries").first()?.decode(column: "n", as: Int.self)
            }
            #expect(pending == 1, "the release is the one step since the webhook was registered")
        }
    }
}
