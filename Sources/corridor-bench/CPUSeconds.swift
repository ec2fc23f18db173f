import Foundation

/// CPU time used, to show what bounds a measurement: a job that needs more CPU-seconds than the
/// machine's cores can give in the time a target allows cannot meet it, however it is arranged.
struct CPUSeconds {
    /// This process, every thread.
    var own: Double
    /// Every process named `postgres` on this machine, with the children they have reaped (the
    /// parallel workers that ended); nil where there are none (a server elsewhere).
    var postgres: Double?

    static func now() -> CPUSeconds {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let own = Self.seconds(usage.ru_utime) + Self.seconds(usage.ru_stime)
        return CPUSeconds(own: own, postgres: postgresTicks().map { Double($0) / Double(sysconf(Int32(_SC_CLK_TCK))) })
    }

    /// What was used since `start`.
    func since(_ start: CPUSeconds) -> CPUSeconds {
        CPUSeconds(own: own - start.own, postgres: postgres.flatMap { now in start.postgres.map { now - $0 } })
    }

    /// The shortest wall time the two could have shared the machine's cores in.
    var leastWallSeconds: Double { (own + (postgres ?? 0)) / Double(ProcessInfo.processInfo.activeProcessorCount) }

    private static func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }

    /// Clock ticks of the `postgres` processes: user and system time, their own and their
    /// reaped children's (fields 14 to 17 of `/proc/<pid>/stat`, after the name).
    private static func postgresTicks() -> Int? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        var (ticks, found) = (0, false)
        for pid in entries where pid.allSatisfy(\.isNumber) {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")"),
                stat[stat.index(after: open)..<close] == "postgres"
            else { continue }
            // Fields after the name start at the third: state, ppid, … utime is the 14th.
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            guard fields.count > 14 else { continue }
            ticks += fields[11...14].reduce(0) { $0 + (Int($1) ?? 0) }
            found = true
        }
        return found ? ticks : nil
    }
}
