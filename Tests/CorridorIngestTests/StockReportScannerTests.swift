import CorridorCore
@testable import CorridorIngest
import Foundation
import Testing
@testable import CorridorFormats

/// `checkAll` splits a CSV report into segments that worker threads read and check with the byte-level
/// quick check; whatever the file holds, its rows must come out as the core's full check gives them
/// row by row, in order and numbered alike.
@Suite struct StockReportScannerTests {
    static let context = StockReportContext(
        reportingOrg: "WFP", items: [StockRowCheckerTests.tent], aliases: [:], organisations: [("WFP", "World Food Programme")],
        countries: ["KE": .init(alpha2: "KE", box: .init(minLon: 33.9, minLat: -4.7, maxLon: 41.9, maxLat: 5.0))],
        sites: [.init(id: 7, code: "NBO-1", name: "Nairobi warehouse", country: "KE", lat: -1.29, lon: 36.82)],
        today: Day(year: 2026, month: 6, day: 1)!)

    /// A report with every kind of record a segment boundary could fall next to.
    static func report(rows: Int) -> [UInt8] {
        var text = "Site code,Site,Country,Latitude,Longitude,Item code,Quantity,Expiry\n"
        for index in 1...rows {
            let site = "S\(index % 37)"
            switch index % 97 {
            case 5: text += "\(site),\"Store, \(index % 37)\",KE,-1.1,36.8,SHE-TENT-FAM,\(index),\n"  // quoted, with a comma
            case 11: text += "\(site),Store \(index % 37),KE,-1.1,36.8,SHE-TENT-FAM,\(index),\r\n"  // CRLF
            case 17: text += "\n"  // blank
            case 23: text += "\(site),Store \(index % 37),KE,-1.1,36.8,SHE-TENT-FAM,-\(index),\n"  // a problem
            case 29: text += "\(site),Store \(index % 37),KE,-1.1,36.8,SHE-TENT-FAM,\(index),2020-01-01\n"  // a warning
            case 31: text += "\(site),\"Store \(index % 37)\nannex\",KE,-1.1,36.8,SHE-TENT-FAM,\(index),\n"  // a line feed in quotes
            case 41: text += "\(site),Dépôt \(index % 37),KE,-1.1,36.8,SHE-TENT-FAM,\(index),\n"  // not ASCII
            case 43: text += "\(site),Store \(index % 37),KE,-1.1,36.8,\"SHE-TENT-FAM\",\(index),\n"  // quoted, plain
            case 47: text += "NBO-1,Nairobi warehouse,KE,\"-1,29\",\"36,82\",SHE-TENT-FAM,\(index),\n"  // decimal commas
            case 53: text += "NBO-1,Nairobi warehouse,KE,95,36.82,SHE-TENT-FAM,\(index),\n"  // a known site out of range
            case 59: text += "NBO-1,Nairobi warehouse,KE,-0.45,39.65,SHE-TENT-FAM,\(index),\n"  // a known site elsewhere
            case 61: text += "NBO-1,Nairobi warehouse,KE,-1.2901,36.8203,SHE-TENT-FAM,\(index),\n"  // a known site, as registered
            default: text += "\(site),Store \(index % 37),KE,-1.1,36.8,SHE-TENT-FAM,\(index),2027-01-01\n"
            }
        }
        return Array(text.utf8.dropLast())  // the last record without its line feed
    }

    /// What a row says, with new sites by value (each checker makes its own).
    static func summary(_ row: StockReportScanner.Row) -> String {
        var site = "-"
        switch row.checked?.site {
        case .existing(let id)?: site = "\(id)"
        case .moved(let move)?: site = "\(move.id) moved to \(move.lat), \(move.lon)"
        case .new(let new)?: site = "\(new.code)|\(new.name)|\(new.country)"
        case nil: break
        }
        return "\(row.number) \(site) \(row.checked.map { "\($0.itemCode) \($0.quantity) \(String(describing: $0.expiry))" } ?? "-") "
            + "\(row.fingerprint != 0) \(row.problems) \(row.warnings)"
    }

    /// The reference: every data row read one by one and given the core's full check alone.
    static func byTheCoreRules(_ bytes: [UInt8]) throws -> [String] {
        var reader = CSVReader(data: Data(bytes))
        var rows: [TabularRow] = []
        while let row = try reader.next() { rows.append(row) }
        let layout = try StockReportLayout.detect(Array(rows.prefix(StockReportLayout.searchDepth)))
        return rows.filter { $0.number > layout.headerRow && $0.cells.contains { !$0.isEmpty } }.map { row in
            let outcome = StockRowChecker.check(layout.cells(of: row), rowNumber: row.number, context: context)
            return summary(
                StockReportScanner.Row(
                    number: row.number, checked: outcome.row,
                    fingerprint: outcome.row.map(StockRowChecker.fingerprint) ?? 0,
                    problems: outcome.problems, warnings: outcome.warnings))
        }
    }

