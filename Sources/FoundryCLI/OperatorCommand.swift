import ArgumentParser
import Controllers
import Foundation
import FoundryStore
import Logging
import Operator
import ServiceLifecycle

extension FoundryCommand {
    /// `foundry operator --store sqlite:PATH`: the daemon that reconciles BareMetalHosts.
    struct OperatorCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "operator",
            abstract: "Run the operator: reconcile BareMetalHosts, serve the agent API and boot endpoints.",
            discussion: """
                Stops gracefully on SIGTERM or SIGINT: no new reconcile starts, the ones in flight finish.
                Durations are in seconds and may be fractional (the simulator and tests use short ones).
                """)

        @OptionGroup var storeOptions: StoreCommandOptions

        @Option(help: "Address and port of the HTTP listener (agent API, boot endpoints, images, /metrics, /healthz).")
        var listen = "127.0.0.1:6385"

        @Option(help: "The URL agents and BMCs reach the listener at (default: http://LISTEN).")
        var advertiseURL: String?

        @Option(help: "Log lines as json or text.")
        var logFormat: LogFormat = .text

        @Option(help: "Least severe log level: trace, debug, info, notice, warning, error, critical.")
        var logLevel = "info"

        @Option(help: "Hosts that may inspect, provision or deprovision at once (virtual-media hosts are not counted).")
        var provisioningLimit = 20

        @Option(help: "Seconds between power-state reads of a host in a steady state.")
        var powerSyncInterval = 60.0

        @Option(help: "Seconds of the error backoff's unit: the n-th error waits base × 2^n, less jitter.")
        var backoffBase = 60.0

        @Option(help: "Failed provisioning attempts of one image before the host stops retrying it.")
        var provisioningRetries = 5

        @Option(help: "Seconds within which a booted agent must look up and between its heartbeats at most.")
        var agentTimeout = 900.0

        @Option(help: "Seconds between agent heartbeats.")
        var heartbeatInterval = 5.0

        @Option(help: "Divide every controller duration by this (60 turns Metal3's minutes into seconds).")
        var timeScale = 1

        @Option(help: "Hosts reconciled at once.")
        var workers = 16

        @Option(help: "Seconds the reconciles in flight may take to finish on SIGTERM before they are cancelled.")
        var shutdownGracePeriod = 20.0

        @Option(help: "A directory whose files are served as /images/NAME.")
        var imageDir: String?

        @Option(help: "A directory to cache remote (http/https) images in, so that each is fetched once.")
        var imageCache: String?

        enum LogFormat: String, ExpressibleByArgument, CaseIterable {
            case json
            case text
        }

        func validate() throws {
            _ = try self.listenAddress()
            guard Logger.Level(rawValue: self.logLevel) != nil else {
                throw ValidationError(
                    "--log-level: \"\(self.logLevel)\" is not one of trace, debug, info, notice, warning, error, critical"
                )
            }
            for (name, value) in [
                ("--power-sync-interval", self.powerSyncInterval), ("--backoff-base", self.backoffBase),
                ("--agent-timeout", self.agentTimeout), ("--heartbeat-interval", self.heartbeatInterval),
                ("--shutdown-grace-period", self.shutdownGracePeriod),
            ] where !(value > 0) {
                throw ValidationError("\(name): must be a positive number of seconds (got \(value))")
            }
            guard self.provisioningLimit > 0 else {
                throw ValidationError("--provisioning-limit: must be at least 1 (got \(self.provisioningLimit))")
            }
            guard self.workers > 0, self.workers <= 1024 else {
                throw ValidationError("--workers: must be between 1 and 1024 (got \(self.workers))")
            }
            guard self.timeScale >= 1 else {
                throw ValidationError("--time-scale: must be at least 1 (got \(self.timeScale))")
            }
        }

        func run() async throws {
            let logger = self.makeLogger()
            let location = try self.storeOptions.location()
            let store = try await self.storeOptions.open()
            let foundry = FoundryOperator(configuration: try self.operatorConfiguration(), store: store, logger: logger)
            logger.info("operator starting", metadata: ["store": "\(location)"])
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [.init(service: foundry)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            do {
                try await group.run()
            } catch {
                await store.close()
                throw error
            }
            await store.close()
            logger.info("operator stopped")
        }

        func operatorConfiguration() throws -> OperatorConfiguration {
            let (host, port) = try self.listenAddress()
            var controller = ControllerConfig.metal3.scaled(by: self.timeScale)
            controller.provisioningLimit = self.provisioningLimit
            controller.steadyStatePollInterval = .seconds(self.powerSyncInterval)
            controller.backoffBase = .seconds(self.backoffBase)
            controller.maxProvisioningRetries = self.provisioningRetries
            controller.agentTimeout = .seconds(self.agentTimeout)
            var configuration = OperatorConfiguration(
                listenHost: host, listenPort: port, advertisedURL: self.advertiseURL, controller: controller,
                workers: self.workers, agentHeartbeatInterval: .seconds(self.heartbeatInterval),
                agentSilence: .seconds(max(self.heartbeatInterval * 6, 5)), imageDirectory: self.imageDir,
                imageCacheDirectory: self.imageCache)
            configuration.progressEventInterval = .seconds(max(1, self.heartbeatInterval))
            configuration.shutdownGracePeriod = .seconds(self.shutdownGracePeriod)
            return configuration
        }

        private func listenAddress() throws -> (String, Int) {
            guard let colon = self.listen.lastIndex(of: ":"),
                let port = Int(self.listen[self.listen.index(after: colon)...]),
                (0...65535).contains(port)
            else {
                throw ValidationError("--listen: \"\(self.listen)\" is not HOST:PORT (e.g. 127.0.0.1:6385)")
            }
            let host = String(self.listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            guard !host.isEmpty else {
                throw ValidationError("--listen: \"\(self.listen)\" names no host")
            }
            return (host, port)
        }

        private func makeLogger() -> Logger {
            let format = self.logFormat
            var logger = Logger(label: "foundry.operator") { label in
                switch format {
                case .json: JSONLogHandler(label: label)
                case .text: StreamLogHandler.standardError(label: label)
                }
            }
            logger.logLevel = Logger.Level(rawValue: self.logLevel) ?? .info
            return logger
        }
    }
}
