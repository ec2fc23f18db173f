import ArgumentParser
import CorridorServer
import Foundation
import Logging

/// Benchmarks against named baselines, each measured in the same run (docs/performance.md).
@main
struct CorridorBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridor-bench", abstract: "Benchmarks of Corridor against named baselines.",
        subcommands: [ImportBench.self, PostgresImportBench.self, GapBench.self, ReadsBench.self, MapsBench.self, PagesBench.self])

    static let logger: Logger = {
        LoggingSystem.bootstrap { label in
            LineLogHandler(label: label, level: .warning)
        }
        return Logger(label: "corridor-bench")
    }()
}

/// Timing helpers the benchmarks share.
enum Measure {
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// A ratio rounded toward its worse side, so that it never shows a target met that is missed:
    /// down where more is better, up where less is.
    static func ratio(_ value: Double, lessIsBetter: Bool = false, decimals: Int = 2) -> String {
        let scale = pow(10, Double(decimals))
        let shown = (value * scale).rounded(lessIsBetter ? .up : .down) / scale
        return String(format: "%.\(decimals)f×", shown)
    }

    static func peakRSSMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}
