import CorridorCore
import CorridorIngest
import Foundation
import Logging
import SQLKit

extension StockTotals {
    /// An import's totals, added up in memory as its rows pass on to the line writer (grouping a
    /// million lines again in SQL would cost more than writing them), and written once before
    /// the import commits: the sites the report names get their totals replaced by the report's
    /// lines plus whatever other organisations reported there.
    final class Tally: StockSink {
        /// A total's key in a few bytes: a million lines sum into about half as many totals, and
        /// strings in each key would cost more memory than the rest of the import.
        private struct Key: Hashable {
            /// A stored site's id, or the negated position (from 1) of a new site's code in `newSites`.
            var site: Int64
            var item: Int32, owner: Int32
            var expiry: Day?

            /// Two words instead of each field and the optional's tag: every row hashes a key.
            func hash(into hasher: inout Hasher) {
                hasher.combine(site)
                let day = expiry.map { UInt64($0.year) << 16 | UInt64($0.month) << 8 | UInt64($0.day) } ?? 0
                hasher.combine(UInt64(UInt32(bitPattern: item)) << 40 ^ UInt64(UInt32(bitPattern: owner)) << 24 ^ day)
            }
        }
        private let next: any StockSink
        private var sums: [Key: (milli: Int64, latest: Day)] = [:]
        private var items = Interned(), owners = Interned(), newSites = Interned()

        init(forwardingTo next: any StockSink) {
            self.next = next
        }

        func write(_ rows: inout [StockReportScanner.Row]) async throws {
            // Moved out for the batch, so each row's changes are to locals, not checked accesses
            // to this object's properties.
            var (sums, items, owners, newSites) = (self.sums, self.items, self.owners, self.newSites)
            (self.sums, self.items, self.owners, self.newSites) = ([:], Interned(), Interned(), Interned())
            for index in rows.indices {
                guard let row = rows[index].checked, row.status == .available else { continue }
                let site: Int64
                switch row.site {
                case .existing(let id): site = id
                case .moved(let move): site = move.id
                case .new(let new): site = -Int64(newSites.index(new.code) + 1)
                }
                let key = Key(site: site, item: items.index(row.itemCode), owner: owners.index(row.ownerOrg), expiry: row.expiry)
                // Changed in place: one look-up of the key, not two.
                Self.add(row, to: &sums[key, default: (0, row.reportedAt)])
            }
            (self.sums, self.items, self.owners, self.newSites) = (sums, items, owners, newSites)
            try await next.write(&rows)
        }

        private static func add(_ row: CheckedStockRow, to sum: inout (milli: Int64, latest: Day)) {
            sum.milli += row.quantity.milli
            sum.latest = max(sum.latest, row.reportedAt)
        }

