import ArgumentParser

extension FoundryCommand {
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "demo", abstract: "Not built yet.")

        func run() async throws {
            throw NotBuiltYet(command: "demo")
        }
    }
}
