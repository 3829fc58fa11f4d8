import ArgumentParser

/// `foundry-bench AREA`: programs that print measured figures and name the peer they compare with.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "foundry-bench",
        abstract: "Benchmarks that print measured figures against a named peer.",
        subcommands: [StoreBench.self, IPMIBench.self, RedfishBench.self, ImageBench.self, LifecycleBench.self]
    )
}
