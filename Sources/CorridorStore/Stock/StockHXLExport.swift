import CorridorCore
import CorridorFormats
import Foundation
import SQLKit

/// The HXL export written as bytes straight from the database's rows: each page of lines is one
/// query whose rows are encoded as the driver hands them over, each cell copied from where the
/// driver holds it, with no line views, strings or cell arrays in between. Its bytes equal
/// `HXLWriter` over `StockExports.hxlCells` of the same lines.
public struct StockHXLExport: Sendable {
    /// Lines per query: a page's bytes (about 1.5 MB) are what the export holds in memory.
    public static let pageSize = 10_000

    let database: Database
    let filter: StockFilter
    let actor: Actor
    let days: Int
    let pageSize: Int

    func write(_ chunk: ([UInt8]) async throws -> Void) async throws {
        try await chunk(Array(HXLWriter(columns: StockHXLProfile.columns).head().utf8))
        try await database.readDriver { driver in
            switch driver {
            case .sqlite(let connection):
                // SQLite hands rows over on its own thread, so a page at a time, each one query.
                var cursor: Int64?
                repeat {
                    let query = StockQueries.linesQuery(filter, visibleTo: actor, after: cursor, limit: pageSize)
                    let page = try await sqlitePage(query, on: connection)
                    if !page.bytes.isEmpty { try await chunk(page.bytes) }
                    cursor = page.rows == pageSize ? page.lastID : nil
                } while cursor != nil
            case .postgres(let connection):
                // PostgreSQL streams one query's rows as they are read, so one query, a page at a time.
                let query = StockQueries.linesQuery(filter, visibleTo: actor, after: nil, limit: nil)
                try await postgresPages(query, on: connection, chunk)
            }
        }
    }

    struct Page {
        var bytes: [UInt8] = []
        var rows = 0
        var lastID: Int64 = 0
        var columns: Columns?

        /// Appends one row's line, finding the columns on the first.
        mutating func append<Row: ExportRow>(_ row: Row, days: Int) throws {
            if columns == nil { columns = try Columns(row.index) }
            lastID = try StockHXLExport.append(row, columns!, days: days, to: &bytes)
            rows += 1
        }
    }

    /// What a page reads of a driver's row: cells by position, text as the driver holds it.
    protocol ExportRow {
        func index(_ name: String) throws -> Int32
        func isNull(_ column: Int32) -> Bool
        func int64(_ column: Int32) throws -> Int64
        func double(_ column: Int32) throws -> Double
        func withText<R>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
    }

    /// Where `StockQueries.linesQuery`'s columns stand in a row, found once a page.
    struct Columns {
        let id, ownerCode, siteCode, siteName, country, adm1, lat, lon, itemCode, itemName, sector: Int32
        let quantity, unit, status, expiry, batch, reportedAt, siteOrg, coveragePeople, coverageDays: Int32

        init(_ index: (String) throws -> Int32) throws {
            (id, ownerCode, siteCode, siteName) = (try index("id"), try index("owner_code"), try index("site_code"), try index("site_name"))
            (country, adm1, lat, lon) = (try index("country"), try index("adm1"), try index("lat"), try index("lon"))
            (itemCode, itemName, sector) = (try index("item_code"), try index("item_name"), try index("sector"))
            (quantity, unit, status) = (try index("quantity_milli"), try index("unit"), try index("status"))
            (expiry, batch, reportedAt, siteOrg) = (
                try index("expiry"), try index("batch"), try index("reported_at"), try index("site_org")
            )
            (coveragePeople, coverageDays) = (try index("coverage_people"), try index("coverage_days"))
        }
    }

    private static let csv = CSVWriter()

    /// One line's cells, in `StockHXLProfile.columns` order, as `StockExports.hxlCells` words
    /// them; returns the line's id.
    static func append<Row: ExportRow>(_ row: Row, _ c: Columns, days: Int, to bytes: inout [UInt8]) throws -> Int64 {
        let quantity = Quantity(milli: try row.int64(c.quantity))
        let unit = row.withText(c.unit) { String(decoding: $0, as: UTF8.self) }
        let covered = PeopleCovered.of(
            quantity: quantity.doubleValue, coveragePeople: row.isNull(c.coveragePeople) ? nil : try row.double(c.coveragePeople),
            coverageDays: row.isNull(c.coverageDays) ? nil : try row.double(c.coverageDays), unit: unit, days: days)
        func text(_ column: Int32) {
            row.withText(column) { csv.appendField(utf8: $0, to: &bytes) }
            bytes.append(0x2C)
        }
        func cell(_ value: String) {
            csv.appendField(value, to: &bytes)
            bytes.append(0x2C)
        }
        text(c.ownerCode)
        text(c.siteCode)
        text(c.siteName)
        text(c.country)
        text(c.adm1)
        cell(String(try row.double(c.lat)))
        cell(String(try row.double(c.lon)))
        text(c.itemCode)
        text(c.itemName)
        text(c.sector)
        cell(quantity.description)
        cell(unit)
        text(c.status)
        text(c.expiry)
        text(c.batch)
        text(c.reportedAt)
        text(c.siteOrg)
        if let personDays = covered?.personDays { oneDecimal(personDays, &bytes) }
        bytes.append(0x2C)
        if let people = covered?.people { oneDecimal(people, &bytes) }
        bytes.append(0x2C)
        if covered != nil { bytes.append(contentsOf: String(days).utf8) }
        bytes.append(contentsOf: [0x0D, 0x0A])
        return try row.int64(c.id)
    }

    /// `String(format: "%.1f", x)` of `x` rounded to a tenth, as the export has always written it.
    static func oneDecimal(_ value: Double, _ bytes: inout [UInt8]) {
        let tenths = (value * 10).rounded()
        guard tenths.magnitude < 1e15 else {
            bytes.append(contentsOf: String(format: "%.1f", tenths / 10).utf8)
            return
        }
        if (tenths / 10).sign == .minus { bytes.append(0x2D) }
        let whole = Int64(tenths.magnitude)
        bytes.append(contentsOf: String(whole / 10).utf8)
        bytes.append(0x2E)
        bytes.append(0x30 + UInt8(whole % 10))
    }
}
