import Foundation
import Synchronization

/// A child process spoken to line by line (a Python peer that waits for "next" between steps).
/// Every read has a deadline; past it the process is killed.
final class RedfishLineProcess: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private let errors: Pipe
    private let buffer = Mutex(Data())

    init(_ executable: String, _ arguments: [String], currentDirectory: URL? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let currentDirectory {
            process.currentDirectoryURL = currentDirectory
        }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        self.process = process
        self.input = stdin.fileHandleForWriting
        self.output = stdout.fileHandleForReading
        self.errors = stderr
    }

    func send(_ line: String) throws {
        try self.input.write(contentsOf: Data((line + "\n").utf8))
    }

    /// The next line of standard output; nil at its end. A peer silent past the timeout is killed.
    func readLine(timeout: Duration = .seconds(30)) async throws -> String? {
        if let line = self.takeLine() {
            return line
        }
        let timedOut = Mutex(false)
        let watchdog = Task { [self] in
            try await Task.sleep(for: timeout)
            timedOut.withLock { $0 = true }
            self.kill()
        }
        defer { watchdog.cancel() }
        while true {
            let chunk = await self.readChunk()
            if chunk.isEmpty {
                if timedOut.withLock({ $0 }) {
                    throw Failure(description: "no line from the peer in \(timeout); killed it")
                }
                return self.takeRest()
            }
            self.buffer.withLock { $0.append(chunk) }
            if let line = self.takeLine() {
                return line
            }
        }
    }

    private func readChunk() async -> Data {
        let output = self.output
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: output.availableData)
            }
        }
    }

    private func takeLine() -> String? {
        self.buffer.withLock { buffer in
            guard let newline = buffer.firstIndex(of: 0x0a) else {
                return nil
            }
            let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
            buffer.removeSubrange(buffer.startIndex...newline)
            return line
        }
    }

    private func takeRest() -> String? {
        self.buffer.withLock { buffer in
            defer { buffer.removeAll() }
            return buffer.isEmpty ? nil : String(decoding: buffer, as: UTF8.self)
        }
    }

    /// Closes standard input and waits for the exit; returns the status and standard error.
    func finish(timeout: Duration = .seconds(30)) async -> (status: Int32, stderr: String) {
        try? self.input.close()
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while self.process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if self.process.isRunning {
            self.kill()
        }
        self.process.waitUntilExit()
        let stderr = String(decoding: self.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (self.process.terminationStatus, stderr)
    }

    func kill() {
        if self.process.isRunning {
            self.process.terminate()
        }
    }
}
