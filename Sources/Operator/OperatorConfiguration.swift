import BMC
import Controllers

/// Everything `FoundryOperator` runs with. The defaults are Metal3's where Metal3 has one.
public struct OperatorConfiguration: Sendable {
    /// The HTTP listener (agent API, boot endpoints, images, metrics, health). Port 0: any free port.
    public var listenHost: String
    public var listenPort: Int
    /// The URL agents and BMCs reach the listener at; nil: `http://listenHost:port`.
    public var advertisedURL: String?
    /// The state machine's knobs: provisioning limit, power-state sync interval
    /// (`steadyStatePollInterval`), error backoff base, timeouts.
    public var controller: ControllerConfig
    /// Hosts reconciled at once.
    public var workers: Int
    /// How often agents heartbeat; an agent silent for `agentSilence` counts as absent.
    public var agentHeartbeatInterval: Duration
    public var agentSilence: Duration
    /// Served as `/images/{name}`.
    public var imageDirectory: String?
    /// Where remote (http/https) images are cached; nil: agents download them directly.
    public var imageCacheDirectory: String?
    /// Applied to every BMC connection (a host's `disableCertificateVerification` is added).
    public var bmcOptions: BMCConnectionOptions
    /// The backoff of the runtime's own failures (store conflicts, an unreachable store).
    public var rateLimit: WorkQueue<HostKey>.RateLimit
    /// Image-write progress Events are written at most this often per host.
    public var progressEventInterval: Duration
    /// On graceful shutdown, how long the reconciles in flight may take to finish before they are
    /// cancelled (an unreachable BMC can hold one for minutes). Under Kubernetes' default 30 s
    /// grace, so the operator stops by itself before it is killed.
    public var shutdownGracePeriod: Duration = .seconds(20)

    public init(
        listenHost: String = "127.0.0.1",
        listenPort: Int = 6385,
        advertisedURL: String? = nil,
        controller: ControllerConfig = .metal3,
        workers: Int = 16,
        agentHeartbeatInterval: Duration = .seconds(5),
        agentSilence: Duration = .seconds(60),
        imageDirectory: String? = nil,
        imageCacheDirectory: String? = nil,
        bmcOptions: BMCConnectionOptions = BMCConnectionOptions(),
        rateLimit: WorkQueue<HostKey>.RateLimit = WorkQueue<HostKey>.RateLimit(),
        progressEventInterval: Duration = .seconds(2)
    ) {
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.advertisedURL = advertisedURL
        self.controller = controller
        self.workers = workers
        self.agentHeartbeatInterval = agentHeartbeatInterval
        self.agentSilence = agentSilence
        self.imageDirectory = imageDirectory
        self.imageCacheDirectory = imageCacheDirectory
        self.bmcOptions = bmcOptions
        self.rateLimit = rateLimit
        self.progressEventInterval = progressEventInterval
    }

    /// Settings for the simulator and tests: Metal3's durations divided by `factor`, agents that
    /// heartbeat often.
    public static func fast(scale factor: Int = 60) -> OperatorConfiguration {
        var configuration = OperatorConfiguration(listenPort: 0)
        configuration.controller = ControllerConfig.metal3.scaled(by: factor)
        configuration.agentHeartbeatInterval = .milliseconds(200)
        configuration.agentSilence = .seconds(5)
        return configuration
    }
}
