import ArgumentParser

struct ImageBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "image", abstract: "Not built yet.")

    func run() async throws {
        throw NotBuiltYet(bench: "image")
    }
}
