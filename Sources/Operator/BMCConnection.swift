import BMC
import FoundryModel

/// Opens a driver for a BMC; `BMCConnector.connect` in production, a test double in tests.
public typealias BMCConnect =
    @Sendable (BMCAddress, BMCCredentials, BMCConnectionOptions) async throws(BMCError) -> any BMCDriver

/// Where and how to reach one host's BMC.
struct BMCAccess: Sendable, Hashable {
    var address: BMCAddress
    var credentials: BMCCredentials
    /// The credentials Secret's resourceVersion: a new one means a new session.
    var credentialsVersion: String
    var options: BMCConnectionOptions
}

/// One host's BMC: a driver opened on first use and kept (sessions are expensive), with one
/// request in flight at a time, as BMCs serve them. A connection-level failure closes the driver;
/// the next call opens a new one.
actor BMCConnection {
    let access: BMCAccess
    private let connect: BMCConnect
    private let metrics: OperatorMetrics
    private let gate = AsyncGate()
    private var driver: (any BMCDriver)?
    private var closed = false
    /// The last power state read or set, and when.
    private(set) var cachedPower: (state: BMC.PowerState, at: ContinuousClock.Instant)?
    private(set) var calls = 0

    init(access: BMCAccess, connect: @escaping BMCConnect, metrics: OperatorMetrics) {
        self.access = access
        self.connect = connect
        self.metrics = metrics
    }

    /// Runs `body` against the driver once every earlier call is done, recording its latency.
    func perform<T: Sendable>(
        _ call: String,
        _ body: @escaping @Sendable (any BMCDriver) async throws(BMCError) -> T
    ) async throws(BMCError) -> T {
        try await self.gate.withTurn { () async throws(BMCError) -> T in
            try await self.performNow(call, body)
        }
    }

    private func performNow<T: Sendable>(
        _ call: String,
        _ body: @Sendable (any BMCDriver) async throws(BMCError) -> T
    ) async throws(BMCError) -> T {
        guard !self.closed else {
            throw BMCError(.unreachable, "the connection to \(self.access.address) was closed")
        }
        self.calls += 1
        let started = ContinuousClock.now
        let driverName = self.access.address.driver.rawValue
        do {
            let driver = try await self.openDriver()
            let value = try await body(driver)
            self.metrics.recordBMCCall(driver: driverName, call: call, duration: .now - started, error: nil)
            return value
        } catch {
            self.metrics.recordBMCCall(
                driver: driverName, call: call, duration: .now - started, error: error.code.rawValue)
            if Self.dropsConnection(error) {
                await self.dropDriver()
            }
            throw error
        }
    }

    func notePower(_ state: BMC.PowerState) {
        self.cachedPower = (state, .now)
    }

    func close() async {
        self.closed = true
        await self.dropDriver()
    }

    private func openDriver() async throws(BMCError) -> any BMCDriver {
        if let driver = self.driver {
            return driver
        }
        let driver = try await self.connect(self.access.address, self.access.credentials, self.access.options)
        self.driver = driver
        return driver
    }

    private func dropDriver() async {
        guard let driver = self.driver else {
            return
        }
        self.driver = nil
        self.cachedPower = nil
        await driver.close()
    }

    /// Failures after which the session may be dead or the credentials wrong: start afresh.
    private static func dropsConnection(_ error: BMCError) -> Bool {
        switch error.code {
        case .unreachable, .timeout, .authenticationFailed, .insufficientPrivilege, .protocolError,
            .tlsVerificationFailed:
            true
        case .commandFailed, .unsupported, .invalidAddress:
            false
        }
    }
}
