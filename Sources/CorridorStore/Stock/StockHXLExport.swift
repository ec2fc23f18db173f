import CorridorCore
import CorridorFormats
import Foundation
import SQLKit
import Synchronization

/// The HXL export written as bytes straight from the database's rows: each page of lines is one
/// query whose rows are encoded as they arrive, with no line views or cell arrays in between.
/// Its bytes equal `HXLWriter` over `StockExports.hxlCells` of the same lines.
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
        // On SQLite the rows are read through its C API, each cell copied from where SQLite holds it.
        let done = try await database.readDirect { connection in
            try await writeDirect(on: connection, chunk)
            return true
        }
        if done == true { return }
        var cursor: Int64?
        repeat {
            let page = try await self.page(after: cursor)
            if !page.bytes.isEmpty { try await chunk(page.bytes) }
            cursor = page.rows == pageSize ? page.lastID : nil
        } while cursor != nil
    }

    private func writeDirect(on connection: SQLiteDirectConnection, _ chunk: ([UInt8]) async throws -> Void) async throws {
        let db = SQLiteDirectDatabase(connection: connection, logger: database.logger)
        var cursor: Int64?
        repeat {
            let (sql, binds) = try db.text(of: StockQueries.linesQuery(filter, visibleTo: actor, after: cursor, limit: pageSize))
            let state = PageState()
            let days = days
            try await connection.forEachRow(sql, binds) { row in
                try state.page.withLock { page in
                    if page.columns == nil { page.columns = try DirectColumns(row) }
                    page.lastID = Self.append(row, page.columns!, days: days, to: &page.bytes)
                    page.rows += 1
                }
            }
            let page = state.page.withLock { $0 }
            if !page.bytes.isEmpty { try await chunk(page.bytes) }
            cursor = page.rows == pageSize ? page.lastID : nil
        } while cursor != nil
    }

    struct Page {
        var bytes: [UInt8] = []
        var rows = 0
        var lastID: Int64 = 0
        var failure: (any Error)?
        var columns: DirectColumns?
    }

    private func page(after cursor: Int64?) async throws -> Page {
        let sql = StockQueries.linesQuery(filter, visibleTo: actor, after: cursor, limit: pageSize)
        let state = PageState()
        let days = days
        try await database.read { db in
            try await db.execute(sql: sql) { row in
                state.page.withLock { page in
                    guard page.failure == nil else { return }
                    do {
                        page.lastID = try Self.append(row, days: days, to: &page.bytes)
                        page.rows += 1
                    } catch {
                        page.failure = error
                    }
                }
            }
        }
        let page = state.page.withLock { page in
            let done = page
            page = Page()
            return done
        }
        if let failure = page.failure { throw failure }
        return page
    }

    /// Rows arrive one after another on the driver's thread; the lock only hands the page over.
    private final class PageState: Sendable {
        let page = Mutex(Page())
    }

    private static let csv = CSVWriter()

    /// One line's cells, in `StockHXLProfile.columns` order, as `StockExports.hxlCells` words them.
    static func append(_ row: any SQLRow, days: Int, to bytes: inout [UInt8]) throws -> Int64 {
        let quantity = Quantity(milli: try row.int64("quantity_milli"))
        let unit = try row.string("unit")
        let covered = PeopleCovered.of(
            quantity: quantity.doubleValue, coveragePeople: try optionalDouble(row, "coverage_people"),
            coverageDays: try optionalDouble(row, "coverage_days"), unit: unit, days: days)
        cell(try row.string("owner_code"), &bytes)
        cell(try row.string("site_code"), &bytes)
        cell(try row.string("site_name"), &bytes)
        cell(try row.string("country"), &bytes)
        cell(try optionalString(row, "adm1") ?? "", &bytes)
        cell(String(try row.double("lat")), &bytes)
        cell(String(try row.double("lon")), &bytes)
        cell(try row.string("item_code"), &bytes)
        cell(try row.string("item_name"), &bytes)
        cell(try row.string("sector"), &bytes)
        cell(quantity.description, &bytes)
        cell(unit, &bytes)
        cell(try row.string("status"), &bytes)
        cell(try optionalString(row, "expiry") ?? "", &bytes)
        cell(try optionalString(row, "batch") ?? "", &bytes)
        cell(try row.string("reported_at"), &bytes)
        cell(try row.string("site_org"), &bytes)
        if let personDays = covered?.personDays { oneDecimal(personDays, &bytes) }
        bytes.append(0x2C)
        if let people = covered?.people { oneDecimal(people, &bytes) }
        bytes.append(0x2C)
        if covered != nil { bytes.append(contentsOf: String(days).utf8) }
        bytes.append(contentsOf: [0x0D, 0x0A])
        return try row.int64("id")
    }

    /// Where `StockQueries.linesQuery`'s columns stand in a direct row, found once a page.
    struct DirectColumns {
        let id, ownerCode, siteCode, siteName, country, adm1, lat, lon, itemCode, itemName, sector: Int32
        let quantity, unit, status, expiry, batch, reportedAt, siteOrg, coveragePeople, coverageDays: Int32

        init(_ row: SQLiteDirectConnection.RawRow) throws {
            (id, ownerCode, siteCode, siteName) = (
                try row.index("id"), try row.index("owner_code"), try row.index("site_code"), try row.index("site_name")
            )
            (country, adm1, lat, lon) = (try row.index("country"), try row.index("adm1"), try row.index("lat"), try row.index("lon"))
            (itemCode, itemName, sector) = (try row.index("item_code"), try row.index("item_name"), try row.index("sector"))
            (quantity, unit, status) = (try row.index("quantity_milli"), try row.index("unit"), try row.index("status"))
            (expiry, batch, reportedAt, siteOrg) = (
                try row.index("expiry"), try row.index("batch"), try row.index("reported_at"), try row.index("site_org")
            )
            (coveragePeople, coverageDays) = (try row.index("coverage_people"), try row.index("coverage_days"))
        }
    }

    /// The same cells as `append(_:days:to:)`, from a direct row.
    static func append(_ row: SQLiteDirectConnection.RawRow, _ c: DirectColumns, days: Int, to bytes: inout [UInt8]) -> Int64 {
        let quantity = Quantity(milli: row.int64(c.quantity))
        let unit = row.withText(c.unit) { String(decoding: $0, as: UTF8.self) }
        let covered = PeopleCovered.of(
            quantity: quantity.doubleValue, coveragePeople: row.isNull(c.coveragePeople) ? nil : row.double(c.coveragePeople),
            coverageDays: row.isNull(c.coverageDays) ? nil : row.double(c.coverageDays), unit: unit, days: days)
        func text(_ column: Int32) {
            row.withText(column) { csv.appendField(utf8: $0, to: &bytes) }
            bytes.append(0x2C)
        }
        text(c.ownerCode)
        text(c.siteCode)
        text(c.siteName)
        text(c.country)
        text(c.adm1)
        cell(String(row.double(c.lat)), &bytes)
        cell(String(row.double(c.lon)), &bytes)
        text(c.itemCode)
        text(c.itemName)
        text(c.sector)
        cell(quantity.description, &bytes)
        cell(unit, &bytes)
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
        return row.int64(c.id)
    }

    private static func cell(_ value: String, _ bytes: inout [UInt8]) {
        csv.appendField(value, to: &bytes)
        bytes.append(0x2C)
    }

    // Optionals are asked for NULL first: decoding `String?` directly takes the drivers' slow path.
    private static func optionalString(_ row: any SQLRow, _ column: String) throws -> String? {
        try row.decodeNil(column: column) ? nil : try row.string(column)
    }

    private static func optionalDouble(_ row: any SQLRow, _ column: String) throws -> Double? {
        try row.decodeNil(column: column) ? nil : try row.double(column)
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
