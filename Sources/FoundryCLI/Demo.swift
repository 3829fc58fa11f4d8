import ArgumentParser
import Foundation
import Simulator

extension FoundryCommand {
    /// `foundry demo`: the whole system on one machine, in one process.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Provision a simulated fleet of 8 servers with the operator, all in this process.",
            discussion: """
                Starts the simulator (firmware-mocks/fleets/demo-8.yaml: IPMI and Redfish BMCs of four vendors, \
                booting over PXE and virtual media), the operator on an SQLite store in a temporary directory, \
                applies a BareMetalHost per server with a small generated image, and shows the hosts by state \
                and a progress bar per image write (plain lines when the output is not a terminal). Ctrl-C \
                stops everything. With --until provisioned it exits 0 once every host is provisioned and \
                non-zero, with the reason, when that does not happen within --timeout seconds.
                """)

        enum Goal: String, ExpressibleByArgument, CaseIterable, Sendable {
            case provisioned
        }

        @Option(help: "Stop once every host reaches this state (exit 0), or fail after --timeout.")
        var until: Goal?

        @Option(help: "Seconds --until waits before giving up.")
        var timeout = 600.0

        @Option(
            help: ArgumentHelp(
                "The fleet to provision (default: firmware-mocks/fleets/demo-8.yaml).", valueName: "file"))
        var fleet: String?

        @Option(help: "Size of the generated image in MiB.")
        var imageMib = 16

        @Flag(help: "Plain progress lines even on a terminal.")
        var plain = false

        @Flag(help: "Keep the temporary directory (store, image, disks) and print where it is.")
        var keep = false

        func validate() throws {
            guard self.timeout > 0 else {
                throw ValidationError("--timeout: must be a positive number of seconds (got \(self.timeout))")
            }
            guard (4...1024).contains(self.imageMib) else {
                throw ValidationError("--image-mib: must be between 4 and 1024 (got \(self.imageMib))")
            }
        }

        func run() async throws {
            let mocks: URL
            let fleet: URL
            do {
                if let path = self.fleet {
                    fleet = URL(fileURLWithPath: path)
                    let beside = fleet.deletingLastPathComponent().deletingLastPathComponent()
                    mocks =
                        FileManager.default.fileExists(atPath: beside.appendingPathComponent("vendors").path)
                        ? beside : try FirmwareMocks.locate()
                } else {
                    mocks = try FirmwareMocks.locate()
                    fleet = mocks.appendingPathComponent("fleets/demo-8.yaml")
                }
            } catch {
                throw ValidationError("\(error) (run from the project's directory or set FOUNDRY_MOCKS)")
            }
            let session = DemoSession(
                settings: .init(
                    fleet: fleet, mocks: mocks, imageMebibytes: self.imageMib, until: self.until,
                    timeout: .milliseconds(Int(self.timeout * 1000)),
                    interactive: !self.plain && DemoScreen.standardOutputIsTerminal, keep: self.keep))
            switch try await session.run() {
            case .reached:
                return
            case .interrupted:
                if self.until != nil {
                    throw CommandFailure(["interrupted before every host was \(self.until?.rawValue ?? "")"])
                }
            case .failed(let reason):
                throw CommandFailure([reason])
            }
        }
    }
}
