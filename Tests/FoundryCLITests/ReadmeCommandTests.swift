import Foundation
import FoundryModel
import TestSupport
import Testing

/// The README's two commands: the first ends in `foundry demo`, which applies the example hosts
/// and lists them; the second is what CI (`.ci/run`) runs.
@Suite("README commands")
struct ReadmeCommandTests {
    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: ProjectPaths.root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    @Test func readmeOpensWithTheDemoAndTestCommandsAndCIRunsTheSecond() throws {
        let readme = try Self.text("README.md")
        let firstBlock = try #require(readme.components(separatedBy: "```").dropFirst().first)
        let commands = firstBlock.split(separator: "\n").dropFirst().map {
            $0.split(separator: "#").first?.trimmingCharacters(in: .whitespaces) ?? ""
        }
        #expect(commands == ["./scripts/demo", "./scripts/test"], "\(firstBlock)")
        #expect(try Self.text("scripts/demo").contains("foundry demo"))
        #expect(try Self.text(".ci/run").contains("exec ./scripts/test"))
    }

    @Test func demoAppliesTheExampleHostsAndListsThem() async throws {
        let hosts = try String(
            contentsOf: ProjectPaths.root.appendingPathComponent("examples/hosts.yaml"), encoding: .utf8)
        let names = ManifestDecoder().decode(hosts).resources.filter { $0.kind == .bareMetalHost }.map(\.name)
        #expect(names.count == 8)
        let result = try await ProcessRunner.run(
            try CLIHarness.binary(), ["demo"], currentDirectory: ProjectPaths.root, timeout: .seconds(120))
        #expect(result.status == 0, "\(result.combined)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        for name in names {
            #expect(lines.contains("baremetalhost.metal3.io/\(name) created"), "\(result.stdout)")
            #expect(lines.contains { $0.hasPrefix("\(name) ") }, "\(name) is not listed: \(result.stdout)")
        }
    }
}
