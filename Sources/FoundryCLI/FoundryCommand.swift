import ArgumentParser
import Foundation
import FoundryStore

/// The `foundry` command tree. The executable only calls `FoundryCommand.main()`.
public struct FoundryCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "foundry",
        abstract: "Bare-metal provisioning: BareMetalHosts, BMCs, agents and clusters.",
        version: "0.1.0",
        subcommands: [
            Apply.self, Get.self, Describe.self, Delete.self,
            Sim.self, BMCCommand.self, Console.self, Agent.self,
            OperatorCommand.self, Demo.self,
        ]
    )

    public init() {}

    /// Parses the command line and runs the chosen subcommand, exiting with its status.
    public static func runMain(_ arguments: [String]? = nil) async {
        do {
            var command = try self.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            Output.error(failure.description)
            Foundation.exit(1)
        } catch let error as KindResolver.UnknownKind {
            Output.error("error: \(error)")
            Foundation.exit(1)
        } catch let error as StoreError {
            Output.error("error: \(error.message)")
            Foundation.exit(1)
        } catch {
            self.exit(withError: error)
        }
    }
}

/// Raised by subcommands whose issue has not landed yet.
struct NotBuiltYet: Error, CustomStringConvertible {
    var command: String
    var description: String { "foundry \(self.command) is not built yet" }
}
