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
    private var seen = FingerprintSet()
    private var windowNoted = false
    /// Sites are counted here only for a dry run; an import takes the counts its writer keeps
    /// anyway, as counting here too would hash a site code on every row.
    let countsSites: Bool
    /// Repeated rows are looked for among this many checked rows. Remembering every row costs
    /// about 11 bytes each; 3,000,000 is the most the set holds before it would grow again, which
    /// keeps an import's memory flat whatever the file's size.
    let duplicateWindow: Int

    init(countsSites: Bool, duplicateWindow: Int = 3_000_000) {
        self.countsSites = countsSites
        self.duplicateWindow = duplicateWindow
    }

    /// Whether to write the row: false when this row or an earlier one has a problem. The row
    /// is only looked at, never copied: on a dry run it comes from another thread, and a copy
    /// would count references to that thread's strings here.
    mutating func add(_ row: borrowing StockReportScanner.Row) -> Bool {
        rowsRead += 1
        if !row.warnings.isEmpty {
            warningCount += row.warnings.count
            if warnings.count < Self.listLimit { warnings += row.warnings.prefix(Self.listLimit - warnings.count) }
        }
        if !row.problems.isEmpty {
            problemCount += row.problems.count
            if problems.count < Self.listLimit { problems += row.problems.prefix(Self.listLimit - problems.count) }
        }
        guard row.passed, problemCount == 0 else { return false }
        let full = seen.count >= duplicateWindow
        if full ? seen.contains(row.fingerprint) : !seen.insert(row.fingerprint) {
            warn(Problem(row: row.number, problem: "repeats an earlier row (same site, item, batch, expiry and status); both are kept"))
        } else if full && !windowNoted {
            windowNoted = true
            warn(
                Problem(
                    row: row.number,
                    problem:
                        "repeated rows are looked for among the first \(duplicateWindow) rows only; from here on a row is compared with those"
                ))
        }
        lines += 1
        if countsSites {
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
        return true
    }

    /// Called once the last row is counted: the set of rows seen is only needed while rows come,
    /// and an import still writes its totals and indexes after that.
    mutating func rowsEnded() {
        seen = FingerprintSet()
    }

    private mutating func warn(_ warning: Problem) {
        warningCount += 1
        if warnings.count < Self.listLimit { warnings.append(warning) }
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