        /// Replaces the totals of every site the import wrote (`replaced`: existing sites it
        /// named; `created`: codes of the sites it added), after the lines are final. With
        /// `rewrite` (PostgreSQL, when the lines table was rewritten) the totals table is rewritten
        /// too, for the same reason (see `PostgresTableSwap`). On SQLite, at least
        /// `indexRebuildThreshold` totals may be written without their index by item.
        func finish(
            org: Organisation, replaced: Set<Int64>, created: [String], rewrite: Bool, indexRebuildThreshold: Int,
            on db: any SQLDatabase, driver: DriverConnection
        ) async throws {
            var newIDs: [String: Int64] = [:]
            if !created.isEmpty {
                for row in try await db.raw("SELECT id, code FROM sites WHERE org_id = \(bind: org.id)").all() {
                    newIDs[try row.string("code")] = try row.int64("id")
                }
            }
            var orgIDs: [String: Int64] = [:]
            for row in try await db.raw("SELECT id, code FROM organisations").all() {
                orgIDs[try row.string("code")] = try row.int64("id")
            }
            let ownerIDs = try owners.values.map { code -> Int64 in
                guard let id = orgIDs[code] else { throw DomainError.internalFailure("no organisation \(code)") }
                return id
            }
            let newSiteIDs = try newSites.values.map { code -> Int64 in
                guard let id = newIDs[code] else { throw DomainError.internalFailure("the new site \(code) was not stored") }
                return id
            }
            var rows: [(key: ResolvedKey, value: (milli: Int64, latest: String))] = []
            rows.reserveCapacity(sums.count)
            for (key, sum) in sums {
                let site = key.site > 0 ? key.site : newSiteIDs[Int(-key.site - 1)]
                rows.append(
                    (
                        ResolvedKey(site: site, item: key.item, owner: ownerIDs[Int(key.owner)], expiry: key.expiry?.description ?? ""),
                        (sum.milli, sum.latest.description)
                    ))
            }
            sums = [:]
            let sites = Array(replaced) + created.compactMap { newIDs[$0] }
            // Lines other organisations reported at these sites stay, and count.
            var others: [ResolvedKey: (milli: Int64, latest: String)] = [:]
            // Below and above the reporter's id, so that each is a range of the (site, reporter) index.
            for chunk in stride(from: 0, to: sites.count, by: 10_000).map({ Array(sites[$0..<min($0 + 10_000, sites.count)]) }) {
                for side in ["<", ">"] {
                    let found = try await db.raw(
                        """
                        SELECT site_id, item_code, owner_org_id, COALESCE(expiry, '') AS expiry, CAST(SUM(quantity_milli) AS BIGINT) AS quantity_milli,
                               MAX(reported_at) AS latest_report
                        FROM stock_lines
                        WHERE site_id IN (\(binds: chunk)) AND reporter_org_id \(unsafeRaw: side) \(bind: org.id) AND status = 'available'
                        GROUP BY site_id, item_code, owner_org_id, COALESCE(expiry, '')
                        """
                    ).all()
                    for row in found {
                        let total = try Row(row)
                        let key = ResolvedKey(site: total.site, item: items.index(total.item), owner: total.owner, expiry: total.expiry)
                        others[key] = (total.quantityMilli, total.latestReport)
                    }
                }
            }
            if !others.isEmpty {
                for index in rows.indices {
                    guard let other = others.removeValue(forKey: rows[index].key) else { continue }
                    rows[index].value = (rows[index].value.milli + other.milli, max(rows[index].value.latest, other.latest))
                }
                rows += others.map { ($0.key, $0.value) }
            }
            // By site, so each site's rows land together at the end of the table's tree.
            rows.sort { $0.key.site < $1.key.site }
            let replacedSites = Array(replaced)
            if rewrite, case .postgres = driver {
                let swap = try await PostgresTableSwap.begin("stock_site_totals", on: db)
                try await Self.insert(rows, items: items.values, into: swap.next, on: driver)
                try await swap.finish(keeping: replacedSites.isEmpty ? nil : "site_id <> ALL(\(bind: replacedSites))", on: db)
                return
            }
            var byItem: SQLiteSetAsideIndexes?
            if case .sqlite = driver {
                byItem = try await ByItemIndex.dropIfLarge(writing: rows.count, threshold: indexRebuildThreshold, on: db)
            }
            for chunk in stride(from: 0, to: replacedSites.count, by: 10_000).map({
                Array(replacedSites[$0..<min($0 + 10_000, replacedSites.count)])
            }) {
                try await db.raw("DELETE FROM stock_site_totals WHERE site_id IN (\(binds: chunk))").run()
            }
            try await Self.insert(rows, items: items.values, into: "stock_site_totals", on: driver)
            try await byItem?.rebuild(on: db)
        }

        private static func insert(
            _ rows: [(key: ResolvedKey, value: (milli: Int64, latest: String))], items: [String], into table: String,
            on driver: DriverConnection
        ) async throws {
            let columns = ["site_id", "item_code", "owner_org_id", "expiry", "quantity_milli", "latest_report"]
            switch driver {
            case .sqlite(let connection):
                var insert = SQLiteBulkInsert(
                    connection: connection, table: table, columns: columns, rowsPerStatement: StockImporter.batchSize)
                for (key, value) in rows {
                    insert.append(.integer(key.site))
                    insert.append(.text(items[Int(key.item)]))
                    insert.append(.integer(key.owner))
                    insert.append(.text(key.expiry))
                    insert.append(.integer(value.milli))
                    insert.append(.text(value.latest))
                    if insert.bufferedRows >= StockImporter.batchSize { try await insert.send() }
                }
                try await insert.send()
                try await insert.drain()
            case .postgres(let connection):
                var copy = PostgresCopyRows(
                    connection: connection, table: table, columns: columns, logger: Logger(label: "corridor.totals"))
                let text = copy.text
                for (key, value) in rows {
                    text.appendInteger(key.site)
                    text.appendText(items[Int(key.item)])
                    text.appendInteger(key.owner)
                    text.appendText(key.expiry)
                    text.appendInteger(value.milli)
                    text.appendText(value.latest)
                    if copy.bufferedRows >= StockImporter.copyBatchSize { try await copy.send() }
                }
                try await copy.send()
                try await copy.drain()
            }
        }
    }

    private struct ResolvedKey: Hashable {
        var site: Int64, item: Int32, owner: Int64, expiry: String
    }

    /// Codes numbered in the order first met, so keys hold a number instead of the code.
    private struct Interned {
        private var numbers: [String: Int32] = [:]
        private(set) var values: [String] = []

        /// The last code asked: rows in a row mostly repeat it (one owner, one site's items).
        private var last: (code: String, number: Int32)?

        mutating func index(_ code: String) -> Int32 {
            if let last, last.code == code { return last.number }
            if let number = numbers[code] {
                last = (code, number)
                return number
            }
            let number = Int32(values.count)
            numbers[code] = number
            values.append(code)
            last = (code, number)
            return number
        }
    }
}
