import Foundation
import Logging
import NIOCore
import PostgresKit
import SQLKit
import Synchronization

/// A page of the HXL export read through each driver itself.
extension StockHXLExport {
    func sqlitePage(_ query: SQLQueryString, on connection: SQLiteDirectConnection) async throws -> Page {
        let (sql, binds) = try SQLiteDirectDatabase(connection: connection, logger: database.logger).text(of: query)
        // Rows are handed over on SQLite's thread, one after another; the lock only passes the page on.
        let page = Mutex(Page())
        let days = days
        try await connection.forEachRow(sql, binds) { row in
            try page.withLock { try $0.append(row, days: days) }
        }
        return page.withLock { $0 }
    }

    func postgresPages(
        _ query: SQLQueryString, on connection: PostgresConnection, _ chunk: ([UInt8]) async throws -> Void
    ) async throws {
        let db = connection.sql()
        let (sql, rawBinds) = db.serialize(query)
        var binds = PostgresBindings(capacity: rawBinds.count)
        for bind in rawBinds {
            switch bind {
            case let text as String: binds.append(text)
            case let number as Int64: binds.append(number)
            case let number as Int: binds.append(number)
            case let number as Double: binds.append(number)
            default: throw StockExportError(reason: "cannot bind a \(type(of: bind)) in the export's query")
            }
        }
        var page = Page()
        // One array of cells for every row: a row's own array cost an allocation per line.
        var cells: [PostgresCell] = []
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: database.logger) {
            cells.removeAll(keepingCapacity: true)
            cells.append(contentsOf: row)
            try page.append(PostgresExportRow(cells: cells), days: days)
            if page.rows == pageSize {
                try await chunk(page.bytes)
                page.bytes.removeAll(keepingCapacity: true)
                page.rows = 0
            }
        }
        if !page.bytes.isEmpty { try await chunk(page.bytes) }
    }
}

/// A fault of the export's own code (a column or a bind it does not know), never of the data.
struct StockExportError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

extension SQLiteDirectConnection.RawRow: StockHXLExport.ExportRow {}

/// A PostgreSQL row as the export reads it: its binary cells taken once, integers and floats
/// read from their bytes (the cell's generic decoding costs more than the rest of the line),
/// text as its UTF-8 bytes.
struct PostgresExportRow: StockHXLExport.ExportRow {
    let cells: [PostgresCell]

    func index(_ name: String) throws -> Int32 {
        guard let cell = cells.first(where: { $0.columnName == name }) else {
            throw StockExportError(reason: "no column \(name) in the row")
        }
        return Int32(cell.columnIndex)
    }

    func isNull(_ column: Int32) -> Bool { cells[Int(column)].bytes == nil }

    func int64(_ column: Int32) throws -> Int64 {
        let cell = cells[Int(column)]
        if cell.format == .binary, cell.dataType == .int8, let bytes = cell.bytes, bytes.readableBytes == 8,
            let value = bytes.getInteger(at: bytes.readerIndex, as: Int64.self)
        {
            return value
        }
        return try cell.decode(Int64.self)
    }

    func double(_ column: Int32) throws -> Double {
        let cell = cells[Int(column)]
        if cell.format == .binary, cell.dataType == .float8, let bytes = cell.bytes, bytes.readableBytes == 8,
            let bits = bytes.getInteger(at: bytes.readerIndex, as: UInt64.self)
        {
            return Double(bitPattern: bits)
        }
        return try cell.decode(Double.self)
    }

    func withText<R>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard let bytes = cells[Int(column)].bytes else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try bytes.withUnsafeReadableBytes { try body($0.bindMemory(to: UInt8.self)) }
    }
}
