import ArgumentParser

extension FoundryCommand {
    struct Console: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "console", abstract: "Not built yet.")

        func run() async throws {
            throw NotBuiltYet(command: "console")
        }
    }
}
