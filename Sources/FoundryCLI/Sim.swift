import ArgumentParser
import Foundation
import FoundryModel
import Simulator

extension FoundryCommand {
    struct Sim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sim",
            abstract: "Run a fleet of simulated servers whose BMCs listen on 127.0.0.1.",
            discussion: """
                Each server gets an IPMI v2.0 (lanplus) BMC on UDP, at the fleet's ports.ipmiBase plus its \
                position, or on any free port when the fleet gives none, and, when its vendor profile \
                (firmware-mocks/vendors) offers Redfish, a Redfish BMC at ports.redfishBase plus its position: \
                HTTPS with a self-signed certificate made at start, or plain HTTP where the fleet sets \
                redfishTLS: false. The command prints where each BMC listens and runs until interrupted (Ctrl-C).
                """
        )

        @Option(help: "The fleet file, e.g. firmware-mocks/fleets/ipmi-rack-4.yaml.")
        var fleet: String

        @Flag(help: "Print BareMetalHost and Secret manifests for the fleet (addresses on 127.0.0.1) and exit.")
        var printHosts = false

        @Option(help: "Once the fleet runs, write its manifests (with the ports actually bound) to this file.")
        var hostsOut: String?

        @Option(help: "Namespace for the printed manifests.")
        var namespace: String?

        @Option(help: "Milliseconds each power transition takes.")
        var powerDelayMs = 0

        @Option(help: "Stop after this many seconds instead of running until interrupted.")
        var seconds: Double?

        @Option(
            help: ArgumentHelp(
                "Where the servers' PXE boots fetch their iPXE script (/boot/ipxe/{mac}), e.g. the operator's "
                    + "http://127.0.0.1:6385; without it PXE finds no boot server and falls through to disk.",
                valueName: "url"))
        var bootServer: String?

        @Option(
            help: ArgumentHelp(
                "Keep each server's rendered hardware and disk files here, across restarts (default: a "
                    + "temporary directory removed at exit).",
                valueName: "dir"))
        var stateDir: String?

        func validate() throws {
            guard self.powerDelayMs >= 0 else {
                throw ValidationError("--power-delay-ms must not be negative")
            }
            if let seconds = self.seconds, !(seconds > 0) {
                throw ValidationError("--seconds must be positive")
            }
            if let bootServer = self.bootServer {
                guard let url = URL(string: bootServer), ["http", "https"].contains(url.scheme?.lowercased()),
                    url.host != nil
                else {
                    throw ValidationError("--boot-server: \"\(bootServer)\" is not an http or https URL")
                }
            }
        }

        func run() async throws {
            let configs = try self.loadConfigs()
            if self.printHosts {
                try self.printManifests(configs)
                return
            }
            let mocks = try self.mocks()
            let starters = SimulatorFleet.defaultStarters + [RedfishEndpointStarter(mocks: mocks)]
            let boots = try BootEnvironment(
                bootServer: self.bootServer, mocks: mocks,
                stateDirectory: self.stateDir.map { URL(fileURLWithPath: $0) })
            let running: SimulatorFleet
            do {
                running = try await SimulatorFleet.start(
                    configs, starters: starters, boots: boots, powerDelay: .milliseconds(self.powerDelayMs))
            } catch {
                await boots.shutdown()
                throw error
            }
            for member in running.members {
                let endpoints = member.endpoints.map { "\($0.kind) \($0.address)" }.joined(separator: "  ")
                print("\(member.server.config.name)  \(endpoints)")
            }
            if let hostsOut = self.hostsOut {
                try self.writeManifests(of: running, to: hostsOut)
            }
            print("boot server: \(self.bootServer ?? "none (PXE falls through to disk)")")
            print("fleet \(configs.first?.fleet ?? "") running: \(running.members.count) servers (Ctrl-C stops)")
            fflush(nil)
            await Self.reportDiskWrites(of: running)
            _ = await TerminationSignal.wait(timeout: self.seconds.map { .milliseconds(Int($0 * 1000)) })
            await running.stop()
            await boots.shutdown()
        }

        /// Prints `disk writes: NAME N` as each image write starts, so that a test or an operator in
        /// another process can tell a host was written again.
        static func reportDiskWrites(of fleet: SimulatorFleet) async {
            for member in fleet.members {
                let name = member.server.config.name
                await member.server.onDiskWrite { count in
                    print("disk writes: \(name) \(count)")
                    fflush(nil)
                }
            }
        }

        private func loadConfigs() throws -> [ServerConfig] {
            do {
                // Vendor profiles decide each server's virtual media devices and Redfish ids.
                return try VendorProfile.apply(
                    to: try FleetFile.load(path: self.fleet).expand(), mocks: try self.mocks())
            } catch {
                throw ValidationError("\(error)")
            }
        }

        /// The firmware-mocks folder beside the fleet file (`.../firmware-mocks/fleets/x.yaml`), else
        /// the one `FirmwareMocks.locate` finds.
        private func mocks() throws -> URL {
            let beside = URL(fileURLWithPath: self.fleet).deletingLastPathComponent().deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: beside.appendingPathComponent("vendors").path) {
                return beside
            }
            do {
                return try FirmwareMocks.locate()
            } catch {
                throw ValidationError("\(error)")
            }
        }

        private func printManifests(_ configs: [ServerConfig]) throws {
            var pairs: [(BareMetalHost, Secret)] = []
            for config in configs {
                let needsRedfish = FleetManifests.isRedfish(config)
                if needsRedfish ? config.redfishPort == 0 : config.ipmiPort == 0 {
                    let field = needsRedfish ? "ports.redfishBase" : "ports.ipmiBase"
                    throw ValidationError(
                        "\(self.fleet): server \(config.name) has no fixed port (set \(field)); "
                            + "or run the fleet with --hosts-out FILE to get manifests with the ports it bound")
                }
                pairs.append(
                    FleetManifests.manifests(
                        for: config, ipmiPort: config.ipmiPort, redfishPort: config.redfishPort,
                        namespace: self.namespace))
            }
            print(try FleetManifests.yaml(pairs), terminator: "")
        }

        private func writeManifests(of running: SimulatorFleet, to path: String) throws {
            let pairs = running.members.map { member in
                FleetManifests.manifests(
                    for: member.server.config, ipmiPort: member.endpoint("ipmi")?.port ?? member.server.config.ipmiPort,
                    redfishPort: member.endpoint("redfish")?.port ?? member.server.config.redfishPort,
                    namespace: self.namespace)
            }
            try FleetManifests.yaml(pairs).write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
