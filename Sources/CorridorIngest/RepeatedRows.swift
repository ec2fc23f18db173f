import CorridorCore

/// Repeated rows (same site, item, owner, batch, expiry and status) among a report's rows, by
/// their fingerprints. Looked for apart from the rest of the tally, so that an import can do it
/// while its sink writes the same rows: it is the tally's longest part. A class, so that the set
/// is never copied on its way to the task that looks; one task at a time uses it, the tally's
/// or the child task it awaits, hence `@unchecked Sendable`.
final class RepeatedRows: @unchecked Sendable {
    private var seen = FingerprintSet()
    private var windowNoted = false
    /// Repeated rows are looked for among this many rows. Remembering every row costs about 11
    /// bytes each; 3,000,000 is the most the set holds before it would grow again, which keeps an
    /// import's memory flat whatever the file's size.
    let window: Int

    init(window: Int) {
        self.window = window
    }

    /// The warnings for `rows[..<count]` (rows that passed, before any problem): how many, and
    /// the first of them in row order, as many as the tally lists.
    func find(in rows: borrowing [StockReportScanner.Row], upTo count: Int) -> (count: Int, listed: [Problem]) {
        var found = 0
        var listed: [Problem] = []
        func warn(_ warning: Problem) {
            found += 1
            if listed.count < StockImportTally.listLimit { listed.append(warning) }
        }
        for index in 0..<count {
            let full = seen.count >= window
            if full ? seen.contains(rows[index].fingerprint) : !seen.insert(rows[index].fingerprint) {
                warn(
                    Problem(
                        row: rows[index].number,
                        problem: "repeats an earlier row (same site, item, batch, expiry and status); both are kept"))
            } else if full && !windowNoted {
                windowNoted = true
                warn(
                    Problem(
                        row: rows[index].number,
                        problem:
                            "repeated rows are looked for among the first \(window) rows only; from here on a row is compared with those"
                    ))
            }
        }
        return (found, listed)
    }

    /// Lets the set go: it is only needed while rows come.
    func release() {
        seen = FingerprintSet()
    }
}
