import ArgumentParser

struct StoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "Not built yet.")

    func run() async throws {
        throw NotBuiltYet(bench: "store")
    }
}
