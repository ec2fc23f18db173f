import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A thread of its own for one checking worker of one report, running its jobs in order at a
/// lower priority than the rest of the process. The workers read ahead of everything that uses
/// their rows: an import's writes (which pace it) and the server's requests come first, and the
/// workers take the CPU those leave. The thread ends once `close` is called and its jobs are done.
final class CheckingThread: @unchecked Sendable {
    /// How much the thread yields to the rest of the process, as Linux's niceness (0 to 19).
    static let niceness: Int32 = 10

    // The jobs and `closed` are read and written only under `condition`'s lock.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var closed = false

    init() {
        let thread = Thread { [self] in run() }
        thread.name = "corridor.stock-check"
        thread.start()
    }

    /// Runs `job` after the jobs given before it.
    func async(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread end once its jobs are done.
    func close() {
        condition.lock()
        closed = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        #if os(Linux)
            // On Linux this sets the calling thread's niceness only; raising it needs no privilege.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Self.niceness)
        #endif
        while let job = take() { job() }
    }

    /// The next job, waiting for one; nil once closed with none left.
    private func take() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty {
            if closed { return nil }
            condition.wait()
        }
        // A few jobs at most: the scanner keeps two segments in flight per worker.
        return jobs.removeFirst()
    }
}
