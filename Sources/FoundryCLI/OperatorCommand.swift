import ArgumentParser

extension FoundryCommand {
    struct OperatorCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "operator", abstract: "Not built yet.")

        func run() async throws {
            throw NotBuiltYet(command: "operator")
        }
    }
}
