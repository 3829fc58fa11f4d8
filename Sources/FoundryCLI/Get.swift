import ArgumentParser

extension FoundryCommand {
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Not built yet.")

        func run() async throws {
            throw NotBuiltYet(command: "get")
        }
    }
}
