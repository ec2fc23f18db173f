import ArgumentParser
import Foundation
import Logging

/// Benchmarks against named baselines, each measured in the same run (docs/performance.md).
@main
struct CorridorBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridor-bench", abstract: "Benchmarks of Corridor against named baselines.",
        subcommands: [ImportBench.self, PostgresImportBench.self, GapBench.self, ReadsBench.self, MapsBench.self])

    static let logger: Logger = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        return Logger(label: "corridor-bench")
    }()
}

/// Timing helpers the benchmarks share.
enum Measure {
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func peakRSSMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}
