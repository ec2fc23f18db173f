import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import Testing

/// A table of broken stock reports. Each must be refused with the problem located at the right
/// row and field, and must leave the stock exactly as it was.
@Suite struct BadStockFilesTests {
    struct Case: CustomStringConvertible {
        var name: String
        var data: Data
        var row: Int?
        var field: String?
        var description: String { name }

        init(_ name: String, _ text: String, row: Int?, field: String?) {
            self.init(name, Data(text.utf8), row: row, field: field)
        }

        init(_ name: String, _ data: Data, row: Int?, field: String?) {
            (self.name, self.data, self.row, self.field) = (name, data, row, field)
        }
    }

    static let head = "#loc+code,#item+code,#indicator+num,#status,#date+expiry,#date+reported,#org+code,#meta+unit\n"
    static let newSiteHead = "#loc+name,#country+code,#geo+lat,#geo+lon,#item+code,#quantity\n"
    static let good = "NBO-1,SHE-TENT-FAM,5,,,,,\n"

    static let cases: [Case] = [
        Case("unknown item code", head + good + "NBO-1,SHE-TENT-XXL,5,,,,,\n", row: 3, field: "item_code"),
        Case("unknown item name", "#loc+code,#item+name,#quantity\nNBO-1,Igloo,3\n", row: 2, field: "item_name"),
        Case("quantity is text", head + "NBO-1,SHE-TENT-FAM,many,,,,,\n", row: 2, field: "quantity"),
        Case("negative quantity", head + "NBO-1,SHE-TENT-FAM,-5,,,,,\n", row: 2, field: "quantity"),
        Case("ambiguous thousands", head + "NBO-1,SHE-TENT-FAM,\"1,234\",,,,,\n", row: 2, field: "quantity"),
        Case("four decimals", head + "NBO-1,SHE-TENT-FAM,1.2345,,,,,\n", row: 2, field: "quantity"),
        Case("empty quantity", head + "NBO-1,SHE-TENT-FAM,,,,,,\n", row: 2, field: "quantity"),
        Case("formula as quantity", head + "NBO-1,SHE-TENT-FAM,=1+1,,,,,\n", row: 2, field: "quantity"),
        Case("impossible expiry", head + "NBO-1,SHE-TENT-FAM,5,,2026-13-01,,,\n", row: 2, field: "expiry_date"),
        Case("day-first expiry undeclared", head + "NBO-1,SHE-TENT-FAM,5,,31/12/2026,,,\n", row: 2, field: "expiry_date"),
        Case("report dated in the future", head + "NBO-1,SHE-TENT-FAM,5,,,2030-01-01,,\n", row: 2, field: "reported_date"),
        Case("report date garbled", head + "NBO-1,SHE-TENT-FAM,5,,,yesterday,,\n", row: 2, field: "reported_date"),
        Case("unknown status", head + "NBO-1,SHE-TENT-FAM,5,stolen,,,,\n", row: 2, field: "status"),
        Case("unknown owner code", head + "NBO-1,SHE-TENT-FAM,5,,,,XYZ,\n", row: 2, field: "org_code"),
        Case(
            "unknown owner name", "#loc+code,#item+code,#quantity,#org+name\nNBO-1,SHE-TENT-FAM,5,Acme Relief\n", row: 2, field: "org_name"),
        Case("unit differs from catalogue", head + "NBO-1,SHE-TENT-FAM,5,,,,,bale\n", row: 2, field: "unit"),
        Case("unknown site code", head + "ZZZ-9,SHE-TENT-FAM,5,,,,,\n", row: 2, field: "site_code"),
        Case("no site on the row", head + ",SHE-TENT-FAM,5,,,,,\n", row: 2, field: "site_code"),
        Case("no item on the row", head + "NBO-1,,5,,,,,\n", row: 2, field: "item_code"),
        Case("new site without coordinates", "#loc+name,#item+code,#quantity\nNew place,SHE-TENT-FAM,5\n", row: 2, field: "site_name"),
        Case("new site with unknown country", newSiteHead + "New place,XX,1,36,SHE-TENT-FAM,5\n", row: 2, field: "country"),
        Case("latitude out of range", newSiteHead + "New place,KE,91,36,SHE-TENT-FAM,5\n", row: 2, field: "lat"),
        Case("longitude out of range", newSiteHead + "New place,KE,-1,181,SHE-TENT-FAM,5\n", row: 2, field: "lon"),
        Case("latitude not a number", newSiteHead + "New place,KE,north,36,SHE-TENT-FAM,5\n", row: 2, field: "lat"),
        Case(
            "existing site in another country", "#loc+code,#country+code,#item+code,#quantity\nNBO-1,UG,SHE-TENT-FAM,5\n", row: 2,
            field: "country"),
        Case("no quantity column", "#loc+code,#item+code\nNBO-1,SHE-TENT-FAM\n", row: 1, field: "quantity"),
        Case("no item column", "#loc+code,#quantity\nNBO-1,5\n", row: 1, field: "item_code"),
        Case("no site column", "Item code,Quantity\nSHE-TENT-FAM,5\n", row: 1, field: "site_code"),
        Case("unknown headers only", "Colour,Mood\nblue,happy\n", row: 1, field: "item_code"),
        Case("empty file", "", row: 1, field: nil),
        Case("headers but no rows", "Site,Item,Qty\n#loc+code,#item+code,#indicator+num\n", row: 2, field: nil),
        Case("unterminated quote", head + good + "NBO-1,\"SHE-TENT-FAM,5,,,,,\n", row: 3, field: nil),
        Case("invalid UTF-8", Data(head.utf8) + Data([0x4E, 0x42, 0xFF, 0xFE]) + Data(",SHE-TENT-FAM,5,,,,,\n".utf8), row: 2, field: nil),
        Case("problem after good rows", head + good + good + good + "NBO-1,SHE-TENT-FAM,five,,,,,\n", row: 5, field: "quantity"),
    ]

    @Test func everyBadFileIsRefusedWhereItIsWrongAndNothingIsWritten() async throws {
        #expect(Self.cases.count >= 30)
        try await TestDatabase.sqlite.withStore { store in
            try await ImportFixture.prepare(store)
            let before = try await store.stock.lines(StockFilter(), visibleTo: .console)
            for testCase in Self.cases {
                var reader = CSVReader(data: testCase.data)
                do {
                    _ = try await store.stockImporter.run(
                        &reader, StockImportRequest(org: "WFP", fileName: testCase.name, today: ImportFixture.today), by: .console)
                    Issue.record("\(testCase): accepted")
                } catch let error as DomainError {
                    let first = error.problems.first
                    #expect(first?.row == testCase.row, "\(testCase): row \(String(describing: first?.row)) — \(error.message)")
                    #expect(first?.field == testCase.field, "\(testCase): field \(String(describing: first?.field)) — \(error.message)")
                    #expect(!(first?.problem.isEmpty ?? true))
                }
            }
            #expect(try await store.stock.lines(StockFilter(), visibleTo: .console) == before)
        }
    }
}
