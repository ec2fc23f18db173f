import CorridorCore
import CorridorIngest
import Foundation
import Logging
import SQLKit
import SQLiteKit

/// The import's sink: writes checked rows inside the import's transaction, creates new sites
/// once, clears the organisation's previous stock at each site the report names, and writes
/// lines in batches: on SQLite through a prepared multi-row INSERT, on PostgreSQL through COPY.
final class StockLineWriter: StockSink {
    let db: any SQLDatabase
    let org: Organisation
    let actor: Actor
    let fileName: String
    private(set) var reportID: Int64 = 0
    private(set) var linesWritten = 0
    private(set) var replacedSites = Set<Int64>()
    private(set) var createdSites: [String] = []
    private var newSiteIDs: [String: Int64] = [:]
    /// The same, by the checker's shared `NewSite` object: rows of one site from the quick check
    /// share it, and an identity look-up costs less than hashing the code. Holding the object keeps
    /// its identity from being reused.
    private var newSiteIDsByObject: [ObjectIdentifier: (site: NewSite, id: Int64)] = [:]
    /// Sites the report introduces, inserted together at the next flush (one statement per site
    /// cost a thread hop each, which dominated imports that create thousands of sites).
    private var pendingSites: [String: NewSite] = [:]
    /// Their codes in the order first met: stored in that order, their ids follow it, as the
    /// totals' merge expects (`StockTotals.TallyKey`).
    private var pendingOrder: [String] = []
    /// Lines waiting for their new site's id.
    private var waiting: [(site: String, owner: Int64, row: CheckedStockRow)] = []
    private var orgIDs: [String: Int64] = [:]
    private var lastOwner: (code: String, id: Int64)
    /// Lines ready to send, written while the next batch is being checked: on SQLite bound to
    /// kept prepared statements, on PostgreSQL as COPY rows. Only the import's task touches them,
    /// one call after another, so appending a value skips the runtime's exclusivity check.
    @exclusivity(unchecked) private var sqliteLines: SQLiteBulkInsert?
    private var copyLines: PostgresCopyRows?
    /// `copyLines`' rows, held in a constant so appending a value costs no access check.
    private let copyText: CopyRowText?
    /// Lines appended and not yet sent.
    private var bufferedLines: Int { copyText?.rows ?? sqliteLines?.bufferedRows ?? 0 }
    /// Lines per batch: a COPY costs a round trip, so it carries many more than an INSERT binds.
    private let batchSize: Int
    private var indexes: StockLineIndexes
    /// Whether the lines went to a fresh table that replaced the old one (PostgreSQL, large imports).
    var rewroteTable: Bool { indexes.swapped }
    /// Whether the lines replaced every line the table held before, as far as the import counted
    /// them (see `StockLineIndexes.replacedEveryEarlierLine`).
    var replacedEveryEarlierLine: Bool { indexes.replacedEveryEarlierLine }

    static let columns = [
        "site_id", "owner_org_id", "reporter_org_id", "quantity_milli", "status", "expiry",
        "batch", "reported_at", "report_id", "item_code",
    ]

    init(
        db: any SQLDatabase, driver: DriverConnection, org: Organisation, actor: Actor, fileName: String,
        indexRebuildThreshold: Int, logger: Logger
    ) {
        self.db = db
        self.org = org
        self.actor = actor
        self.fileName = fileName
        lastOwner = (org.code, org.id)
        switch driver {
        case .sqlite(let connection):
            sqliteLines = SQLiteBulkInsert(
                connection: connection, table: "stock_lines", columns: Self.columns,
                rowsPerStatement: StockImporter.rowsPerStatement)
            indexes = StockLineIndexes(dialect: .sqlite, threshold: indexRebuildThreshold)
            batchSize = StockImporter.sqliteBatchSize
            copyText = nil
        case .postgres(let connection):
            let copy = PostgresCopyRows(connection: connection, table: "stock_lines", columns: Self.columns, logger: logger)
            (copyLines, copyText) = (copy, copy.text)
            indexes = StockLineIndexes(dialect: .postgres, threshold: indexRebuildThreshold)
            batchSize = StockImporter.copyBatchSize
        }
    }

    func begin() async throws {
        guard
            let id = try await db.raw(
                """
                INSERT INTO stock_reports (org_id, file_name, rows_read, lines, sites_created, warnings, created_by, created_at)
                VALUES (\(bind: org.id), \(bind: fileName), 0, 0, 0, 0, \(bind: actor.userID), \(bind: UnixTime.now()))
                RETURNING id
                """
            ).first()?.int64("id")
        else { throw DomainError.conflict("the stock report was not recorded") }
        reportID = id
        orgIDs[org.code] = org.id
        try await indexes.start(on: db)
    }

    func write(_ rows: inout [StockReportScanner.Row]) async throws {
        for index in rows.indices {
            guard let row = rows[index].checked else { continue }
            try await add(row)
        }
    }

