import ArgumentParser

struct IPMIBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ipmi", abstract: "Not built yet.")

    func run() async throws {
        throw NotBuiltYet(bench: "ipmi")
    }
}
