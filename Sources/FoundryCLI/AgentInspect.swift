import ArgumentParser
import Foundation
import FoundryModel
import HostAgent
import Yams

/// `foundry agent inspect --root DIR [-o json|yaml]`: prints the host's hardware as Metal3's
/// `status.hardware`.
struct AgentInspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print this host's hardware inventory (Metal3 status.hardware).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
        case yaml
    }

    @Option(help: "The root filesystem to read (\"/\" on a real host, or a rendered hardware tree).")
    var root = "/"

    @Option(name: [.short, .customLong("output")], help: "Output format: json or yaml.")
    var output: Format = .json

    func run() async throws {
        let inventory = try InventoryReader(root: HostRoot(self.root)).read()
        print(try Self.render(inventory, as: self.output))
    }

    static func render(_ inventory: HardwareDetails, as format: Format) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(inventory), as: UTF8.self)
        case .yaml:
            return try YAMLEncoder().encode(inventory)
        }
    }
}
