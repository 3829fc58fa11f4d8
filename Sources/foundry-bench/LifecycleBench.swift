import ArgumentParser

struct LifecycleBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lifecycle", abstract: "Not built yet.")

    func run() async throws {
        throw NotBuiltYet(bench: "lifecycle")
    }
}
