import NIOCore
import NIOPosix

/// A running fleet: every simulated server with its BMC endpoints.
///
/// Endpoints come from a list of starters, one per protocol. The IPMI starter is in `defaultStarters`;
/// another protocol slots in by appending its starter there (or passing a list to `start`).
public final class SimulatorFleet: Sendable {
    public struct Member: Sendable {
        public let server: SimulatedServer
        public let endpoints: [any SimulatorEndpoint]
        /// What the server's boots run (PXE, CD, disk); nil when the fleet was started without boots.
        public let boot: BootSequencer?

        /// The first endpoint of a kind (`ipmi`, `redfish`).
        public func endpoint(_ kind: String) -> (any SimulatorEndpoint)? {
            self.endpoints.first { $0.kind == kind }
        }
    }

    /// The starters `start` uses when given none: IPMI for every server.
    public static var defaultStarters: [any SimulatorEndpointStarter] {
        [IPMIEndpointStarter()]
    }

    public let members: [Member]

    private init(members: [Member]) {
        self.members = members
    }

    /// Starts one server per config with every starter's endpoint. If any endpoint fails to start,
    /// the ones already started are stopped and the error is thrown.
    ///
    /// With `boots`, each server's boots run what it boots into (the agent over PXE or from virtual
    /// media, the installed OS from disk) in the environment's boot server and state directory; the
    /// caller shuts the environment down after `stop`.
    public static func start(
        _ configs: [ServerConfig], starters: [any SimulatorEndpointStarter] = SimulatorFleet.defaultStarters,
        boots: BootEnvironment? = nil, powerDelay: Duration = .zero,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> SimulatorFleet {
        var members: [Member] = []
        do {
            for config in configs {
                let server = SimulatedServer(config: config, powerDelay: powerDelay)
                var endpoints: [any SimulatorEndpoint] = []
                do {
                    for starter in starters {
                        if let endpoint = try await starter.start(server, group: group) {
                            endpoints.append(endpoint)
                        }
                    }
                } catch {
                    for endpoint in endpoints {
                        await endpoint.stop()
                    }
                    throw error
                }
                var sequencer: BootSequencer?
                if let boots {
                    sequencer = BootSequencer(server: server, environment: boots)
                    await sequencer?.attach()
                }
                members.append(Member(server: server, endpoints: endpoints, boot: sequencer))
            }
        } catch {
            await SimulatorFleet(members: members).stop()
            throw error
        }
        return SimulatorFleet(members: members)
    }

    public func member(named name: String) -> Member? {
        self.members.first { $0.server.config.name == name }
    }

    /// Stops every endpoint, then every server's running boot (its agent stops as at power off).
    public func stop() async {
        for member in self.members {
            for endpoint in member.endpoints {
                await endpoint.stop()
            }
            await member.boot?.detach()
        }
    }
}
