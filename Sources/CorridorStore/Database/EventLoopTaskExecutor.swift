import NIOCore

/// Runs a task's jobs on one NIO event loop: a PostgreSQL read whose connection lives on that
/// loop then resumes there after each reply, instead of hopping to the cooperative threads and
/// back for every message.
@available(macOS 15.0, *)
final class EventLoopTaskExecutor: TaskExecutor {
    private let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
