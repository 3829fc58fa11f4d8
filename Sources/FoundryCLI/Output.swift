import Foundation

/// Writes command output, unbuffered, so that a watch's lines reach a pipe as they happen.
enum Output {
    static func print(_ line: String) {
        self.write(line.hasSuffix("\n") ? line : line + "\n", to: FileHandle.standardOutput)
    }

    /// Writes text as is (it carries its own newlines).
    static func raw(_ text: String) {
        self.write(text, to: FileHandle.standardOutput)
    }

    static func error(_ line: String) {
        self.write(line.hasSuffix("\n") ? line : line + "\n", to: FileHandle.standardError)
    }

    private static func write(_ text: String, to handle: FileHandle) {
        try? handle.write(contentsOf: Data(text.utf8))
    }
}
