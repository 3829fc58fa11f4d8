import ArgumentParser
import Foundation

/// `foundry-bench AREA`: programs that print measured figures and name the peer they compare with.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "foundry-bench",
        abstract: "Benchmarks that print measured figures against a named peer.",
        subcommands: [StoreBench.self, IPMIBench.self, RedfishBench.self, ImageBench.self, LifecycleBench.self]
    )
}

extension Duration {
    /// The duration in seconds, for printing figures.
    var seconds: Double {
        Double(self.components.seconds) + Double(self.components.attoseconds) / 1e18
    }
}

/// A process's peak resident memory (VmHWM), read from /proc.
enum PeakMemory {
    /// `process` is a pid, or `self`; nil when /proc does not say.
    static func mebibytes(of process: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kib = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else {
            return nil
        }
        return kib / 1024
    }
}
