/// The knobs of the BareMetalHost state machine. The defaults are Metal3's; tests and the simulator
/// shrink the durations so that a whole lifecycle runs in seconds.
public struct ControllerConfig: Sendable, Hashable {
    /// The unit of the error backoff: after the n-th consecutive error the host waits
    /// `backoffBase * 2^n`, less up to half of it as jitter (Metal3: one minute).
    public var backoffBase: Duration
    /// n stops growing here (Metal3: 9, so the longest wait is about 8.5 hours).
    public var maxBackoffExponent: Int
    /// Failed provisioning attempts of one image before the host stops retrying it (0: no limit).
    public var maxProvisioningRetries: Int
    /// During deletion, cleaning or powering off is abandoned once errorCount exceeds this.
    public var deleteRetryLimit: Int
    /// Hosts that may inspect, provision or deprovision at once (virtual-media hosts are not counted).
    public var provisioningLimit: Int
    /// How often a host in a steady state (available, provisioned, externally provisioned) has its
    /// power state read and enforced.
    public var steadyStatePollInterval: Duration
    /// How often a host without BMC details, or a detached host, is looked at again.
    public var slowPollInterval: Duration
    /// How soon a host whose credentials Secret does not exist is looked at again.
    public var missingSecretRetryDelay: Duration
    /// How often a host waiting for the agent, or for its command, is looked at.
    public var agentPollInterval: Duration
    /// How often a host waiting for a power change is looked at.
    public var powerPollInterval: Duration
    /// A power change not seen after this long is requested again.
    public var powerActionTimeout: Duration
    /// A soft power-off not done after this long becomes a hard one (Metal3: 180 s).
    public var softPowerOffTimeout: Duration
    /// The agent must look up within this long after its boot was requested, and must not go silent
    /// for longer than this while it works.
    public var agentTimeout: Duration

    public init(
        backoffBase: Duration = .seconds(60),
        maxBackoffExponent: Int = 9,
        maxProvisioningRetries: Int = 5,
        deleteRetryLimit: Int = 3,
        provisioningLimit: Int = 20,
        steadyStatePollInterval: Duration = .seconds(60),
        slowPollInterval: Duration = .seconds(600),
        missingSecretRetryDelay: Duration = .seconds(10),
        agentPollInterval: Duration = .seconds(5),
        powerPollInterval: Duration = .seconds(2),
        powerActionTimeout: Duration = .seconds(60),
        softPowerOffTimeout: Duration = .seconds(180),
        agentTimeout: Duration = .seconds(900)
    ) {
        self.backoffBase = backoffBase
        self.maxBackoffExponent = maxBackoffExponent
        self.maxProvisioningRetries = maxProvisioningRetries
        self.deleteRetryLimit = deleteRetryLimit
        self.provisioningLimit = provisioningLimit
        self.steadyStatePollInterval = steadyStatePollInterval
        self.slowPollInterval = slowPollInterval
        self.missingSecretRetryDelay = missingSecretRetryDelay
        self.agentPollInterval = agentPollInterval
        self.powerPollInterval = powerPollInterval
        self.powerActionTimeout = powerActionTimeout
        self.softPowerOffTimeout = softPowerOffTimeout
        self.agentTimeout = agentTimeout
    }

    /// Metal3's values.
    public static let metal3 = ControllerConfig()

    /// Every duration divided by `factor`, counts unchanged: `metal3.scaled(by: 60)` turns Metal3's
    /// minutes into seconds for the simulator and tests.
    public func scaled(by factor: Int) -> ControllerConfig {
        var config = self
        config.backoffBase = self.backoffBase / factor
        config.steadyStatePollInterval = self.steadyStatePollInterval / factor
        config.slowPollInterval = self.slowPollInterval / factor
        config.missingSecretRetryDelay = self.missingSecretRetryDelay / factor
        config.agentPollInterval = self.agentPollInterval / factor
        config.powerPollInterval = self.powerPollInterval / factor
        config.powerActionTimeout = self.powerActionTimeout / factor
        config.softPowerOffTimeout = self.softPowerOffTimeout / factor
        config.agentTimeout = self.agentTimeout / factor
        return config
    }
}
