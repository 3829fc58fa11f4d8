import NIOCore

/// Runs the jobs of the tasks that prefer it on one NIO event loop thread. The simulator's endpoints
/// serve from there, so they answer promptly like a real BMC even when every thread of Swift's
/// cooperative pool is busy (a whole test suite running in parallel on two cores); actor-isolated
/// code of a default actor they call (the simulated server) follows the task's preference too.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        self.eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
