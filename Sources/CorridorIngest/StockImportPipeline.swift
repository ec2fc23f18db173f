import CorridorCore
import CorridorFormats

/// Where an import writes the rows it accepts; the store implements it for its databases.
public protocol StockSink: AnyObject {
    /// A batch of checked rows in file order, every one of them passed: once a row has a
    /// problem nothing more is written, as the import will be refused.
    func write(_ rows: inout [StockReportScanner.Row]) async throws
}

/// The one path of every stock report, dry run or import: rows are read and checked by the
/// scanner, counted by the tally and, while no row has a problem, handed to the sink (none for
/// a dry run). A dry run therefore reports exactly what the import would write.
public enum StockImportPipeline {
    /// - Parameter progress: called with the number of data rows checked so far, about every 10,000 rows.
    public static func run(
        _ scanner: StockReportScanner, context: StockReportContext, sink: (any StockSink)?,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> StockImportTally {
        var tally = StockImportTally(countsSites: sink == nil)
        var nextProgress = 10_000
        try await scanner.checkAll(against: context) { rows in
            let batch = tally.count(rows)
            if tally.rowsRead >= nextProgress {
                progress?(tally.rowsRead)
                nextProgress = tally.rowsRead + 10_000
            }
            guard batch.writable, let sink else {
                tally.findRepeats(of: batch, in: rows)
                return
            }
            // Repeated rows are looked for while the sink writes the same rows, which both only
            // read: the longest part of the tally no longer paces the import.
            let (repeats, counted, looked) = (tally.repeats, batch.counted, rows)
            async let found = repeats.find(in: looked, upTo: counted)
            try await sink.write(&rows)
            tally.finish(batch, found: await found)
        }
        tally.rowsEnded()
        if let refusal = tally.refusal(headerRow: scanner.layout.headerRow) { throw refusal }
        return tally
    }
}
