@testable import CorridorIngest
import Foundation
import Synchronization
import Testing

/// A report's checking worker runs its jobs in order on a thread of its own, below the process's
/// priority, and the thread ends once closed.
@Suite struct CheckingThreadTests {
    @Test func jobsRunInOrderAtALowerPriorityAndTheThreadEnds() async throws {
        let thread = CheckingThread()
        let seen = Mutex<[Int]>([]), stat = Mutex("")
        let done = CheckSignal()
        for number in 0..<1_000 { thread.async { seen.withLock { $0.append(number) } } }
        thread.async {
            stat.withLock { $0 = (try? String(contentsOfFile: "/proc/thread-self/stat", encoding: .utf8)) ?? "" }
            done.signal()
        }
        await done.wait()
        thread.close()
        #expect(seen.withLock { $0 } == Array(0..<1_000))
        #if os(Linux)
            let line = stat.withLock { $0 }
            // proc(5): the fields after the name in parentheses start at the third; niceness is the 19th.
            let fields = line.split(separator: ")").last.map { $0.split(separator: " ") } ?? []
            #expect(fields.count > 16 && fields[16] == "\(CheckingThread.niceness)", "\(line)")
            let task = "/proc/self/task/" + line.prefix { $0 != " " }
            var ended = false
            for _ in 0..<500 where !ended {
                ended = !FileManager.default.fileExists(atPath: task)
                if !ended { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(ended, "the thread \(task) still runs")
        #endif
    }
}
