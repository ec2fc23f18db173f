import CorridorCore
import Foundation
import Testing

@Suite struct PeopleCoveredTests {
    static func item(_ code: String, family: String, unit: String, people: Double?, days: Double?) -> Item {
        Item(
            code: code, name: code, sector: .food, group: "", family: family, familyLabel: family, unit: unit, weightKg: 1,
            volumeM3: 0.001, hsCode: "100630", kit: false, coveragePeople: people, coverageDays: days)
    }

    // The catalogue's rice: 1 kg ≈ 3,600 kcal ≈ 1.71 person-days at 2,100 kcal a day.
    static let rice = item("FOO-RICE", family: "food_ration", unit: "kg", people: 1, days: 1.71)
    static let tent = item("SHE-TENT-FAM", family: "shelter_household", unit: "piece", people: 5, days: 180)

    @Test func riceGivesPersonDaysDividedByTheHorizon() throws {
        let covered = try #require(Self.rice.peopleCovered(by: Quantity(units: 400_000)))
        // 400,000 kg × 1.71 = 684,000 person-days; ÷ 30 days = 22,800 people, not 400,000.
        #expect(abs(covered.personDays! - 684_000) < 1e-6)
        #expect(abs(covered.people - 22_800) < 1e-6)
        #expect(covered.days == 30)
        let quarter = try #require(Self.rice.peopleCovered(by: Quantity(units: 400_000), days: 90))
        #expect(abs(quarter.people - 7_600) < 1e-6)
    }

    @Test func aTentServesItsHouseholdAndHasNoPersonDays() throws {
        let covered = try #require(Self.tent.peopleCovered(by: Quantity(units: 100)))
        #expect(covered.personDays == nil && covered.people == 500)
        // Over a year, a tent planned for 180 days covers its 5 people for 180 of the 365 days.
        let year = try #require(Self.tent.peopleCovered(by: Quantity(units: 100), days: 365))
        #expect(abs(year.people - 100 * 5 * 180 / 365) < 1e-9)
    }

    @Test func weighedStockIsConsumedEvenWhenItLastsLong() throws {
        // 1 kg of iodised salt at 5 g a day: 200 person-days, 6.67 people for 30 days.
        let salt = Self.item("FOO-SALT-IOD", family: "food_salt", unit: "kg", people: 1, days: 200)
        let covered = try #require(salt.peopleCovered(by: Quantity(units: 3)))
        #expect(covered.personDays == 600 && covered.people == 20)
        #expect(PeopleCovered.use(unit: "piece", coverageDays: 30) == .consumed)  // a monthly hygiene kit
        #expect(PeopleCovered.use(unit: "set", coverageDays: 365) == .durable)  // a kitchen set
    }

    @Test func itemsWithoutCoverageCoverNobody() {
        let generator = Self.item("LOG-GEN-5KVA", family: "power", unit: "piece", people: nil, days: nil)
        #expect(generator.peopleCovered(by: Quantity(units: 10)) == nil)
    }

    @Test func familiesAreNeverAddedTogether() throws {
        let beans = Self.item("FOO-PULSE-BEANS", family: "food_ration", unit: "kg", people: 1, days: 1.6)
        let parts = [
            ("food_ration", "Food ration", try #require(Self.rice.peopleCovered(by: Quantity(units: 3_000)))),
            ("shelter_household", "Family tent", try #require(Self.tent.peopleCovered(by: Quantity(units: 10)))),
            ("food_ration", "Food ration", try #require(beans.peopleCovered(by: Quantity(units: 1_500)))),
        ].map { (family: $0.0, label: $0.1, coverage: $0.2) }
        let families = FamilyCoverage.byFamily(parts, days: 30)
        #expect(families.map(\.family) == ["food_ration", "shelter_household"])
        // Rice 3,000 × 1.71 = 5,130 and beans 1,500 × 1.6 = 2,400 person-days: 7,530 ÷ 30 = 251 people fed.
        #expect(abs(families[0].personDays! - 7_530) < 1e-9 && abs(families[0].peopleCovered - 251) < 1e-9)
        #expect(families[1].personDays == nil && families[1].peopleCovered == 50)
    }

    @Test func theHorizonIsChecked() throws {
        #expect(try PeopleCovered.horizon(nil) == 30)
        #expect(try PeopleCovered.horizon(90) == 90)
        #expect(throws: DomainError.self) { try PeopleCovered.horizon(0) }
        #expect(throws: DomainError.self) { try PeopleCovered.horizon(366) }
    }
}
