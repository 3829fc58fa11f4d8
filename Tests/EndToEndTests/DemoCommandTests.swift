import Foundation
import Synchronization
import TestSupport
import Testing

/// `foundry demo` as a user runs it: a child process with the simulator, the operator and the
/// store inside, its output piped (so plain lines, no terminal).
@Suite(.serialized)
struct DemoCommandTests {
    static func binary() throws -> String {
        let path = ProjectPaths.foundryBinary.path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw DemoTestError("\(path) is missing: run `swift build --build-tests` first")
        }
        return path
    }

    /// The temporary directory the demo said it uses (`store sqlite:DIR/foundry.db`).
    static func storeDirectory(in output: String) -> String? {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("store sqlite:") }) else {
            return nil
        }
        return URL(fileURLWithPath: String(line.dropFirst("store sqlite:".count))).deletingLastPathComponent().path
    }

    @Test func untilProvisionedExitsZeroOnceEveryHostIsProvisioned() async throws {
        let result = try await ProcessRunner.run(
            try Self.binary(), ["demo", "--until", "provisioned", "--timeout", "300"],
            currentDirectory: ProjectPaths.root, timeout: .seconds(360))
        #expect(!result.timedOut)
        #expect(result.status == 0, "stdout:\n\(result.stdout)\nstderr:\n\(result.stderr)")
        let output = result.stdout
        #expect(output.contains("all 8 hosts provisioned in"))
        for name in ["edge-0", "edge-1", "storage-0", "rf-0", "dell-0", "dell-1", "hpe-0", "hpe-1"] {
            #expect(output.contains("\(name): "), "no line for \(name)")
        }
        #expect(output.contains("-> provisioned"))
        #expect(output.contains("hosts: provisioned 8"))
        #expect(output.contains("image written"), "a progress line per quarter of an image write")
        #expect(!output.contains("\u{1B}["), "no terminal escapes when the output is not a terminal")
        #expect(output.contains("stopping: operator, simulator, store"))
        let directory = try #require(Self.storeDirectory(in: output))
        #expect(!FileManager.default.fileExists(atPath: directory), "the temporary directory is removed")
    }

    @Test func untilProvisionedFailsWithTheReasonWhenAHostCannotGetThere() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-demo-test")
        defer { directory.remove() }
        let fleet = directory.file("two.yaml")
        try """
        name: demo-fail
        credentials: {username: admin, password: password}
        servers:
          - name: good-0
            vendor: generic
            hardware: small
            bmc: ipmi
          - name: locked-0
            vendor: generic
            hardware: small
            bmc: ipmi
            faults: {rejectAllCredentials: true}
        """.write(to: fleet, atomically: true, encoding: .utf8)
        let result = try await ProcessRunner.run(
            try Self.binary(), ["demo", "--until", "provisioned", "--timeout", "40", "--fleet", fleet.path],
            currentDirectory: ProjectPaths.root, timeout: .seconds(120))
        #expect(!result.timedOut)
        #expect(result.status != 0)
        #expect(result.stderr.contains("not every host was provisioned within 40 s"), "stderr:\n\(result.stderr)")
        #expect(result.stderr.contains("locked-0 ("), "the reason names the host: \(result.stderr)")
        #expect(result.stderr.contains("registration error"), "and its error: \(result.stderr)")
        #expect(!result.stderr.contains("good-0 ("), "the provisioned host is not blamed: \(result.stderr)")
        #expect(result.stdout.contains("good-0: provisioning -> provisioned"))
        #expect(!result.combined.contains("password: password"))
    }

    @Test func ctrlCStopsEverythingCleanly() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.binary())
        process.arguments = ["demo"]
        process.currentDirectoryURL = ProjectPaths.root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let text = OutputBuffer()
        output.fileHandleForReading.readabilityHandler = { handle in
            text.append(handle.availableData)
        }
        try process.run()
        defer {
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
            }
        }
        // Interrupt once the hosts are being worked on (bounded wait).
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))
        while ContinuousClock.now < deadline, process.isRunning, !text.contents.contains("-> inspecting") {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(text.contents.contains("-> inspecting"), "output: \(text.contents)")
        process.interrupt()
        let stopDeadline = ContinuousClock.now.advanced(by: .seconds(60))
        while ContinuousClock.now < stopDeadline, process.isRunning {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(!process.isRunning, "the demo stops within a minute of Ctrl-C")
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        let all = text.contents + String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "output:\n\(all)")
        #expect(all.contains("stopping: operator, simulator, store"))
        let directory = try #require(Self.storeDirectory(in: all))
        #expect(!FileManager.default.fileExists(atPath: directory), "the temporary directory is removed")
    }
}

struct DemoTestError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// What a child process has written so far, appended from its pipe's handler.
final class OutputBuffer: Sendable {
    private let text = Mutex("")

    func append(_ data: Data) {
        self.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
    }

    var contents: String {
        self.text.withLock { $0 }
    }
}
