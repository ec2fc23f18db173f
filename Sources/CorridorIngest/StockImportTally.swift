import CorridorCore
import CorridorFormats

/// Counts a report's rows as they are checked: problems and warnings (the first `listLimit` of
/// each listed), repeated rows, and, for a dry run, the lines and sites an import would write.
/// The import and the dry run tally alike, so their reports agree.
public struct StockImportTally {
    public static let listLimit = 1000
    public private(set) var rowsRead = 0
    public private(set) var problemCount = 0
    public private(set) var problems: [Problem] = []
    public private(set) var warningCount = 0
    public private(set) var warnings: [Problem] = []
    public private(set) var lines = 0
    public private(set) var existingSites = Set<Int64>()
    public private(set) var newSites: [String] = []
    private var newSiteCodes = Set<String>()
    /// New-site objects already counted, held so that their identities are not reused.
    private var newSiteObjects: [ObjectIdentifier: NewSite] = [:]
    /// Looked for by `findRepeats`, or by the pipeline beside the sink's write.
    let repeats: RepeatedRows
    /// Sites are counted here only for a dry run; an import takes the counts its writer keeps
    /// anyway, as counting here too would hash a site code on every row.
    let countsSites: Bool

    /// - Parameter duplicateWindow: repeated rows are looked for among this many rows (see `RepeatedRows`).
    init(countsSites: Bool, duplicateWindow: Int = 3_000_000) {
        self.countsSites = countsSites
        repeats = RepeatedRows(window: duplicateWindow)
    }

    /// A batch of rows counted by `count`, waiting for its repeated rows.
    struct Batch {
        /// The rows before the first problem, every one of them passed: the rows written, and
        /// looked at for repeats.
        let counted: Int
        /// Whether to write the batch: no row of it, and none before it, has a problem.
        let writable: Bool
        /// The rows' own warnings, the first of them up to the list's limit.
        fileprivate let warnings: [Problem]
    }

    /// Counts a batch, in file order, but for repeated rows: their problems and warnings, and
    /// the lines and sites they would write. The rows are only looked at, never copied: on a dry
    /// run they come from another thread, and a copy would count references to its strings here.
    mutating func count(_ rows: borrowing [StockReportScanner.Row]) -> Batch {
        var counted = 0
        var staged: [Problem] = []
        var stillCounting = problemCount == 0
        for index in rows.indices {
            rowsRead += 1
            if !rows[index].warnings.isEmpty {
                warningCount += rows[index].warnings.count
                let room = Self.listLimit - warnings.count - staged.count
                if room > 0 { staged += rows[index].warnings.prefix(room) }
            }
            if !rows[index].problems.isEmpty {
                problemCount += rows[index].problems.count
                if problems.count < Self.listLimit { problems += rows[index].problems.prefix(Self.listLimit - problems.count) }
            }
            guard stillCounting, rows[index].passed, problemCount == 0 else {
                stillCounting = false
                continue
            }
            counted += 1
            if countsSites { countSite(of: rows[index]) }
        }
        lines += counted
        return Batch(counted: counted, writable: counted == rows.count, warnings: staged)
    }

    /// Ends a batch with the repeated rows found among its counted rows; their warnings join
    /// the rows' own in row order.
    mutating func finish(_ batch: Batch, found: (count: Int, listed: [Problem])) {
        warningCount += found.count
        var (own, repeated) = (batch.warnings[...], found.listed[...])
        while warnings.count < Self.listLimit {
            switch (own.first, repeated.first) {
            case (nil, nil): return
            case (nil, _?): warnings.append(repeated.removeFirst())
            case (let first?, let next?) where (next.row ?? 0) < (first.row ?? 0): warnings.append(repeated.removeFirst())
            default: warnings.append(own.removeFirst())
            }
        }
    }

    /// Looks for repeated rows among a batch's counted rows and ends it.
    mutating func findRepeats(of batch: Batch, in rows: borrowing [StockReportScanner.Row]) {
        finish(batch, found: repeats.find(in: rows, upTo: batch.counted))
    }

    private mutating func countSite(of row: borrowing StockReportScanner.Row) {
        switch row.siteKey {
        case .existing(let id)?:
            existingSites.insert(id)
        case .new(let object)? where newSiteObjects[object] == nil:
            // First sight of this object: the code tells whether another thread's object
            // for the same site was counted already.
            guard case .new(let site)? = row.checked?.site else { break }
            newSiteObjects[object] = site
            if newSiteCodes.insert(site.code).inserted { newSites.append(site.code) }
        default:
            break
        }
    }

    /// Called once the last row is counted: the set of rows seen is only needed while rows come,
    /// and an import still writes its totals and indexes after that.
    func rowsEnded() {
        repeats.release()
    }

    /// Why nothing may be written: every problem listed (and how many more there were), or a
    /// file with no data rows.
    public func refusal(headerRow: Int) -> DomainError? {
        if problemCount > 0 {
            var listed = problems
            if problemCount > listed.count { listed.append(Problem(problem: "\(problemCount - listed.count) more problems not listed")) }
            return .invalid(listed)
        }
        if rowsRead == 0 { return .invalid([Problem(row: headerRow, problem: "the file has headers but no data rows")]) }
        return nil
    }
}
