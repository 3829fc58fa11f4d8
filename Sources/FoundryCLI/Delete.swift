import ArgumentParser

extension FoundryCommand {
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Not built yet.")

        func run() async throws {
            throw NotBuiltYet(command: "delete")
        }
    }
}
