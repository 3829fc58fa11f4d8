import Logging

/// Everything `HostAgent.run` needs.
public struct AgentConfiguration: Sendable {
    /// The operator's agent API, e.g. `http://127.0.0.1:6385`.
    public var operatorURL: String
    /// The one-time token handed over at boot. Never logged.
    public var bootToken: String
    public var root: HostRoot
    /// Write to disks in use (mounted, holding the running system). Off unless an operator insists.
    public var force = false
    public var power: any AgentPowerControl
    /// Told of each step as it happens (the simulator prints them and counts image writes); nil on a
    /// real host, where the log says enough.
    public var events: (@Sendable (AgentEvent) async -> Void)?
    /// Where qcow2 images wait for conversion.
    public var workDirectory: String
    public var qemuImg: String?
    /// Overrides the operator's heartbeat interval (never below `minimumHeartbeatInterval`).
    public var heartbeatInterval: Duration?
    public var minimumHeartbeatInterval: Duration = .milliseconds(20)
    /// Lookup attempts before giving up; the wait doubles from `lookupRetryDelay` up to 30 s.
    public var lookupAttempts = 60
    public var lookupRetryDelay: Duration = .seconds(1)
    /// Consecutive failed heartbeats before the agent gives up.
    public var heartbeatFailureLimit = 360
    /// A PEM file of extra CAs trusted for HTTPS (the operator's, an image server's).
    public var caCertificateFile: String?
    /// Image download retries after transient errors.
    public var downloadRetries = 4
    public var logger: Logger

    public init(
        operatorURL: String, bootToken: String, root: HostRoot, power: any AgentPowerControl,
        workDirectory: String, logger: Logger = Logger(label: "foundry.agent")
    ) {
        self.operatorURL = operatorURL
        self.bootToken = bootToken
        self.root = root
        self.power = power
        self.workDirectory = workDirectory
        self.logger = logger
    }
}
