import Foundation

/// Runs a program the agent relies on (qemu-img) to completion, keeping the end of its error output.
enum ExternalCommand {
    struct Failure: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var output: String
        var description: String {
            "\(self.command) exited with status \(self.status): \(self.output)"
        }
    }

    /// Finds `name` on PATH (and the usual sbin folders), or nil.
    static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in (path + ":/usr/local/bin:/usr/sbin:/sbin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }

    private static func readAll(_ handle: FileHandle) -> Task<Data, Never> {
        Task {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: handle.readDataToEndOfFile()) }
            }
        }
    }

    /// SIGKILL: the tool's partial work is wiped anyway, and inside the test process
    /// `Process.terminate()`'s SIGTERM left a running converter going for its full time.
    private static func stop(_ process: Process) {
        _ = kill(process.processIdentifier, SIGKILL)
    }

    static func run(_ executable: String, _ arguments: [String]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        // Read while it runs: a full pipe would stall the program.
        let reading = Self.readAll(output.fileHandleForReading)
        // A stopped agent (a simulated host powered off) must not go on writing through the tool.
        let status: Int32 = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do {
                    try process.run()
                    if Task.isCancelled {
                        Self.stop(process)
                    }
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            if process.isRunning {
                Self.stop(process)
            }
        }
        try? output.fileHandleForWriting.close()
        let data = await reading.value
        let text = String(decoding: data.suffix(4096), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard status == 0 else {
            let name = URL(fileURLWithPath: executable).lastPathComponent
            throw Failure(command: name, status: status, output: text)
        }
        return text
    }
}
