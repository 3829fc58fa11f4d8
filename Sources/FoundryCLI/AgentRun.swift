import ArgumentParser
import Foundation
import HostAgent
import Logging

/// `foundry agent run --operator URL --token-file F [--root /]`: the agent proper.
struct AgentRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Look this host up with the operator and run the commands it hands out.")

    enum PowerActions: String, ExpressibleByArgument, CaseIterable {
        /// Reboot and power off through systemctl.
        case system
        /// Only stop the agent (someone else handles power).
        case none
    }

    @Option(name: .customLong("operator"), help: "The operator's agent API URL (http or https).")
    var operatorURL: String

    @Option(help: "A file holding the one-time boot token.")
    var tokenFile: String

    @Option(help: "The root filesystem to inspect and whose disks to write (\"/\" on a real host).")
    var root = "/"

    @Flag(help: "Write to disks even when mounted or holding the running system. Destroys data.")
    var force = false

    @Option(help: "Where qcow2 images are kept while they are converted.")
    var workDir = NSTemporaryDirectory()

    @Option(help: "What reboot and power-off commands do: system (systemctl) or none.")
    var powerActions: PowerActions = .system

    @Option(help: "A PEM file of CA certificates to trust for HTTPS, besides the system's.")
    var caFile: String?

    func validate() throws {
        guard let url = URLComponents(string: self.operatorURL), ["http", "https"].contains(url.scheme ?? ""),
            url.host?.isEmpty == false
        else {
            throw ValidationError("--operator: \"\(self.operatorURL)\" is not an http(s) URL")
        }
    }

    func run() async throws {
        guard let text = try? String(contentsOfFile: self.tokenFile, encoding: .utf8) else {
            throw ValidationError("--token-file: cannot read \(self.tokenFile)")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw ValidationError("--token-file: \(self.tokenFile) is empty")
        }
        let power: any AgentPowerControl = self.powerActions == .system ? SystemPowerControl() : NoPowerControl()
        let configuration = AgentConfiguration(
            operatorURL: self.operatorURL, bootToken: token, root: HostRoot(self.root), power: power,
            workDirectory: self.workDir)
        var withOptions = configuration
        withOptions.force = self.force
        withOptions.caCertificateFile = self.caFile
        let exit = try await HostAgent.run(withOptions)
        print("agent stopped: \(exit == .rebooted ? "reboot" : "power off") requested")
    }
}