    private func add(_ row: CheckedStockRow) async throws {
        let owner = row.ownerOrg == lastOwner.code ? lastOwner.id : try await orgID(row.ownerOrg)
        switch row.site {
        case .moved(let move):
            if replacedSites.contains(move.id) == false {
                try await drain()
                // Only a site the reporting organisation holds is moved by its report.
                try await db.raw(
                    "UPDATE sites SET lat = \(bind: move.lat), lon = \(bind: move.lon) WHERE id = \(bind: move.id) AND org_id = \(bind: org.id)"
                ).run()
            }
            replaceAndAppend(row, site: move.id, owner: owner)
        case .existing(let id):
            replaceAndAppend(row, site: id, owner: owner)
        case .new(let site):
            if let known = newSiteIDsByObject[ObjectIdentifier(site)] {
                append(row, site: known.id, owner: owner)
            } else if let id = newSiteIDs[site.code] {
                if newSiteIDsByObject.count < 100_000 { newSiteIDsByObject[ObjectIdentifier(site)] = (site, id) }
                append(row, site: id, owner: owner)
            } else {
                if pendingSites[site.code] == nil {
                    pendingSites[site.code] = site
                    pendingOrder.append(site.code)
                    createdSites.append(site.code)
                }
                waiting.append((site.code, owner, row))
            }
        }
        if isBatchFull { try await flush() }
    }

    private func replaceAndAppend(_ row: CheckedStockRow, site id: Int64, owner: Int64) {
        // The first time a report names an existing site, the organisation's previous lines there
        // are marked to go at the end, in one statement with every other site's.
        if replacedSites.insert(id).inserted { indexes.deferDelete(site: id) }
        append(row, site: id, owner: owner)
    }

    private var isBatchFull: Bool { bufferedLines + waiting.count >= batchSize }

    func finish(rowsRead: Int, warnings: Int) async throws {
        try await flush()
        try await drain()
        try await indexes.finish(org: org.id, report: reportID, on: db)
        try await db.raw(
            """
            UPDATE stock_reports SET rows_read = \(bind: rowsRead), lines = \(bind: linesWritten),
                sites_created = \(bind: createdSites.count), warnings = \(bind: warnings)
            WHERE id = \(bind: reportID)
            """
        ).run()
    }

    /// Waits for the statement in flight; needed before anything else runs on the connection,
    /// and before the transaction ends on any path.
    func drain() async throws {
        try await sqliteLines?.drain()
        try await copyLines?.drain()
    }

    private func append(_ row: CheckedStockRow, site: Int64, owner: Int64) {
        if let copy = copyText {
            copy.appendInteger(site)
            copy.appendInteger(owner)
            copy.appendInteger(org.id)
            copy.appendInteger(row.quantity.milli)
            copy.appendText(row.status.rawValue)
            if let expiry = row.expiry { copy.appendDay(expiry) } else { copy.appendNull() }
            if let batch = row.batch { copy.appendText(batch) } else { copy.appendNull() }
            copy.appendDay(row.reportedAt)
            copy.appendInteger(reportID)
            copy.appendText(row.itemCode)
            return
        }
        sqliteLines!.append(.integer(site))
        sqliteLines!.append(.integer(owner))
        sqliteLines!.append(.integer(org.id))
        sqliteLines!.append(.integer(row.quantity.milli))
        sqliteLines!.append(.text(row.status.rawValue))
        sqliteLines!.append(row.expiry.map { .day($0) } ?? .null)
        sqliteLines!.append(row.batch.map { .text($0) } ?? .null)
        sqliteLines!.append(.day(row.reportedAt))
        sqliteLines!.append(.integer(reportID))
        sqliteLines!.append(.text(row.itemCode))
    }

    private func flush() async throws {
        guard bufferedLines + waiting.count > 0 else { return }
        if !waiting.isEmpty {
            try await insertPendingSites()
            for line in waiting { append(line.row, site: newSiteIDs[line.site]!, owner: line.owner) }
            waiting.removeAll(keepingCapacity: true)
        }
        linesWritten += bufferedLines
        if sqliteLines != nil {
            try await sqliteLines!.send()
        } else {
            try await copyLines!.send()
        }
        if indexes.shouldDrop(linesWritten: linesWritten) {
            try await drain()
            try await indexes.dropIfLarge(linesWritten: linesWritten, org: org.id, on: db)
            copyLines?.table = indexes.linesTable
        }
    }

    /// New sites share only totals by sector until their organisation decides otherwise.
    private func insertPendingSites() async throws {
        guard !pendingSites.isEmpty else { return }
        try await drain()
        let now = UnixTime.now()
        let rows: [[BulkInsert.Value]] = pendingOrder.map { pendingSites[$0]! }.map { site in
            [
                org.id, site.code, site.name, site.country, site.adm1, site.lat, site.lon, Site.Tier.national.rawValue,
                Site.Sharing.aggregate.rawValue, now,
            ]
        }
        let returned = try await BulkInsert.insert(
            into: "sites", columns: ["org_id", "code", "name", "country", "adm1", "lat", "lon", "tier", "sharing", "created_at"],
            rows: rows, returning: "id, code", on: db)
        for row in returned { newSiteIDs[try row.string("code")] = try row.int64("id") }
        guard returned.count == pendingSites.count else { throw DomainError.conflict("new sites were not all stored") }
        pendingSites.removeAll(keepingCapacity: true)
        pendingOrder.removeAll(keepingCapacity: true)
    }

    private func orgID(_ code: String) async throws -> Int64 {
        if let id = orgIDs[code] {
            lastOwner = (code, id)
            return id
        }
        try await drain()
        let org = try await OrganisationRepository.require(code: code, on: db)
        orgIDs[code] = org.id
        lastOwner = (code, org.id)
        return org.id
    }
}
