import Foundation
import TestSupport
import Testing

/// `foundry sim --boot-server`: where the simulated servers' PXE boots fetch their iPXE scripts.
struct SimBootServerOptionTests {
    @Test func aBootServerMustBeAnHTTPURL() async throws {
        let result = try await ProcessRunner.run(
            try CLIHarness.binary(),
            ["sim", "--fleet", "firmware-mocks/fleets/demo-8.yaml", "--boot-server", "ftp://127.0.0.1/x"],
            currentDirectory: ProjectPaths.root, timeout: .seconds(60))
        #expect(result.status != 0)
        #expect(result.stderr.contains("--boot-server: \"ftp://127.0.0.1/x\" is not an http or https URL"))
    }

    @Test func theFleetRunsWithItsBootServerAndStateDirectory() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-sim-boot")
        defer { directory.remove() }
        let result = try await ProcessRunner.run(
            try CLIHarness.binary(),
            [
                "sim", "--fleet", "firmware-mocks/fleets/demo-8.yaml", "--boot-server", "http://127.0.0.1:9/",
                "--state-dir", directory.url.path, "--seconds", "1",
            ],
            currentDirectory: ProjectPaths.root, timeout: .seconds(120))
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.contains("boot server: http://127.0.0.1:9/"))
        #expect(result.stdout.contains("fleet demo-8 running: 8 servers"))
    }
}
