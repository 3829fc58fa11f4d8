import Foundation
import Synchronization

/// Ctrl-C (or SIGTERM) during `foundry demo`: the first asks for a clean stop, a second one while
/// it stops exits at once, in case something hangs on the way out.
final class DemoInterrupt: Sendable {
    private let state = Mutex(false)
    private let listener = Mutex<Task<Void, Never>?>(nil)

    /// Starts listening for the signals (they no longer end the process).
    func start() {
        let task = Task {
            guard await TerminationSignal.wait() != nil else {
                return
            }
            self.state.withLock { $0 = true }
            Output.error("stopping (Ctrl-C again to exit at once)")
            if await TerminationSignal.wait() != nil {
                Output.error("exiting without cleaning up")
                exit(130)
            }
        }
        self.listener.withLock { $0 = task }
    }

    /// Whether a first signal has arrived.
    var received: Bool {
        self.state.withLock { $0 }
    }

    func stopListening() {
        self.listener.withLock { $0 }?.cancel()
    }
}
