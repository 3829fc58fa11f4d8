import ArgumentParser

extension FoundryCommand {
    struct BMCCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "bmc", abstract: "Not built yet.")

        func run() async throws {
            throw NotBuiltYet(command: "bmc")
        }
    }
}
