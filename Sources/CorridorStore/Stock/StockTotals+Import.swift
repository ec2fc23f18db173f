import CorridorCore
import CorridorIngest
import Foundation
import Logging
import SQLKit

extension StockTotals {
    /// An import's totals, added up in memory as its rows pass on to the line writer (grouping a
    /// million lines again in SQL would cost more than writing them), and written once before
    /// the import commits: the sites the report names get their totals replaced by the report's
    /// lines plus whatever other organisations reported there. Past `spillThreshold` keys the
    /// totals so far are set aside on disk as a sorted run (`TallySpill`), and the runs are merged
    /// as they are written.
    final class Tally: StockSink {
        private let next: any StockSink
        private let counts: Counts
        /// Every organisation's id by its code, as the import found them.
        private let organisationIDs: [String: Int64]
        /// Each catalogue item's volume of one unit (m³), by code.
        private let volumes: [String: Double]

        /// - Parameters:
        ///   - items: the catalogue's items.
        ///   - organisations: every organisation's code and id, in the order of their ids.
        init(forwardingTo next: any StockSink, spillThreshold: Int, items: [Item], organisations: [(code: String, id: Int64)]) {
            self.next = next
            counts = Counts(spillThreshold: spillThreshold, items: items.map(\.code).sorted(), owners: organisations.map(\.code))
            volumes = Dictionary(items.map { ($0.code, $0.volumeM3) }, uniquingKeysWith: { first, _ in first })
            organisationIDs = Dictionary(organisations.map { ($0.code, $0.id) }, uniquingKeysWith: { first, _ in first })
        }

        func write(_ rows: inout [StockReportScanner.Row]) async throws {
            // Counted beside the line writer, which reads the same rows: one after the other, the
            // two paced the import while the database waited.
            let (counts, batch) = (self.counts, rows)
            async let counted: Void = counts.add(batch)
            try await next.write(&rows)
            try await counted
        }

        /// Replaces the totals of every site the import wrote (`replaced`: existing sites it
        /// named; `created`: codes of the sites it added), after the lines are final. With
        /// `rewrite` (PostgreSQL, when the lines table was rewritten) the totals table is rewritten
        /// too, for the same reason (see `PostgresTableSwap`). On SQLite, at least
        /// `indexRebuildThreshold` totals may be written without their index by item. With
        /// `replacedEveryEarlierLine`, no one else has lines at the replaced sites and every total
        /// stood at one of them: totals come from lines.
        func finish(
            org: Organisation, replaced: Set<Int64>, created: [String], rewrite: Bool, replacedEveryEarlierLine: Bool,
            indexRebuildThreshold: Int, on db: any SQLDatabase, driver: DriverConnection
        ) async throws {
            var newIDs: [String: Int64] = [:]
            if !created.isEmpty {
                for row in try await db.raw("SELECT id, code FROM sites WHERE org_id = \(bind: org.id)").all() {
                    newIDs[try row.string("code")] = try row.int64("id")
                }
            }
            var ownerIDs = try counts.owners.values.map { code -> Int64 in
                guard let id = organisationIDs[code] else { throw DomainError.internalFailure("no organisation \(code)") }
                return id
            }
            let newSiteIDs = try counts.newSites.values.map { code -> Int64 in
                guard let id = newIDs[code] else { throw DomainError.internalFailure("the new site \(code) was not stored") }
                return id
            }
            let sites = Array(replaced) + created.compactMap { newIDs[$0] }
            // A site this import created holds no one else's lines.
            let others =
                replacedEveryEarlierLine
                ? [] : try await otherReporters(at: Array(replaced), org: org, ownerIDs: &ownerIDs, on: db).sorted { $0.key < $1.key }
            // The parts as one more run, each freed as it is read, so the tally is never held twice.
            let last = Counts.sortedRun(of: &counts.parts)
            var runs = [TallyRun(others), TallyRun(last)]
            var count = others.count + last.count
            if let spill = counts.spill {
                runs += try spill.runs.indices.map { try TallyRun(spilled: $0, of: spill) }
                count += spill.runs.reduce(0) { $0 + $1.count }
            }
            let merged = TallyMerge(runs)
            let replacedSites = Array(replaced)
            var volumes = self.volumes
            // Another organisation's lines here may name an item added to the catalogue since the import began.
            let unknown = counts.items.values.filter { volumes[$0] == nil }
            if !unknown.isEmpty {
                for row in try await db.raw("SELECT code, volume_m3 FROM items WHERE code IN (\(binds: unknown))").all() {
                    volumes[try row.string("code")] = try row.double("volume_m3")
                }
            }
            let itemVolumes = counts.items.values.map { volumes[$0] ?? 0 }
            let write = Written(items: counts.items.values, volumes: itemVolumes, owners: ownerIDs, newSites: newSiteIDs)
            let summaries: [Summary]
            if rewrite, case .postgres = driver {
                let swap = try await PostgresTableSwap.begin("stock_site_totals", on: db)
                summaries = try await write.insert(merged, into: swap.next, on: driver)
                try await swap.finish(keeping: replacedSites.isEmpty ? nil : "site_id <> ALL(\(bind: replacedSites))", on: db)
            } else {
                var (byItem, emptied) = (SQLiteSetAsideIndexes?.none, false)
                if case .sqlite = driver, try await ByItemIndex.isLarge(writing: count, threshold: indexRebuildThreshold, on: db) {
                    // A large write over every total there is empties the table whole, its index
                    // by item with it, which SQLite does by freeing their pages
                    // (`SQLiteFreedPages`) instead of removing each row.
                    emptied = replacedEveryEarlierLine
                    if !emptied { emptied = try await Self.holdEveryTotal(replacedSites, on: db) }
                    if emptied {
                        try await SQLiteFreedPages.leftUnzeroed(on: db) { try await db.raw("DELETE FROM stock_site_totals").run() }
                    }
                    byItem = try await ByItemIndex.drop(on: db)
                }
                if !emptied {
                    for chunk in BoundLists.parts(of: replacedSites) {
                        try await db.raw("DELETE FROM stock_site_totals WHERE site_id IN (\(binds: chunk))").run()
                    }
                }
                summaries = try await write.insert(merged, into: "stock_site_totals", on: driver)
                try await byItem?.rebuild(on: db)
            }
            try await Self.replaceSummaries(of: sites, with: summaries, on: db, driver: driver)
        }