    static func inSegments(_ bytes: [UInt8], segmentBytes: Int) async throws -> [String] {
        let scanner = try StockReportScanner(CSVReader(data: Data(bytes), chunkSize: 300), segmentBytes: segmentBytes)
        var rows: [String] = []
        try await scanner.checkAll(against: context) { batch in rows += batch.map(summary) }
        return rows
    }

    @Test(arguments: [64, 700, 4096, 1 << 20])
    func segmentsGiveTheRowsTheCoreRulesGive(segmentBytes: Int) async throws {
        let bytes = Self.report(rows: 3_000)
        let expected = try Self.byTheCoreRules(bytes)
        #expect(expected.count > 2_900)
        #expect(expected.contains { $0.contains("Store, ") } && expected.contains { $0.contains("annex") })
        #expect(expected.contains { $0.contains("quantity") } && expected.contains { $0.contains("expiry") })
        #expect(expected.contains { $0.contains("7 moved to -0.45, 39.65") } && expected.contains { $0.contains("out of range") })
        #expect(!expected.contains { $0.contains("formula") }, "-1,29 is a number")
        #expect(try await Self.inSegments(bytes, segmentBytes: segmentBytes) == expected)
    }

    /// From a file, segments are read straight from it; the bytes a segment does not take go
    /// back to the reader.
    @Test(arguments: [64, 700, 1 << 20])
    func segmentsReadFromAFileGiveTheSameRows(segmentBytes: Int) async throws {
        let bytes = Self.report(rows: 3_000)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scanner-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let scanner = try StockReportScanner(CSVReader(url: url, chunkSize: 300), segmentBytes: segmentBytes)
        var rows: [String] = []
        try await scanner.checkAll(against: Self.context) { batch in rows += batch.map(Self.summary) }
        #expect(rows == (try Self.byTheCoreRules(bytes)))
    }

    @Test(arguments: [64, 4096, 1 << 20])
    func aFileThatCannotBeReadOnStopsAtTheSameRow(segmentBytes: Int) async throws {
        var bytes = Self.report(rows: 2_000) + Array("\n".utf8)
        bytes += Array("S1,Caf".utf8) + [0xE9] + Array(",KE,-1.1,36.8,SHE-TENT-FAM,5,\n".utf8)
        bytes += Array("S2,Store 2,KE,-1.1,36.8,SHE-TENT-FAM,5,\n".utf8)
        var problems: [Problem] = []
        do {
            _ = try await Self.inSegments(bytes, segmentBytes: segmentBytes)
        } catch let error as DomainError {
            problems = error.problems
        }
        #expect(problems.map(\.row) == [2_002])
        #expect(problems.map(\.column) == ["\"Site\""], "named by its header, as every other problem")
        #expect(problems.first?.problem.contains("UTF-8") == true, "\(problems)")
    }

    @Test func anUnreadableCellAmongTheFirstRowsIsNamedByItsHeader() throws {
        var bytes = Array("Site code,Site,Country,Latitude,Longitude,Item code,Quantity,Expiry\n".utf8)
        bytes += Array("S1,Store 1,KE,-1.1,36.8,SHE-TENT-FAM,5,\n".utf8)
        bytes += Array("S1,Store 1,KE,-1.1,36.8,SHE-TENT-FAM,".utf8) + [0xFF] + Array(",\n".utf8)
        #expect {
            _ = try StockReportScanner(CSVReader(data: Data(bytes)))
        } throws: { error in
            let problem = (error as? DomainError)?.problems.first
            return problem?.row == 3 && problem?.column == "\"Quantity\"" && problem?.problem.contains("UTF-8") == true
        }
        // Before any header is known, the column is named by its number.
        #expect {
            _ = try StockReportScanner(CSVReader(data: Data([0x41, 0x2C, 0xFF, 0x0A])))
        } throws: { error in
            (error as? DomainError)?.problems.first?.column == "2"
        }
    }

    @Test func rowsAfterAFailureAreNotHandedOn() async throws {
        var bytes = Self.report(rows: 500) + Array("\n".utf8)
        bytes += [0xFF] + Array(",x\n".utf8) + Self.report(rows: 500).dropFirst(68)
        let scanner = try StockReportScanner(CSVReader(data: Data(bytes)), segmentBytes: 256)
        var last = 0
        await #expect(throws: DomainError.self) {
            try await scanner.checkAll(against: Self.context) { batch in last = batch.last?.number ?? last }
        }
        #expect(last == 501)  // every row before the unreadable one, none after
    }
}
