import CorridorCore
import Foundation
import Testing

@Suite struct QuantityTests {
    @Test(arguments: [
        ("1234", "1234"), ("1234.5", "1234.5"), ("1,234.5", "1234.5"), ("1 234,5", "1234.5"), ("1.234.567", "1234567"),
        ("1.234.567,25", "1234567.25"), ("1,5", "1.5"), ("0,125", "0.125"), ("12'000", "12000"), (" 7 ", "7"), ("+3", "3"),
        ("1,234,567", "1234567"), ("0.001", "0.001"),
    ])
    func parsesWhatLogisticiansType(_ raw: String, _ expected: String) throws {
        guard case .success(let quantity) = Quantity.parse(raw) else { Issue.record("\(raw) refused"); return }
        #expect(quantity.description == expected)
    }

    @Test(arguments: [
        ("1,234", QuantityProblem.ambiguous), ("", .empty), ("12a", .notANumber), ("1.2345", .tooPrecise),
        ("1,23,4", .notANumber), ("=A1", .notANumber), ("1.2.3,4,5", .notANumber), ("99999999999999999", .tooLarge),
    ])
    func refusesWhatCouldBeMisread(_ raw: String, _ problem: QuantityProblem) {
        #expect(Quantity.parse(raw) == .failure(problem))
    }

    @Test func sumsAreExact() throws {
        let tenth = try Quantity.parse("0.1").get()
        let sum = (0..<10).reduce(Quantity.zero) { total, _ in total + tenth }
        #expect(sum == Quantity(units: 1))
    }
}

@Suite struct DayTests {
    @Test func productsAreExactAndRoundedHalfAwayFromZero() throws {
        func q(_ text: String) throws -> Quantity { try Quantity.parse(text).get() }
        #expect(try q("3").multiplied(by: q("0.02"))?.description == "0.06")
        #expect(try q("1234.567").multiplied(by: q("0.333"))?.description == "411.111", "411.110811")
        #expect(try q("0.5").multiplied(by: q("0.001"))?.description == "0.001", "0.0005 rounds up")
        #expect(try q("0.5").multiplied(by: Quantity(milli: -1))?.description == "-0.001", "and away from zero")
        #expect(try q("0.4").multiplied(by: q("0.001")) == .zero)
        #expect(Quantity(units: 1_000_000_000).multiplied(by: Quantity(units: 1_000_000_000)) == nil, "10^18 units do not fit")
    }

    @Test func parsesISOAndDayFirstAndSerials() {
        #expect(Day.parse("2026-03-31")?.description == "2026-03-31")
        #expect(Day.parse("2026-03-31T10:00:00Z")?.description == "2026-03-31")
        #expect(Day.parse("2026-02-30") == nil)
        #expect(Day.parse("31/03/2026") == nil)
        #expect(Day.parse("31/03/2026", convention: .dayFirst)?.description == "2026-03-31")
        #expect(Day.fromSpreadsheetSerial("45658")?.description == "2025-01-01")
    }

    @Test func arithmeticRoundTrips() throws {
        let day = try #require(Day(year: 2024, month: 2, day: 28))
        #expect(day.adding(days: 1).description == "2024-02-29")
        #expect(day.adding(days: 2).description == "2024-03-01")
        #expect(Day(ordinal: 0).description == "1970-01-01")
        #expect(Day(ordinal: day.ordinal) == day)
    }
}

@Suite struct GeodesyTests {
    @Test func greatCircleDistancesMatchKnownValues() {
        // Brindisi to Dubai is about 3,845 km along the great circle.
        let brindisiDubai = Geodesy.distanceKm(lat1: 40.66, lon1: 17.95, lat2: 25.0, lon2: 55.1)
        #expect(abs(brindisiDubai - 3_845) < 5)
        #expect(Geodesy.distanceKm(lat1: 0, lon1: 0, lat2: 0, lon2: 0) == 0)
        #expect(abs(Geodesy.distanceKm(lat1: 0, lon1: 0, lat2: 0, lon2: 180) - 20_015) < 5)
    }
}
