import ArgumentParser
import Foundation
import FoundryModel
import FoundryStore

extension FoundryCommand {
    /// Until the operator lands: applies the example hosts to a fresh store and lists them.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Apply examples/hosts.yaml to a fresh store in a temporary directory and list the hosts."
        )

        @Option(name: .shortAndLong, help: ArgumentHelp("The manifest to apply.", valueName: "file"))
        var filename = "examples/hosts.yaml"

        @Flag(help: "Keep the temporary store and print where it is.")
        var keep = false

        func run() async throws {
            let inputs = try ManifestInput.read([self.filename])
            let result = ManifestDecoder().decode(inputs)
            for warning in result.warnings {
                Output.error(warning.description)
            }
            guard result.isValid else {
                throw CommandFailure(result.problems.map(\.description))
            }
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("foundry-demo-\(UUID().uuidString.prefix(8))")
            let path = directory.appendingPathComponent("foundry.db").path
            let store = try await SQLiteStore.open(path: path)
            Output.print("store: sqlite:\(path)")
            Output.print("$ foundry apply -f \(self.filename)")
            let (results, failures) = await Applier(store: store).apply(result.resources)
            results.forEach { Output.print($0.description) }
            Output.print("")
            Output.print("$ foundry get bmh -o wide")
            let hosts = try await store.list(GroupKind(ResourceKind.bareMetalHost))
            Output.raw(
                ResourcePrinter(kind: .bareMetalHost, format: .wide).render(
                    hosts.items, resourceVersion: hosts.resourceVersion))
            await store.close()
            if self.keep {
                Output.print("\nkept: foundry get bmh --store sqlite:\(path)")
            } else {
                try? FileManager.default.removeItem(at: directory)
            }
            if !failures.isEmpty {
                throw CommandFailure(failures)
            }
        }
    }
}
