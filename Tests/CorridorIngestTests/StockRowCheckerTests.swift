import CorridorCore
@testable import CorridorIngest
import Foundation
import Testing

@Suite struct StockRowCheckerTests {
    static let tent = Item(
        code: "SHE-TENT-FAM", name: "Family tent", sector: .shelter, group: "Shelter", family: "shelter_household",
        familyLabel: "Household shelter", unit: "piece", weightKg: 45, volumeM3: 0.2, hsCode: "630622", kit: false,
        coveragePeople: 5, coverageDays: 180)
    static let context = StockReportContext(
        reportingOrg: "WFP", items: [tent], aliases: ["T-001": "SHE-TENT-FAM"],
        organisations: [("WFP", "World Food Programme"), ("UNICEF", "UNICEF")],
        countries: [
            "KE": .init(alpha2: "KE", box: .init(minLon: 33.9, minLat: -4.7, maxLon: 41.9, maxLat: 5.0)),
            "KEN": .init(alpha2: "KE", box: .init(minLon: 33.9, minLat: -4.7, maxLon: 41.9, maxLat: 5.0)),
        ],
        sites: [.init(id: 7, code: "NBO-1", name: "Nairobi warehouse", country: "KE")],
        today: Day(year: 2026, month: 6, day: 1)!)

    static func cells(_ values: [StockField: String]) -> StockCells {
        StockCells(values.mapValues { StockCell(text: $0, column: "col") })
    }

    @Test func aGoodRowIsChecked() throws {
        let outcome = StockRowChecker.check(
            Self.cells([
                .siteCode: "nbo-1", .itemCode: "T-001", .quantity: "1,200.5",
                .status: "Disponible", .expiryDate: "2027-01-31", .orgCode: "unicef",
            ]),
            rowNumber: 3, context: Self.context)
        #expect(outcome.problems.isEmpty)
        let row = try #require(outcome.row)
        #expect(row.site == .existing(id: 7))
        #expect(row.itemCode == "SHE-TENT-FAM")
        #expect(row.quantity.description == "1200.5")
        #expect(row.ownerOrg == "UNICEF")
        #expect(row.reportedAt == Self.context.today)
    }

    @Test func everyProblemOfARowIsReported() {
        let outcome = StockRowChecker.check(
            Self.cells([
                .siteCode: "NOWHERE", .itemName: "tents", .quantity: "-4",
                .expiryDate: "31/12/2026", .status: "lost", .orgCode: "XYZ",
            ]),
            rowNumber: 9, context: Self.context)
        #expect(outcome.row == nil)
        #expect(Set(outcome.problems.compactMap(\.field)) == ["item_name", "quantity", "expiry_date", "status", "org_code", "site_code"])
        #expect(outcome.problems.allSatisfy { $0.row == 9 && $0.column == "col" })
        #expect(outcome.problems.first { $0.field == "item_name" }?.problem.contains("did you mean 'Family tent'") == true)
    }

    @Test func aMistypedCodeIsAnsweredWithTheClosestCatalogueCodes() {
        let slip = StockRowChecker.check(
            Self.cells([.siteCode: "NBO-1", .itemCode: "she-tent-fan", .itemName: "Family tent", .quantity: "4"]),
            rowNumber: 2, context: Self.context)
        #expect(slip.problems.first { $0.field == "item_code" }?.problem.contains("did you mean 'SHE-TENT-FAM'?") == true)
        let unrelated = StockRowChecker.check(
            Self.cells([.siteCode: "NBO-1", .itemCode: "WSH-BUCKET-14", .quantity: "4"]),
            rowNumber: 2, context: Self.context)
        let problem = unrelated.problems.first { $0.field == "item_code" }?.problem
        #expect(problem?.hasPrefix("unknown item code 'WSH-BUCKET-14'") == true)
        #expect(problem?.contains("did you mean") == false)
    }

    @Test func newSitesNeedCountryAndCoordinatesAndAreCheckedAgainstTheCountry() throws {
        let created = StockRowChecker.check(
            Self.cells([
                .siteName: "Garissa store", .country: "KEN", .lat: "-0.45", .lon: "39.65",
                .itemCode: "SHE-TENT-FAM", .quantity: "10",
            ]), rowNumber: 4, context: Self.context)
        guard case .new(let site)? = created.row?.site else { Issue.record("expected a new site"); return }
        #expect(site.code == "GARISSA-STORE")
        #expect(site.country == "KE")
        #expect(created.warnings.isEmpty)

        let swapped = StockRowChecker.check(
            Self.cells([
                .siteName: "Swapped", .country: "KE", .lat: "39.65", .lon: "-0.45",
                .itemCode: "SHE-TENT-FAM", .quantity: "10",
            ]), rowNumber: 5, context: Self.context)
        #expect(swapped.problems.isEmpty)
        #expect(swapped.warnings.first?.field == "lat")

        let outOfRange = StockRowChecker.check(
            Self.cells([
                .siteName: "Far", .country: "KE", .lat: "95", .lon: "200",
                .itemCode: "SHE-TENT-FAM", .quantity: "1",
            ]), rowNumber: 6, context: Self.context)
        #expect(Set(outOfRange.problems.compactMap(\.field)) == ["lat", "lon"])

        let incomplete = StockRowChecker.check(
            Self.cells([.siteName: "Somewhere", .itemCode: "SHE-TENT-FAM", .quantity: "1"]),
            rowNumber: 7, context: Self.context)
        #expect(incomplete.problems.first?.problem.contains("give its name, country, latitude and longitude") == true)
    }

