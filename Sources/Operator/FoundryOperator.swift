import AgentProtocol
import BMC
import Controllers
import FoundryModel
import FoundryStore
import Hummingbird
import Logging
import ServiceLifecycle

/// The operator daemon: the BareMetalHost reconcile loop and the HTTP listener (agent API, boot
/// endpoints, images, `/metrics`, `/healthz`, `/readyz`), as one service. `run` returns when the
/// task is cancelled or the service group shuts down gracefully (SIGTERM, SIGINT).
public final class FoundryOperator: Service {
    let context: OperatorContext

    public init(
        configuration: OperatorConfiguration,
        store: any ResourceStore,
        connect: @escaping BMCConnect = { address, credentials, options throws(BMCError) in
            try await BMCConnector.connect(address, credentials: credentials, options: options)
        },
        logger: Logger = Logger(label: "foundry.operator")
    ) {
        self.context = OperatorContext(
            store: store, configuration: configuration, connect: connect, metrics: OperatorMetrics(), logger: logger)
    }

    public var metrics: OperatorMetrics {
        self.context.metrics
    }

    /// The URL agents and BMCs reach the operator at, once it listens.
    public func url() async -> String {
        await self.context.listener.wait()
    }

    /// Whether the first list of hosts and Secrets is done.
    public func isReady() async -> Bool {
        await self.context.readiness.isReady
    }

    /// The image writes in progress, by host.
    public func imageWrites() async -> [HostKey: CommandProgress] {
        await self.context.sessions.imageProgress()
    }

    /// BMC calls made over the connections still open.
    public func bmcCalls() async -> Int {
        await self.context.bmc.totalCalls()
    }

    public func run() async throws {
        let context = self.context
        let configuration = context.configuration
        let application = Application(
            router: OperatorRoutes.router(context),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.listenHost, port: configuration.listenPort),
                serverName: "foundry-operator"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.listenPort
                let url = configuration.advertisedURL.map(Self.trimmed) ?? "http://\(configuration.listenHost):\(port)"
                context.listener.set(url)
                context.logger.info("operator listening", metadata: ["listener.url": "\(url)"])
            },
            logger: Self.quieter(context.logger))
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                // Started in this order, shut down in the reverse: the reconcile loop stops before the
                // listener its agents talk to.
                services: [
                    .init(service: application),
                    .init(service: HostController(context: context)),
                ],
                logger: Self.quieter(context.logger)))
        try await group.run()
    }

    /// Hummingbird and the service group log every request and step at info: keep them to warnings.
    private static func quieter(_ logger: Logger) -> Logger {
        var logger = logger
        if logger.logLevel < .warning {
            logger.logLevel = .warning
        }
        return logger
    }

    private static func trimmed(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }
}
