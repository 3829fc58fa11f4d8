import ArgumentParser

extension FoundryCommand {
    struct Sim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sim", abstract: "Not built yet.")

        func run() async throws {
            throw NotBuiltYet(command: "sim")
        }
    }
}
