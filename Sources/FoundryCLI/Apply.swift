import ArgumentParser

extension FoundryCommand {
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "apply", abstract: "Not built yet.")

        func run() async throws {
            throw NotBuiltYet(command: "apply")
        }
    }
}
