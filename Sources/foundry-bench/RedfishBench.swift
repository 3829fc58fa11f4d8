import ArgumentParser

struct RedfishBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "redfish", abstract: "Not built yet.")

    func run() async throws {
        throw NotBuiltYet(bench: "redfish")
    }
}
