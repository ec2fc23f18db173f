import ArgumentParser
import CorridorCore
import CorridorFormats
import CorridorServer
import CorridorStore
import Foundation

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import data files.", subcommands: [Stock.self])

    struct Stock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a stock report (HXL CSV, plain CSV or XLSX) as a snapshot of an organisation's stock.",
            discussion:
                "Nothing is written unless every row is valid; every problem is printed as `row N, column \"header\" (#tag): message`.")
        @Argument(help: "The file: .csv (comma, semicolon or tab) or .xlsx (first sheet).") var file: String
        @Option(help: "Code of the reporting organisation.") var org: String
        @Flag(help: "Check the file and report, write nothing.") var dryRun = false
        @Flag(help: "Dates are written dd/mm/yyyy (default: ISO 8601 only).") var dayFirst = false
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            guard FileManager.default.isReadableFile(atPath: url.path) else { throw CLI.Failure(description: "cannot read \(file)") }
            let request = StockImportRequest(
                org: org, fileName: url.lastPathComponent, dryRun: dryRun,
                dateConvention: dayFirst ? .dayFirst : .isoOnly)
            let progress: @Sendable (Int) -> Void = { rows in
                FileHandle.standardError.write(Data("\r  checked \(rows.formatted()) rows…".utf8))
            }
            let outcome: Result<StockImportReport, any Error> = try await db.withStore { store, _ in
                do {
                    return .success(
                        try await store.stockImporter.importFile(
                            at: url, fileName: url.lastPathComponent, request,
                            by: .console, progress: progress))
                } catch {
                    return .failure(error)
                }
            }
            switch outcome {
            case .success(let report):
                if report.rowsRead >= 10_000 { FileHandle.standardError.write(Data("\n".utf8)) }
                for warning in report.warnings { FileHandle.standardError.write(Data("warning: \(Self.locate(warning))\n".utf8)) }
                print(report.summary)
            case .failure(let error):
                FileHandle.standardError.write(Data("\n".utf8))
                if let domain = error as? DomainError, !domain.problems.isEmpty {
                    for problem in domain.problems { FileHandle.standardError.write(Data("\(Self.locate(problem))\n".utf8)) }
                    throw CLI.Failure(description: "\(file): \(domain.message); nothing was written")
                }
                throw CLI.failure(error)
            }
        }

        /// `row 12, column "Qty" (#indicator+num): 'x' is not a number`
        static func locate(_ problem: Problem) -> String {
            var place: [String] = []
            if let row = problem.row { place.append("row \(row)") }
            if let column = problem.column {
                place.append("column \(column)")
            } else if let field = problem.field {
                place.append("field \(field)")
            }
            return place.isEmpty ? problem.problem : place.joined(separator: ", ") + ": " + problem.problem
        }
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export data.", subcommands: [Stock.self])

    enum Format: String, ExpressibleByArgument, CaseIterable { case hxl, geojson, json }

    struct Stock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write all stock to stdout as HXL CSV, GeoJSON (sites with totals) or JSON lines.")
        @Option(help: "hxl, geojson or json.") var format: Format
        @Option(help: "Only this country (ISO alpha-2).") var country: String?
        @Option(help: "Days people covered are given for (1 to 365).") var days = PeopleCovered.defaultDays
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let filter = try CLI.run { try StockFilter(country: country).validated() }
            _ = try CLI.run { try PeopleCovered.horizon(days) }
            try await db.withStore { store, _ in try await write(store, filter: filter) }
        }

        private func write(_ store: Store, filter: StockFilter) async throws {
            let out = FileHandle.standardOutput
            switch format {
            case .geojson:
                out.write(try await StockExports.geoJSON(store: store, visibleTo: .console, country: country, days: days))
                out.write(Data("\n".utf8))
            case .hxl:
                try await StockExports.hxl(store: store, filter, visibleTo: .console, days: days) { out.write(Data($0)) }
            case .json:
                let encoder = JSONEncoder()
                encoder.keyEncodingStrategy = .convertToSnakeCase
                encoder.outputFormatting = [.sortedKeys]
                try await StockExports.forEachPage(store: store, filter, visibleTo: .console, days: days) { lines in
                    var chunk = Data()
                    for line in lines {
                        chunk.append(try encoder.encode(line))
                        chunk.append(0x0A)
                    }
                    out.write(chunk)
                }
            }
        }
    }
}
