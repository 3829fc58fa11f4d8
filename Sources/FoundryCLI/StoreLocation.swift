import Foundation
import FoundryStore

/// Which store a command talks to: `sqlite:PATH` (the embedded default) or `memory:` (a store
/// that lives as long as the process, for the demo and tests).
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case memory

    public static let environmentVariable = "FOUNDRY_STORE"

    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ text: String) throws(ParseError) -> StoreLocation {
        if text == "memory:" {
            return .memory
        }
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else {
                throw ParseError(description: "store \"\(text)\": sqlite: needs a file path, e.g. sqlite:./foundry.db")
            }
            return .sqlite(path: Self.expandingTilde(path))
        }
        let scheme = text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? text
        throw ParseError(
            description: "unsupported store \"\(text)\" (scheme \"\(scheme)\"; known: sqlite:PATH, memory:)")
    }

    /// `--store`, else `FOUNDRY_STORE`, else the per-user default.
    public static func resolve(
        option: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ParseError) -> StoreLocation {
        if let option {
            return try self.parse(option)
        }
        if let fromEnvironment = environment[self.environmentVariable], !fromEnvironment.isEmpty {
            return try self.parse(fromEnvironment)
        }
        return .sqlite(path: self.defaultPath(environment: environment))
    }

    /// `$XDG_DATA_HOME/foundry/foundry.db`, or `~/.local/share/foundry/foundry.db`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return "\(dataHome)/foundry/foundry.db"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return "\(home)/.local/share/foundry/foundry.db"
    }

    private static func expandingTilde(_ path: String) -> String {
        (path as NSString).expandingTildeInPath
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .memory: "memory:"
        }
    }

    public func open(encryptionKeyFile: String?) async throws(StoreError) -> any ResourceStore {
        switch self {
        case .sqlite(let path): try await SQLiteStore.open(path: path, keyFile: encryptionKeyFile)
        case .memory: MemoryStore()
        }
    }
}
