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
            discussion: "Nothing is written unless every row is valid; every problem is printed as `row N, column \"header\" (#tag): message`.")
        @Argument(help: "The file: .csv (comma, semicolon or tab) or .xlsx (first sheet).") var file: String
        @Option(help: "Code of the reporting organisation.") var org: String
        @Flag(help: "Check the file and report, write nothing.") var dryRun = false
        @Flag(help: "Dates are written dd/mm/yyyy (default: ISO 8601 only).") var dayFirst = false
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            guard FileManager.default.isReadableFile(atPath: url.path) else { throw CLI.Failure(description: "cannot read \(file)") }
            let (store, _) = try await db.openStore()
            let request = StockImportRequest(org: org, fileName: url.lastPathComponent, dryRun: dryRun,
                                             dateConvention: dayFirst ? .dayFirst : .isoOnly)
            let progress: @Sendable (Int) -> Void = { rows in
                FileHandle.standardError.write(Data("\r  checked \(rows.formatted()) rows…".utf8))
            }
            do {
                let report = try await store.stockImporter.importFile(at: url, fileName: url.lastPathComponent, request,
                                                                      by: .console, progress: progress)
                await store.close()
                if report.rowsRead >= 10_000 { FileHandle.standardError.write(Data("\n".utf8)) }
                for warning in report.warnings { FileHandle.standardError.write(Data("warning: \(Self.locate(warning))\n".utf8)) }
                print(report.summary)
            } catch {
                await store.close()
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
            if let column = problem.column { place.append("column \(column)") } else if let field = problem.field { place.append("field \(field)") }
            return place.isEmpty ? problem.problem : place.joined(separator: ", ") + ": " + problem.problem
        }
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export data.", subcommands: [Stock.self])

    enum Format: String, ExpressibleByArgument, CaseIterable { case hxl, geojson, json }

    struct Stock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write all stock to stdout as HXL CSV, GeoJSON (sites with totals) or JSON lines.")
        @Option(help: "hxl, geojson or json.") var format: Format
        @Option(help: "Only this country (ISO alpha-2).") var country: String?
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let filter = try CLI.run { try StockFilter(country: country).validated() }
            let (store, _) = try await db.openStore()
            do {
                try await write(store, filter: filter)
                await store.close()
            } catch {
                await store.close()
                throw CLI.failure(error)
            }
        }

        private func write(_ store: Store, filter: StockFilter) async throws {
            let out = FileHandle.standardOutput
            switch format {
            case .geojson:
                out.write(try await StockExports.geoJSON(store: store, visibleTo: .console, country: country))
                out.write(Data("\n".utf8))
            case .hxl, .json:
                let writer = HXLWriter(columns: StockHXLProfile.columns)
                let encoder = JSONEncoder()
                encoder.keyEncodingStrategy = .convertToSnakeCase
                encoder.outputFormatting = [.sortedKeys]
                if format == .hxl { out.write(Data(writer.head().utf8)) }
                var cursor: Int64?
                repeat {
                    let lines = try await store.stock.lines(filter, visibleTo: .console, after: cursor, limit: 5_000)
                    var chunk = Data()
                    for line in lines {
                        if format == .hxl {
                            chunk.append(Data(writer.row(StockExports.hxlCells(line)).utf8))
                        } else {
                            chunk.append(try encoder.encode(line))
                            chunk.append(0x0A)
                        }
                    }
                    out.write(chunk)
                    cursor = lines.count == 5_000 ? lines.last?.id : nil
                } while cursor != nil
            }
        }
    }
}
