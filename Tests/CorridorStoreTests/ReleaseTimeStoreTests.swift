import CorridorCore
import CorridorStore
import Foundation
import Testing

@Suite struct ReleaseTimeStoreTests {
    /// Arrival of the measured consignments: 2026-05-20 00:00 UTC.
    static let arrival = Int64(Day(year: 2026, month: 5, day: 20)!.ordinal) * 86_400

    static func period(_ from: String, _ to: String) throws -> ReleasePeriod {
        try ReleasePeriod(from: from, to: to, today: DeclarationTests.today)
    }

    /// Takes one consignment from draft to release through the repository, each step at the hour
    /// (relative to `arrival`) given.
    static func release(
        _ w: DeclarationTests.World, _ reference: String, at point: String, arrival: Int64 = arrival,
        lodged: Double, lane: Double, released: Double
    ) async throws {
        func time(_ hours: Double) -> Int64 { arrival + Int64(hours * 3600) }
        func day(_ hours: Double) -> Day { Day(ordinal: Int(time(hours) / 86_400)) }
        let declarations = w.store.declarations, steps = w.store.steps
        var input = DeclarationTests.input(reference, emergency: w.emergency.id)
        input.entryPoint = point
        var d = try await declarations.create(input, org: "WFP", by: w.wfp, today: day(lodged - 1), at: time(lodged - 1))
        for document in d.documents.compactMap({ RequiredDocument(rawValue: $0.document) }) {
            d = try await declarations.setDocument(
                id: d.id, document: document, status: .provided,
                file: DocumentUpload(
                    fileName: "\(document.rawValue).pdf", contentType: "application/pdf",
                    bytes: Data("%PDF".utf8)), by: w.wfp)
        }
        d = try await steps.take(id: d.id, .lodge, version: d.version, by: w.wfp, today: day(lodged), at: time(lodged))
        if lodged > 0 { d = try await steps.recordArrival(id: d.id, at: arrival, by: w.customsKE) }
        d = try await steps.take(id: d.id, .assignLane, version: d.version, by: w.customsKE, today: day(lane), at: time(lane))
        if lodged <= 0 { d = try await steps.recordArrival(id: d.id, at: arrival, by: w.customsKE) }
        d = try await steps.take(id: d.id, .release, version: d.version, by: w.customsKE, today: day(released), at: time(released))
        #expect(d.state == .released)
    }

    @Test(arguments: TestDatabase.available)
    func segmentsAreMeasuredPerEntryPointAndCountryWithinThePeriod(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await DeclarationTests.world(store)
            // Hours after arrival: lodged (negative = before arrival), lane given, released.
            try await Self.release(w, "WFP-KE-R1", at: "KENBO", lodged: -48, lane: -47, released: 2)
            try await Self.release(w, "WFP-KE-R2", at: "KENBO", lodged: -24, lane: -22, released: 4)
            try await Self.release(w, "WFP-KE-R3", at: "KENBO", lodged: 6, lane: 9, released: 39)
            try await Self.release(w, "WFP-KE-R4", at: "KEMBA", lodged: 12, lane: 22, released: 122)
            // Released in June: outside the period.
            try await Self.release(w, "WFP-KE-R5", at: "KENBO", arrival: Self.arrival + 20 * 86_400, lodged: 1, lane: 2, released: 200)

            let may = try Self.period("2026-05-01", "2026-05-31")
            let times = try await store.declarations.releaseTimes(country: "ke", period: may)
            #expect(times.country == "KE" && times.period == may)
            let nairobi = try #require(times.entryPoints["KENBO"])
            #expect(nairobi.count == 3 && nairobi.medianHours == 4 && nairobi.p90Hours == 32)
            #expect(nairobi[.arrivalToLodgement] == summary(3, median: -24, p90: 0))
            #expect(nairobi[.lodgementToLane] == summary(3, median: 2, p90: 2.8))
            #expect(nairobi[.laneToRelease] == summary(3, median: 30, p90: 45.2))
            #expect(nairobi[.arrivalToRelease] == summary(3, median: 4, p90: 32))
            let mombasa = try #require(times.entryPoints["KEMBA"])
            #expect(mombasa[.arrivalToLodgement] == summary(1, median: 12, p90: 12))
            #expect(mombasa[.laneToRelease] == summary(1, median: 100, p90: 100))
            #expect(times.all[.arrivalToRelease] == summary(4, median: 21.5, p90: 97.1))
            #expect(times.all[.lodgementToLane] == summary(4, median: 2.5, p90: 7.9))

            let june = try await store.declarations.releaseTimes(country: "KE", period: try Self.period("2026-06-01", "2026-06-30"))
            #expect(june.all.count == 1 && june.all.medianHours == 200 && june.entryPoints.keys.sorted() == ["KENBO"])
            let nepal = try await store.declarations.releaseTimes(country: "NP", period: may)
            #expect(nepal.all.count == 0 && nepal.all.medianHours == nil && nepal.entryPoints.isEmpty)
        }
    }

    func summary(_ count: Int, median: Double, p90: Double) -> ReleaseTimeSummary {
        var summary = ReleaseTimeSummary(hours: [])
        (summary.count, summary.medianHours, summary.p90Hours) = (count, median, p90)
        return summary
    }
}
