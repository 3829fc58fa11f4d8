import ArgumentParser

extension FoundryCommand {
    struct Agent: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "agent", abstract: "Not built yet.")

        func run() async throws {
            throw NotBuiltYet(command: "agent")
        }
    }
}
