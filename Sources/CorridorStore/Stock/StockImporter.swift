import CorridorCore
import CorridorFormats
import CorridorIngest
import Foundation
import SQLKit

/// Imports a stock report as a snapshot: it replaces the reporting organisation's stock at every
/// site the file names, in one transaction. Every row is checked; if any row has a problem nothing
/// is written and every problem is reported. The file is read as a stream, so memory stays flat.
public struct StockImporter: Sendable {
    let database: Database
    /// Lines an import writes before it considers rebuilding the `stock_lines` indexes at the end
    /// instead of updating them row by row (see `StockLineIndexes`); totals likewise for their
    /// index by item (`StockTotals.ByItemIndex`).
    var indexRebuildThreshold = 10_000
    /// Totals an import holds in memory before it sets them aside on disk (`StockTotals.TallySpill`).
    var totalsSpillThreshold = 131_072
    /// Rows per INSERT statement on SQLite.
    static let rowsPerStatement = 500
    /// Rows per trip to SQLite's thread: several statements' worth.
    static let sqliteBatchSize = 8 * rowsPerStatement
    /// Lines per COPY on PostgreSQL.
    static let copyBatchSize = 16_384
    /// New sites from which a PostgreSQL import has the sites analysed before it commits.
    static let sitesWorthAnalysing = 100

    /// - Parameter progress: called with the number of data rows checked so far, about every 10,000 rows.
    public func run<Reader: TabularReader>(
        _ reader: inout Reader, _ request: StockImportRequest, by actor: Actor,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> StockImportReport {
        let orgCode = request.org.uppercased()
        try Policy.authorize(actor, .importStock, .organisation(code: orgCode))
        let scanner = try StockReportScanner(reader)
        defer { FreedMemory.giveBack() }
        if request.dryRun {
            let (org, context) = try await database.read { db in
                let org = try await OrganisationRepository.require(code: orgCode, on: db)
                return (org, try await Self.context(for: org, request: request, on: db))
            }
            let tally = try await StockImportPipeline.run(scanner, context: context, sink: nil, progress: progress)
            return Self.report(
                request, org: org, layout: scanner.layout, tally: tally, lines: tally.lines,
                sitesReplaced: tally.existingSites.count, sitesCreated: tally.newSites, reportID: nil)
        }
        return try await database.transaction(
            driver: { db, driver in
                let org = try await OrganisationRepository.require(code: orgCode, on: db)
                let context = try await Self.context(for: org, request: request, on: db)
                let writer = StockLineWriter(
                    db: db, driver: driver, org: org, actor: actor, fileName: request.fileName,
                    indexRebuildThreshold: indexRebuildThreshold, logger: database.logger)
                try await writer.begin()
                let organisations = try await db.raw("SELECT code, id FROM organisations ORDER BY id").all().map {
                    (code: try $0.string("code"), id: try $0.int64("id"))
                }
                let totals = StockTotals.Tally(
                    forwardingTo: writer, spillThreshold: totalsSpillThreshold, items: Array(context.items.values),
                    organisations: organisations)
                do {
                    let tally = try await StockImportPipeline.run(scanner, context: context, sink: totals, progress: progress)
                    // The checking threads' buffers, before the totals and indexes need memory.
                    FreedMemory.giveBack()
                    try await writer.finish(rowsRead: tally.rowsRead, warnings: tally.warningCount)
                    try await totals.finish(
                        org: org, replaced: writer.replacedSites, created: writer.createdSites, rewrite: writer.rewroteTable,
                        replacedEveryEarlierLine: writer.replacedEveryEarlierLine,
                        indexRebuildThreshold: indexRebuildThreshold, on: db, driver: driver)
                    // PostgreSQL plans the reads that follow from what it knows of the sites and their
                    // holders; many new sites unknown to it make it pick plans that read every line.
                    if database.dialect == .postgres, writer.createdSites.count >= Self.sitesWorthAnalysing {
                        try await db.raw("ANALYZE sites, organisations").run()
                    }
                    return Self.report(
                        request, org: org, layout: scanner.layout, tally: tally, lines: writer.linesWritten,
                        sitesReplaced: writer.replacedSites.count, sitesCreated: writer.createdSites,
                        reportID: writer.reportID)
                } catch {
                    // A statement still in flight must end before the transaction rolls back.
                    try? await writer.drain()
                    throw error
                }
            }, foreignKeysAlreadyChecked: true)
    }

    private static func report(
        _ request: StockImportRequest, org: Organisation, layout: StockReportLayout, tally: StockImportTally,
        lines: Int, sitesReplaced: Int, sitesCreated: [String], reportID: Int64?
    ) -> StockImportReport {
        StockImportReport(
            org: org.code, fileName: request.fileName, dryRun: request.dryRun, usesHXL: layout.usesHXL,
            rowsRead: tally.rowsRead, linesWritten: lines, sitesReplaced: sitesReplaced, sitesCreated: sitesCreated,
            ignoredColumns: layout.ignored, warningCount: tally.warningCount, warnings: tally.warnings,
            reportID: reportID)
    }

    /// What `org`'s report is checked against: the catalogue, the organisation's item aliases,
    /// the organisations, the countries and the organisation's sites, read once.
    public func context(org: String, _ request: StockImportRequest) async throws -> StockReportContext {
        try await database.read { db in
            try await Self.context(for: try await OrganisationRepository.require(code: org.uppercased(), on: db), request: request, on: db)
        }
    }

    /// Everything the row checks need, read once.
    static func context(for org: Organisation, request: StockImportRequest, on db: any SQLDatabase) async throws -> StockReportContext {
        let items = try await ItemRepository.all(on: db)
        let aliases = try await ItemRepository.aliases(orgID: org.id, on: db)
        let organisations = try await db.raw("SELECT code, name FROM organisations").all().map {
            (code: try $0.string("code"), name: try $0.string("name"))
        }
        var countries: [String: StockReportContext.KnownCountry] = [:]
        for row in try await db.raw("SELECT alpha2, alpha3, bbox_min_lon, bbox_min_lat, bbox_max_lon, bbox_max_lat FROM countries").all() {
            var box: Geodesy.BoundingBox?
            if let minLon = try row.optionalDouble("bbox_min_lon"), let minLat = try row.optionalDouble("bbox_min_lat"),
                let maxLon = try row.optionalDouble("bbox_max_lon"), let maxLat = try row.optionalDouble("bbox_max_lat")
            {
                box = Geodesy.BoundingBox(minLon: minLon, minLat: minLat, maxLon: maxLon, maxLat: maxLat)
            }
            let known = StockReportContext.KnownCountry(alpha2: try row.string("alpha2"), box: box)
            countries[known.alpha2] = known
            countries[try row.string("alpha3")] = known
        }
        let sites = try await db.raw("SELECT id, code, name, country, lat, lon FROM sites WHERE org_id = \(bind: org.id)").all().map {
            StockReportContext.KnownSite(
                id: try $0.int64("id"), code: try $0.string("code"), name: try $0.string("name"),
                country: try $0.string("country"), lat: try $0.optionalDouble("lat"), lon: try $0.optionalDouble("lon"))
        }
        return StockReportContext(
            reportingOrg: org.code, items: items, aliases: aliases, organisations: organisations,
            countries: countries, sites: sites, today: request.today,
            dateConvention: request.dateConvention, acceptsSerialDates: request.serialDates)
    }
}