        /// Whether `sites` hold every total in the table.
        private static func holdEveryTotal(_ sites: [Int64], on db: any SQLDatabase) async throws -> Bool {
            guard !sites.isEmpty else { return false }
            var atSites = 0
            for chunk in BoundLists.parts(of: sites) {
                atSites += try await db.count("SELECT COUNT(*) AS n FROM stock_site_totals WHERE site_id IN (\(binds: chunk))")
            }
            return try await atSites == db.count("SELECT COUNT(*) AS n FROM stock_site_totals")
        }

        /// Replaces the summaries of `sites` with `summaries`.
        private static func replaceSummaries(
            of sites: [Int64], with summaries: [Summary], on db: any SQLDatabase, driver: DriverConnection
        ) async throws {
            switch driver {
            case .postgres:
                // One statement of three arrays, where a multi-row INSERT would bind every value apart.
                try await db.raw("DELETE FROM stock_site_summary WHERE site_id = ANY(\(bind: sites))").run()
                try await db.raw(
                    """
                    INSERT INTO stock_site_summary (site_id, latest_report, volume_m3)
                    SELECT * FROM unnest(\(bind: summaries.map(\.site)), \(bind: summaries.map(\.latest.description)),
                                         \(bind: summaries.map(\.volumeM3)))
                    """
                ).run()
            case .sqlite(let connection):
                for chunk in BoundLists.parts(of: sites) {
                    try await db.raw("DELETE FROM stock_site_summary WHERE site_id IN (\(binds: chunk))").run()
                }
                var insert = SQLiteBulkInsert(
                    connection: connection, table: "stock_site_summary", columns: ["site_id", "latest_report", "volume_m3"],
                    rowsPerStatement: StockImporter.rowsPerStatement)
                for summary in summaries {
                    insert.append(.integer(summary.site))
                    insert.append(.day(summary.latest))
                    insert.append(.real(summary.volumeM3))
                }
                try await insert.send()
                try await insert.drain()
            }
        }

