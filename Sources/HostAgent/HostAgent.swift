import AgentProtocol
import Foundation
import Logging

/// The host agent: looks itself up, then heartbeats, running each command the operator hands
/// back, until told to reboot or power off. A library call so that the simulator can boot it in
/// process against a rendered hardware tree; `foundry agent run` is a thin shell around it.
public enum HostAgent {
    public static let version = "0.1.0"

    public enum Exit: Sendable, Hashable {
        case rebooted
        case poweredOff
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func run(_ configuration: AgentConfiguration) async throws -> Exit {
        let http = AgentHTTPClient(caCertificateFile: configuration.caCertificateFile)
        do {
            let exit = try await Self.run(configuration, http: http)
            await http.shutdown()
            return exit
        } catch {
            await http.shutdown()
            throw error
        }
    }

    private static func run(_ configuration: AgentConfiguration, http: AgentHTTPClient) async throws -> Exit {
        let logger = configuration.logger
        let client = OperatorClient(baseURL: configuration.operatorURL, http: http)
        let identity = try await Self.lookup(configuration, client: client)
        logger.info("agent identified", metadata: ["host.id": "\(identity.hostID)"])
        await configuration.events?(.identified(hostID: identity.hostID))
        var interval = Self.interval(identity.heartbeatIntervalSeconds, configuration)
        var machine = AgentStateMachine(hostID: identity.hostID)
        var writer = ImageWriter(http: http, workDirectory: configuration.workDirectory, qemuImg: configuration.qemuImg)
        writer.retries = configuration.downloadRetries
        let executor = CommandExecutor(root: configuration.root, force: configuration.force, writer: writer)
        let status = CommandStatus()
        var failures = 0

        return try await withThrowingTaskGroup(of: Void.self) { group in
            defer { group.cancelAll() }
            while true {
                // A host that lost power sends nothing more, not even the result of what it was doing.
                try Task.checkCancellation()
                if let result = await status.takeResult() {
                    machine.finished(result)
                    await configuration.events?(.commandFinished(result))
                    logger.info(
                        "command finished",
                        metadata: ["command.id": "\(result.commandID)", "command.succeeded": "\(result.succeeded)"])
                }
                let request = machine.heartbeat(progress: await status.progress)
                let response: HeartbeatResponse
                do {
                    response = try await client.heartbeat(request, token: identity.agentToken)
                    failures = 0
                } catch {
                    failures += 1
                    logger.warning("heartbeat failed", metadata: ["error": "\(error)", "failures": "\(failures)"])
                    guard failures < configuration.heartbeatFailureLimit, Self.isRetryable(error) || failures < 3 else {
                        throw Failure(description: "giving up after \(failures) failed heartbeats: \(error)")
                    }
                    try await Task.sleep(for: interval)
                    continue
                }
                if let seconds = response.heartbeatIntervalSeconds {
                    interval = Self.interval(seconds, configuration)
                }
                switch machine.received(response.command) {
                case .wait:
                    break
                case .start(let command):
                    logger.info(
                        "command started", metadata: ["command.id": "\(command.id)", "command.kind": "\(command.kind)"])
                    await status.begin()
                    await configuration.events?(.commandStarted(command))
                    group.addTask {
                        let result = await executor.execute(command) { progress in
                            Task {
                                await status.update(progress)
                                await configuration.events?(.progress(progress))
                            }
                        }
                        guard !Task.isCancelled else { return }
                        await status.finish(result)
                    }
                case .power(let command):
                    // Tell the operator the command was taken before the host goes away.
                    _ = try? await client.heartbeat(machine.heartbeat(progress: nil), token: identity.agentToken)
                    logger.info("power action", metadata: ["command.kind": "\(command.kind)"])
                    await configuration.events?(.power(command.kind))
                    if command.kind == .reboot {
                        try await configuration.power.reboot()
                        return .rebooted
                    }
                    try await configuration.power.powerOff()
                    return .poweredOff
                }
                try await status.wait(upTo: interval)
            }
        }
    }

    private static func lookup(
        _ configuration: AgentConfiguration, client: OperatorClient
    ) async throws -> LookupResponse {
        let macs = InventoryReader(root: configuration.root).networkInterfaces().compactMap(\.mac)
        let request = LookupRequest(macAddresses: macs, bootToken: configuration.bootToken, agentVersion: Self.version)
        var delay = configuration.lookupRetryDelay
        for attempt in 1...max(1, configuration.lookupAttempts) {
            do {
                return try await client.lookup(request)
            } catch {
                configuration.logger.warning(
                    "lookup failed", metadata: ["error": "\(error)", "attempt": "\(attempt)"])
                guard Self.isRetryable(error), attempt < configuration.lookupAttempts else {
                    throw Failure(description: "lookup failed after \(attempt) attempts: \(error)")
                }
                try await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(30))
            }
        }
        throw Failure(description: "lookup failed")
    }

    private static func isRetryable(_ error: any Error) -> Bool {
        (error as? OperatorCallError)?.retryable ?? true
    }

    private static func interval(_ seconds: Double, _ configuration: AgentConfiguration) -> Duration {
        let wanted = configuration.heartbeatInterval ?? .milliseconds(Int64(max(0, seconds) * 1000))
        return max(wanted, configuration.minimumHeartbeatInterval)
    }
}

/// The running command's progress and result, shared between it and the heartbeat loop.
actor CommandStatus {
    private(set) var progress: CommandProgress?
    private var result: CommandResult?

    func begin() {
        self.progress = nil
        self.result = nil
    }

    func update(_ progress: CommandProgress) {
        if self.result == nil {
            self.progress = progress
        }
    }

    func finish(_ result: CommandResult) {
        self.result = result
        self.progress = nil
    }

    func takeResult() -> CommandResult? {
        defer { self.result = nil }
        return self.result
    }

    /// Sleeps for `interval`, or less when a command finishes, so that results go out at once.
    func wait(upTo interval: Duration) async throws {
        let deadline = ContinuousClock.now.advanced(by: interval)
        while ContinuousClock.now < deadline && self.result == nil {
            try await Task.sleep(for: min(.milliseconds(20), deadline - ContinuousClock.now))
        }
    }
}
