import CorridorCore
import Foundation
import SQLKit

/// Writes checked rows inside the import's transaction: creates new sites once, clears the
/// organisation's previous stock at each site the first time the report names it, and inserts
/// lines in multi-row batches.
struct StockLineWriter {
    let db: any SQLDatabase
    let org: Organisation
    let actor: Actor
    let fileName: String
    private(set) var reportID: Int64 = 0
    private(set) var linesWritten = 0
    private(set) var replacedSites = Set<Int64>()
    private(set) var createdSites: [String] = []
    private var newSiteIDs: [String: Int64] = [:]
    private var orgIDs: [String: Int64] = [:]
    private var pending: [[BulkInsert.Value]] = []

    init(db: any SQLDatabase, org: Organisation, actor: Actor, fileName: String) {
        self.db = db
        self.org = org
        self.actor = actor
        self.fileName = fileName
    }

    mutating func begin() async throws {
        guard let id = try await db.raw("""
            INSERT INTO stock_reports (org_id, file_name, rows_read, lines, sites_created, warnings, created_by, created_at)
            VALUES (\(bind: org.id), \(bind: fileName), 0, 0, 0, 0, \(bind: actor.userID), \(bind: UnixTime.now()))
            RETURNING id
            """).first()?.int64("id") else { throw DomainError.conflict("the stock report was not recorded") }
        reportID = id
        orgIDs[org.code] = org.id
    }

    mutating func add(_ row: CheckedStockRow) async throws {
        let siteID = try await site(row.site)
        if replacedSites.insert(siteID).inserted {
            try await flush()
            try await db.raw("DELETE FROM stock_lines WHERE site_id = \(bind: siteID) AND reporter_org_id = \(bind: org.id)").run()
        }
        pending.append([siteID, row.itemCode, try await orgID(row.ownerOrg), org.id, row.quantity.milli, row.status.rawValue,
                        row.expiry?.description, row.batch, row.reportedAt.description, reportID])
        if pending.count >= StockImporter.batchSize { try await flush() }
    }

    mutating func finish(rowsRead: Int, warnings: Int) async throws {
        try await flush()
        try await db.raw("""
            UPDATE stock_reports SET rows_read = \(bind: rowsRead), lines = \(bind: linesWritten),
                sites_created = \(bind: createdSites.count), warnings = \(bind: warnings)
            WHERE id = \(bind: reportID)
            """).run()
    }

    private mutating func flush() async throws {
        guard !pending.isEmpty else { return }
        try await BulkInsert.insert(
            into: "stock_lines",
            columns: ["site_id", "item_code", "owner_org_id", "reporter_org_id", "quantity_milli", "status", "expiry",
                      "batch", "reported_at", "report_id"],
            rows: pending, on: db)
        linesWritten += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    private mutating func site(_ reference: SiteReference) async throws -> Int64 {
        switch reference {
        case .existing(let id):
            return id
        case .new(let site):
            if let id = newSiteIDs[site.code] { return id }
            // New sites share only totals by sector until their organisation decides otherwise.
            guard let id = try await db.raw("""
                INSERT INTO sites (org_id, code, name, country, adm1, lat, lon, tier, sharing, created_at)
                VALUES (\(bind: org.id), \(bind: site.code), \(bind: site.name), \(bind: site.country), \(bind: site.adm1),
                        \(bind: site.lat), \(bind: site.lon), \(bind: Site.Tier.national.rawValue),
                        \(bind: Site.Sharing.aggregate.rawValue), \(bind: UnixTime.now()))
                RETURNING id
                """).first()?.int64("id") else { throw DomainError.conflict("site \(site.code) was not stored") }
            newSiteIDs[site.code] = id
            createdSites.append(site.code)
            return id
        }
    }

    private mutating func orgID(_ code: String) async throws -> Int64 {
        if let id = orgIDs[code] { return id }
        guard let org = try await OrganisationRepository.find(code: code, on: db) else {
            throw DomainError.notFound("no organisation with code \(code)")
        }
        orgIDs[code] = org.id
        return org.id
    }
}
