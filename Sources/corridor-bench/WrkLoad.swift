import Foundation

/// A load run by `wrk` in a process of its own, as the issue measures it (`wrk -t1 -c32`): the
/// client's work no longer shares the server's process, and wrk's C client takes far less of the
/// two cores than the benchmark's own Swift client, so the server has more of them.
enum WrkLoad {
    /// `wrk` on PATH, if any.
    static let path: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/wrk" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// One load of `seconds` (whole seconds, at least one: wrk's durations are) on `connections`
    /// connections, each request the next of `paths` in turn, with the token as a bearer. Waited
    /// for on a queue of its own: the server in this process needs every cooperative thread.
    static func run(
        wrk: String, base: String, paths: [String], token: String?, connections: Int, seconds: Int, folder: URL
    ) async throws -> ReadsBench.Load {
        try await withCheckedThrowingContinuation { continuation in
            waiting.async {
                continuation.resume(
                    with: Result {
                        try runNow(
                            wrk: wrk, base: base, paths: paths, token: token, connections: connections, seconds: seconds, folder: folder)
                    })
            }
        }
    }

    private static let waiting = DispatchQueue(label: "corridor-bench.wrk")

    private static func runNow(
        wrk: String, base: String, paths: [String], token: String?, connections: Int, seconds: Int, folder: URL
    ) throws -> ReadsBench.Load {
        let script = folder.appendingPathComponent("wrk-\(UUID().uuidString).lua")
        try luaScript(paths: paths, token: token).write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = ["-t1", "-c\(connections)", "-d\(max(1, seconds))s", "--latency", "-s", script.path, base + "/"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let load = parse(text) else {
            throw WrkError(message: "wrk ended with status \(process.terminationStatus): \(text.prefix(500))")
        }
        return load
    }

    /// The Lua script that sends `paths` in turn with the token.
    static func luaScript(paths: [String], token: String?) -> String {
        let quoted = paths.map { "\"\($0)\"" }.joined(separator: ",\n  ")
        var lua = "local paths = {\n  \(quoted)\n}\nlocal turn = 0\n"
        if let token { lua += "wrk.headers[\"Authorization\"] = \"Bearer \(token)\"\n" }
        lua += """
            request = function()
              turn = turn % #paths + 1
              return wrk.format("GET", paths[turn])
            end

            """
        return lua
    }

    /// Requests, failures, the time taken and the 99th percentile from wrk's report; nil when
    /// the report lacks one of them.
    static func parse(_ report: String) -> ReadsBench.Load? {
        var requests: Int?, elapsed: Double?, p99: Double?, failed = 0
        for line in report.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count >= 4, words[1] == "requests", words[2] == "in" {
                requests = Int(words[0])
                elapsed = seconds(String(words[3].dropLast()))
            } else if words.count == 2, words[0] == "99%" {
                p99 = seconds(String(words[1]))
            } else if line.contains("Non-2xx or 3xx responses:"), let count = words.last.flatMap({ Int($0) }) {
                failed += count
            } else if line.contains("Socket errors:") {
                failed += words.compactMap { Int($0.filter(\.isNumber)) }.reduce(0, +)
            }
        }
        guard let requests, let elapsed, let p99, elapsed > 0 else { return nil }
        return ReadsBench.Load(requests: max(0, requests - failed), failed: failed, elapsed: elapsed, p99s: [p99])
    }

    /// wrk's durations: a number and a unit, `us`, `ms`, `s`, `m` or `h`.
    static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("us", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3_600)]
        for (unit, scale) in units where text.hasSuffix(unit) {
            if let value = Double(text.dropLast(unit.count)) { return value * scale }
        }
        return nil
    }
}

struct WrkError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
