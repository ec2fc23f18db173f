import CorridorCore
import CorridorFormats
import Foundation

extension DeclarationRepository {
    /// Replaces the lines of a declaration with those of a packing list file (CSV or XLSX, by its
    /// name or first bytes) as one amendment; problems point at the file's rows and columns.
    public func amendLines(
        id: Int64, packingListAt url: URL, fileName: String, version: Int64, by actor: Actor,
        today: Day = .today()
    ) async throws -> DeclarationView {
        let list = try Self.readPackingList(at: url, fileName: fileName)
        guard let current = try await view(id: id, by: actor) else { throw DomainError.notFound("no declaration with id \(id)") }
        var input = current.input
        input.lines = list.lines
        do {
            return try await amend(id: id, input, version: version, by: actor, today: today)
        } catch let error as DomainError {
            throw list.located(error)
        }
    }

    static func readPackingList(at url: URL, fileName: String) throws -> PackingList {
        let head = (try? FileHandle(forReadingFrom: url).read(upToCount: 8)).flatMap { $0 }.map { [UInt8]($0) } ?? []
        do {
            switch TabularFormat.detect(fileName: fileName, firstBytes: head) {
            case .xlsx:
                var reader = try XLSXReader(url: url)
                return try PackingList.read(&reader, fileName: fileName, serialDates: true)
            case .csv:
                var reader = try CSVReader(url: url)
                return try PackingList.read(&reader, fileName: fileName)
            }
        } catch let error as TabularError {
            throw DomainError.invalid([error.problem(inFile: fileName)])
        }
    }
}
