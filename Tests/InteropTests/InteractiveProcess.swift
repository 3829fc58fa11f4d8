import Foundation
import Synchronization

/// A child process whose output is watched while it runs and whose input is written on demand,
/// for tools with an interactive console (ipmitool sol activate, foundry console).
final class InteractiveProcess: Sendable {
    private let process: Process
    private let input: FileHandle
    private let collected = Collected()

    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdin = Pipe()
        let output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        let collected = self.collected
        output.fileHandleForReading.readabilityHandler = { handle in
            collected.append(handle.availableData)
        }
        try process.run()
        self.process = process
        self.input = stdin.fileHandleForWriting
    }

    var output: String {
        self.collected.text
    }

    /// Waits until the output contains `text`; false after the deadline or if the process exits first.
    func waitForOutput(containing text: String, timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if self.output.contains(text) {
                return true
            }
            if !self.process.isRunning {
                return self.output.contains(text)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    func write(_ text: String) {
        try? self.input.write(contentsOf: Data(text.utf8))
    }

    /// The exit status, or nil if it did not exit in time.
    func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while self.process.isRunning {
            guard ContinuousClock.now < deadline else {
                return nil
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return self.process.terminationStatus
    }

    func terminate() {
        if self.process.isRunning {
            self.process.terminate()
        }
    }
}

/// Output gathered from the child's pipe on Foundation's reader thread.
private final class Collected: Sendable {
    private let data = Mutex(Data())

    func append(_ chunk: Data) {
        self.data.withLock { $0.append(chunk) }
    }

    var text: String {
        self.data.withLock { String(decoding: $0, as: UTF8.self) }
    }
}
