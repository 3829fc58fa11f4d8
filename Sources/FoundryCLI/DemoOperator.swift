import Logging
import Operator
import ServiceLifecycle
import Synchronization

/// The operator running inside `foundry demo`: its task, the URL it listens at once known, and
/// why it ended if it did (the demo then stops with that reason). It runs in a service group of
/// its own, so that stopping it is the graceful shutdown `foundry operator` does on SIGTERM.
final class DemoOperator: Sendable {
    let foundry: FoundryOperator
    private let group: ServiceGroup
    private let state = Mutex<(url: String?, ended: String?)>((nil, nil))
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(_ foundry: FoundryOperator, logger: Logger) {
        self.foundry = foundry
        self.group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [.init(service: foundry)], logger: logger))
    }

    var url: String? {
        self.state.withLock { $0.url }
    }

    /// Why the operator stopped; nil while it runs.
    var ended: String? {
        self.state.withLock { $0.ended }
    }

    func start() {
        let task = Task {
            let listening = Task {
                let url = await self.foundry.url()
                self.state.withLock { $0.url = url }
            }
            let reason: String
            do {
                try await self.group.run()
                reason = "it returned"
            } catch {
                reason = "\(error)"
            }
            listening.cancel()
            self.state.withLock { $0.ended = reason }
        }
        self.task.withLock { $0 = task }
    }

    /// The URL, once the operator listens (polled: bounded by `timeout`); nil if it ends first.
    func waitUntilListening(timeout: Duration = .seconds(60)) async -> String? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline, self.ended == nil {
            if let url = self.url {
                return url
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return self.url
    }

    /// Shuts the operator down gracefully (the reconcile loop, then the listener) and waits until
    /// it has stopped.
    func stop() async {
        let task = self.task.withLock { $0 }
        await self.group.triggerGracefulShutdown()
        await task?.value
    }
}
