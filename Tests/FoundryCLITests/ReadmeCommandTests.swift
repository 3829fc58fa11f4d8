import Foundation
import TestSupport
import Testing

/// The README's two commands: the first ends in `foundry demo`, which provisions a simulated
/// fleet; the second is what CI (`.ci/run`) runs.
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

    /// The demo itself (simulator, operator, 8 hosts provisioned) runs in
    /// EndToEndTests/DemoCommandTests; here, that the command the README leads to is the real one.
    @Test func demoDescribesTheFleetItProvisions() async throws {
        let result = try await ProcessRunner.run(
            try CLIHarness.binary(), ["demo", "--help"], currentDirectory: ProjectPaths.root, timeout: .seconds(60))
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.contains("firmware-mocks/fleets/demo-8.yaml"))
        #expect(result.stdout.contains("--until"))
        let fleet = try Self.text("firmware-mocks/fleets/demo-8.yaml")
        #expect(fleet.contains("name: demo-8"))
    }
}
