import ArgumentParser
import Foundation
import FoundryModel
import FoundryStore

extension FoundryCommand {
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply",
            abstract: "Create or update resources from YAML or JSON manifests.",
            discussion: """
                Every document is checked first; if any is invalid, nothing is applied, every \
                problem is listed and the exit code is 1. Re-applying an unchanged file changes nothing.
                """
        )

        @Option(
            name: .shortAndLong,
            help: ArgumentHelp("A manifest file, a directory of them, or - for stdin.", valueName: "file"))
        var filename: [String] = []

        @Option(name: .shortAndLong, help: "The namespace for documents that name none.")
        var namespace: String?

        @OptionGroup var storeOptions: StoreCommandOptions

        func validate() throws {
            if self.filename.isEmpty {
                throw ValidationError("give the manifests with -f FILE|DIR|-")
            }
        }

        func run() async throws {
            let inputs = try ManifestInput.read(self.filename)
            let result = ManifestDecoder(namespace: self.namespace).decode(inputs)
            for warning in result.warnings {
                Output.error(warning.description)
            }
            guard result.isValid else {
                throw CommandFailure(
                    result.problems.map(\.description) + ["nothing was applied (\(result.problems.count) problem(s))"])
            }
            let (results, failures) = try await self.storeOptions.withStore { store in
                await Applier(store: store).apply(result.resources)
            }
            for line in results {
                Output.print(line.description)
            }
            if !failures.isEmpty {
                throw CommandFailure(failures)
            }
        }
    }
}
