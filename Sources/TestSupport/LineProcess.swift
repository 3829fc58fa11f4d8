import Foundation
import Synchronization

/// A child process whose output lines are collected as they come. (`@unchecked`: `Process` is
/// only asked `isRunning` and told `terminate`/`kill`, which Foundation allows from any thread;
/// the lines sit behind a mutex.)
public final class LineProcess: @unchecked Sendable {
    private let process: Process
    private let collected = Mutex<[String]>([])
    private let done = Mutex(false)

    public init(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.standardError
        self.process = process
        try process.run()
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty {
                    break
                }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    self.collected.withLock { $0.append(line) }
                }
            }
            self.done.withLock { $0 = true }
        }
    }

    public var lines: [String] { self.collected.withLock { $0 } }

    /// Waits (without blocking a thread) until a line matches, or `timeout` seconds pass.
    public func waitForLine(where predicate: (String) -> Bool, timeout: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if self.lines.contains(where: predicate) {
                return true
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    /// Waits until the process exited and its output was read; past `timeout` it is killed
    /// (SIGKILL), so that no child outlives its test holding the test runner's output open.
    public func waitForExit(timeout: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if self.done.withLock({ $0 }) && !self.process.isRunning {
                return true
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        self.killHard()
        return false
    }

    /// Ends the process with SIGTERM.
    public func kill() {
        if self.process.isRunning {
            self.process.terminate()
        }
    }

    /// Ends the process at once with SIGKILL, as a crash would.
    public func killHard() {
        if self.process.isRunning {
            Foundation.kill(self.process.processIdentifier, SIGKILL)
        }
    }

    public var terminationStatus: Int32? {
        self.process.isRunning ? nil : self.process.terminationStatus
    }
}