        /// The totals of lines other organisations reported at `sites`: they stay, and count. Owners
        /// not yet numbered are added to `ownerIDs`.
        private func otherReporters(at sites: [Int64], org: Organisation, ownerIDs: inout [Int64], on db: any SQLDatabase)
            async throws -> [TallyEntry]
        {
            var ownerNumber = Dictionary(ownerIDs.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
            var found: [TallyEntry] = []
            // Below and above the reporter's id, so that each is a range of the (site, reporter) index.
            for chunk in BoundLists.parts(of: sites) {
                for side in ["<", ">"] {
                    let rows = try await db.raw(
                        """
                        SELECT site_id, item_code, owner_org_id, COALESCE(expiry, '') AS expiry, CAST(SUM(quantity_milli) AS BIGINT) AS quantity_milli,
                               MAX(reported_at) AS latest_report
                        FROM stock_lines
                        WHERE site_id IN (\(binds: chunk)) AND reporter_org_id \(unsafeRaw: side) \(bind: org.id) AND status = 'available'
                        GROUP BY site_id, item_code, owner_org_id, COALESCE(expiry, '')
                        """
                    ).all()
                    for row in rows {
                        let total = try Row(row)
                        let owner: Int32
                        if let number = ownerNumber[total.owner] {
                            owner = number
                        } else {
                            owner = Int32(ownerIDs.count)
                            ownerIDs.append(total.owner)
                            ownerNumber[total.owner] = owner
                        }
                        let item = counts.items.index(total.item)
                        guard let latest = Day.iso(total.latestReport.utf8), item < TallyKey.numberLimit, owner < TallyKey.numberLimit,
                            total.expiry.isEmpty || Day.iso(total.expiry.utf8) != nil
                        else { throw DomainError.internalFailure("stock lines at site \(total.site) hold a total that cannot be kept") }
                        let key = TallyKey(site: total.site, item: item, owner: owner, expiry: Day.iso(total.expiry.utf8))
                        found.append((key, TallySum(milli: total.quantityMilli, latest: latest)))
                    }
                }
            }
            return found
        }
    }

    /// A site's summary as its totals give it (`stock_site_summary`).
    private struct Summary {
        var site: Int64
        var latest: Day
        /// Before the division by 1,000 that turns thousandths of units into units, as the
        /// summary's SQL adds it up.
        var milliVolume: Double
        var volumeM3: Double { milliVolume / 1000.0 }
    }

    /// Writes merged totals, turning item and owner numbers back into codes and ids, and new
    /// sites' positions into their ids.
    private struct Written {
        let items: [String], volumes: [Double], owners: [Int64], newSites: [Int64]

        func site(_ key: TallyKey) -> Int64 { key.site > 0 ? key.site : newSites[Int(-key.site - 1)] }

        /// Writes the totals and returns each site's summary of them.
        func insert(_ merged: TallyMerge, into table: String, on driver: DriverConnection) async throws -> [Summary] {
            var merged = merged
            // Keys sort by site first: each site's totals come together.
            var summaries: [Summary] = []
            func note(_ key: TallyKey, _ sum: TallySum) {
                let id = site(key), milliVolume = Double(sum.milli) * volumes[key.item]
                if let last = summaries.last, last.site == id {
                    summaries[summaries.count - 1].latest = max(last.latest, sum.latest)
                    summaries[summaries.count - 1].milliVolume += milliVolume
                } else {
                    summaries.append(Summary(site: id, latest: sum.latest, milliVolume: milliVolume))
                }
            }
            let columns = ["site_id", "item_code", "owner_org_id", "expiry", "quantity_milli", "latest_report"]
            switch driver {
            case .sqlite(let connection):
                var insert = SQLiteBulkInsert(
                    connection: connection, table: table, columns: columns, rowsPerStatement: StockImporter.rowsPerStatement)
                while let (key, sum) = try merged.next() {
                    note(key, sum)
                    insert.append(.integer(site(key)))
                    insert.append(.text(items[key.item]))
                    insert.append(.integer(owners[key.owner]))
                    insert.append(key.expiry.map { .day($0) } ?? .text(""))
                    insert.append(.integer(sum.milli))
                    insert.append(.day(sum.latest))
                    if insert.bufferedRows >= StockImporter.sqliteBatchSize { try await insert.send() }
                }
                try await insert.send()
                try await insert.drain()
                return summaries
            case .postgres(let connection):
                var copy = PostgresCopyRows(
                    connection: connection, table: table, columns: columns, logger: Logger(label: "corridor.totals"))
                let text = copy.text
                while let (key, sum) = try merged.next() {
                    note(key, sum)
                    text.appendInteger(site(key))
                    text.appendText(items[key.item])
                    text.appendInteger(owners[key.owner])
                    if let expiry = key.expiry { text.appendDay(expiry) } else { text.appendText("") }
                    text.appendInteger(sum.milli)
                    text.appendDay(sum.latest)
                    if copy.bufferedRows >= StockImporter.copyBatchSize { try await copy.send() }
                }
                try await copy.send()
                try await copy.drain()
                return summaries
            }
        }
    }
}