    @Test func theOrganisationColumnTakesACodeOrAName() {
        let byCode = StockRowChecker.check(
            Self.cells([.siteCode: "NBO-1", .itemCode: "T-001", .quantity: "1", .orgName: "wfp"]), rowNumber: 2, context: Self.context)
        #expect(byCode.problems.isEmpty && byCode.row?.ownerOrg == "WFP")
        let byName = StockRowChecker.check(
            Self.cells([.siteCode: "NBO-1", .itemCode: "T-001", .quantity: "1", .orgCode: "World Food Programme"]), rowNumber: 2,
            context: Self.context)
        #expect(byName.problems.isEmpty && byName.row?.ownerOrg == "WFP")
        let unknown = StockRowChecker.check(
            Self.cells([.siteCode: "NBO-1", .itemCode: "T-001", .quantity: "1", .orgName: "WPF"]), rowNumber: 2, context: Self.context)
        #expect(unknown.problems.first?.problem == "unknown organisation 'WPF': give its name or its code")
    }

    @Test func aNegativeNumberWithADecimalCommaIsANumberNotAFormula() {
        #expect(FormulaCells.looksLikeFormula("-72,20") == false)
        #expect(FormulaCells.looksLikeFormula("+1.5") == false)
        #expect(FormulaCells.looksLikeFormula("-1,2,3") == true)
        #expect(FormulaCells.looksLikeFormula("=SUM(A1:A3)") == true)
        #expect(FormulaCells.looksLikeFormula("-A1") == true)
        let outcome = StockRowChecker.check(
            Self.cells([
                .siteName: "Punta Arenas store", .country: "KE", .lat: "-1,20", .lon: "36,80", .itemCode: "T-001", .quantity: "1",
                .batch: "-72,20",
            ]), rowNumber: 2, context: Self.context)
        #expect(outcome.problems.isEmpty && outcome.warnings.isEmpty, "\(outcome.warnings)")
    }

    @Test func aKnownSitesCoordinatesAreCheckedAndAMoveIsReported() throws {
        var context = Self.context
        context.sitesByCode["NBO-1"]?.lat = -1.29
        context.sitesByCode["NBO-1"]?.lon = 36.82
        func check(_ lat: String, _ lon: String) -> StockRowChecker.Outcome {
            StockRowChecker.check(
                Self.cells([.siteCode: "NBO-1", .lat: lat, .lon: lon, .itemCode: "T-001", .quantity: "1"]), rowNumber: 4, context: context)
        }
        let outOfRange = check("-129", "36.82")
        #expect(outOfRange.row == nil && outOfRange.problems.map(\.field) == ["lat"], "\(outOfRange.problems)")
        let same = check("-1.2905", "36.8210")
        #expect(same.row?.site == .existing(id: 7) && same.warnings.isEmpty)
        let moved = check("-0.45", "39.65")
        guard case .moved(let move)? = moved.row?.site else { Issue.record("expected a move"); return }
        #expect(move.id == 7 && move.lat == -0.45 && move.lon == 39.65)
        #expect(moved.warnings.first?.problem.contains("km from where site NBO-1 is registered") == true, "\(moved.warnings)")
    }

    @Test func warningsDoNotBlock() throws {
        let outcome = StockRowChecker.check(
            Self.cells([
                .siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "3",
                .expiryDate: "2020-01-01", .batch: "=HYPERLINK(\"x\")",
            ]),
            rowNumber: 2, context: Self.context)
        #expect(outcome.row != nil)
        #expect(Set(outcome.warnings.compactMap(\.field)) == ["expiry_date", "batch"])
        #expect(outcome.row?.batch == "=HYPERLINK(\"x\")")
    }

    @Test func unitsMustMatchTheCatalogue() {
        #expect(
            StockRowChecker.check(
                Self.cells([.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "3", .unit: "pcs"]),
                rowNumber: 2, context: Self.context
            ).row != nil)
        #expect(
            StockRowChecker.check(
                Self.cells([.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "3", .unit: "bale"]),
                rowNumber: 2, context: Self.context
            ).problems.first?.field == "unit")
    }
}
