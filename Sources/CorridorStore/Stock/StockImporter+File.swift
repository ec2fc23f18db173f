import CorridorCore
import CorridorFormats
import Foundation

extension StockImporter {
    /// Imports a report file from disk, read as CSV or XLSX by its name or first bytes. The one
    /// path behind the upload form, the API and `corridor import stock`.
    public func importFile(
        at url: URL, fileName: String, _ request: StockImportRequest, by actor: Actor,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> StockImportReport {
        let head = (try? FileHandle(forReadingFrom: url).read(upToCount: 8)).flatMap { $0 }.map { [UInt8]($0) } ?? []
        var request = request
        do {
            switch TabularFormat.detect(fileName: fileName, firstBytes: head) {
            case .xlsx:
                request.serialDates = true
                var reader = try XLSXReader(url: url)
                return try await run(&reader, request, by: actor, progress: progress)
            case .csv:
                var reader = try CSVReader(url: url)
                return try await run(&reader, request, by: actor, progress: progress)
            }
        } catch let error as TabularError {
            throw DomainError.invalid([error.problem(inFile: fileName)])
        }
    }
}
