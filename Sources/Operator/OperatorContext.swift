import FoundryStore
import Logging
import Synchronization

/// The parts of a running operator that the reconcile loop, the watchers and the HTTP handlers
/// share.
final class OperatorContext: Sendable {
    let store: any ResourceStore
    let configuration: OperatorConfiguration
    let logger: Logger
    let metrics: OperatorMetrics
    let sessions: AgentSessions
    let bmc: BMCPool
    let index: HostIndex
    let images: ImageCatalog
    let queue: WorkQueue<HostKey>
    let memory = HostMemory()
    let events: EventRecorder
    let configDrives: ConfigDriveBuilder
    let readiness = Readiness()
    let listener = ListenerAddress()

    init(
        store: any ResourceStore,
        configuration: OperatorConfiguration,
        connect: @escaping BMCConnect,
        metrics: OperatorMetrics,
        logger: Logger
    ) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
        self.sessions = AgentSessions(
            heartbeatInterval: configuration.agentHeartbeatInterval, silence: configuration.agentSilence)
        self.bmc = BMCPool(connect: connect, metrics: metrics)
        self.index = HostIndex()
        self.images = ImageCatalog(
            directory: configuration.imageDirectory, cacheDirectory: configuration.imageCacheDirectory)
        self.queue = WorkQueue(rateLimit: configuration.rateLimit)
        self.events = EventRecorder(store: store, logger: logger)
        self.configDrives = ConfigDriveBuilder(store: store)
    }

    /// The URL agents and BMCs reach the listener at (set once it listens).
    var operatorURL: String {
        self.listener.url ?? ""
    }

    /// Drops everything kept for a host that is gone.
    func forget(_ key: HostKey) async {
        await self.sessions.revoke(host: key)
        await self.bmc.close(key)
        await self.memory.forget(key)
        await self.queue.forget(key)
        await self.queue.cancelDelayed(key)
        await self.index.remove(key)
    }
}

/// Whether the operator has listed what it watches and can act (`/readyz`).
actor Readiness {
    private(set) var hostsListed = false
    private(set) var secretsListed = false
    private(set) var stopping = false

    func markHostsListed() {
        self.hostsListed = true
    }

    func markSecretsListed() {
        self.secretsListed = true
    }

    func markStopping() {
        self.stopping = true
    }

    var isReady: Bool {
        self.hostsListed && self.secretsListed && !self.stopping
    }
}

/// Where the listener ended up (port 0 picks one), known once it is bound.
final class ListenerAddress: Sendable {
    private let state = Mutex<(url: String?, waiters: [CheckedContinuation<String, Never>])>((nil, []))

    var url: String? {
        self.state.withLock { $0.url }
    }

    func set(_ url: String) {
        let waiters = self.state.withLock { state in
            state.url = url
            let waiters = state.waiters
            state.waiters = []
            return waiters
        }
        for waiter in waiters {
            waiter.resume(returning: url)
        }
    }

    /// The URL, once the listener is bound.
    func wait() async -> String {
        await withCheckedContinuation { continuation in
            let known = self.state.withLock { state -> String? in
                if let url = state.url {
                    return url
                }
                state.waiters.append(continuation)
                return nil
            }
            if let known {
                continuation.resume(returning: known)
            }
        }
    }
}
