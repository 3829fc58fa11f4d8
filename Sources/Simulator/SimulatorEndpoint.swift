import NIOCore

/// One running BMC endpoint of a simulated server (IPMI on UDP, Redfish on HTTPS, ...).
public protocol SimulatorEndpoint: Sendable {
    /// `ipmi`, `redfish`, ...
    var kind: String { get }
    /// Where a client reaches it, e.g. `ipmi://127.0.0.1:16230`.
    var address: String { get }
    var port: Int { get }
    func stop() async
}

/// Starts one kind of endpoint for a server. `SimulatorFleet` runs every starter for every server;
/// a starter returns nil for servers it does not serve.
public protocol SimulatorEndpointStarter: Sendable {
    func start(_ server: SimulatedServer, group: any EventLoopGroup) async throws -> (any SimulatorEndpoint)?
}

/// Starts the IPMI endpoint on the server's configured port (0: any free port).
public struct IPMIEndpointStarter: SimulatorEndpointStarter {
    public var options: IPMIEndpoint.Options

    public init(options: IPMIEndpoint.Options = IPMIEndpoint.Options()) {
        self.options = options
    }

    public func start(_ server: SimulatedServer, group: any EventLoopGroup) async throws -> (any SimulatorEndpoint)? {
        var options = self.options
        options.port = server.config.ipmiPort
        options.seed ^= StableHash.fnv1a("\(server.config.fleet)/\(server.config.name)")
        return try await IPMIEndpoint.start(server: server, options: options, group: group)
    }
}

/// A hash that is the same in every process (Swift's `hashValue` is seeded per run).
enum StableHash {
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
