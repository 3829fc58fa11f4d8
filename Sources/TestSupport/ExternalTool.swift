import Foundation

/// Locates the real third-party tools the interop tests drive. A missing tool is an error that
/// fails the test loudly: `scripts/setup` installs them all, so missing means set-up is broken.
public enum ExternalTool {
    public struct Missing: Error, CustomStringConvertible {
        public var tool: String
        public var description: String {
            "\(self.tool) is not installed: run scripts/setup (the README's test command does) and try again"
        }
    }

    /// The absolute path of `name` on PATH (or in the project's Python venv).
    public static func path(_ name: String) throws -> String {
        let venvBin = ProjectPaths.root.appendingPathComponent(".venv/bin").path
        let searchPath =
            (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") + ":\(venvBin):/usr/sbin:/sbin"
        for directory in searchPath.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        throw Missing(tool: name)
    }

    /// The project's venv Python, where sushy and the DMTF validators live.
    public static func venvPython() throws -> String {
        let python = ProjectPaths.root.appendingPathComponent(".venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Missing(tool: ".venv/bin/python")
        }
        return python
    }
}

/// Paths of the checkout the tests run from.
public enum ProjectPaths {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 {
            url.deleteLastPathComponent()
        }
        return url
    }()

    public static var firmwareMocks: URL {
        self.root.appendingPathComponent("firmware-mocks")
    }

    /// Where tests keep reports worth reading after a run (validator output, captures).
    public static var artifacts: URL {
        let url = self.root.appendingPathComponent("artifacts")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The `foundry` binary built next to the test bundle.
    public static var foundryBinary: URL {
        self.buildProducts.appendingPathComponent("foundry")
    }

    public static var buildProducts: URL {
        if let override = ProcessInfo.processInfo.environment["FOUNDRY_BUILD_PRODUCTS"] {
            return URL(fileURLWithPath: override)
        }
        // The test bundle runs from the build products folder (.build/<triple>/debug or release).
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }
}
