import ArgumentParser

extension FoundryCommand {
    struct Describe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "describe", abstract: "Not built yet.")

        func run() async throws {
            throw NotBuiltYet(command: "describe")
        }
    }
}
