import ArgumentParser
import FoundryStore

/// `--store` and `--encryption-key-file`, shared by every command that reads or writes resources.
public struct StoreCommandOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where resources live: sqlite:PATH or memory:.",
            discussion: "Default: $FOUNDRY_STORE, else $XDG_DATA_HOME/foundry/foundry.db (~/.local/share/foundry).",
            valueName: "store"))
    public var store: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The key that encrypts Secrets at rest (default: the database path + .key, created on first use).",
            valueName: "file"))
    public var encryptionKeyFile: String?

    public init() {}

    public func location() throws -> StoreLocation {
        do {
            return try StoreLocation.resolve(option: self.store)
        } catch {
            throw ValidationError(error.description)
        }
    }

    public func open() async throws -> any ResourceStore {
        try await self.location().open(encryptionKeyFile: self.encryptionKeyFile)
    }

    /// Opens the store, runs `body` and closes the store, whatever happens.
    public func withStore<T>(_ body: (any ResourceStore) async throws -> T) async throws -> T {
        let store = try await self.open()
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}

/// What a command prints on failure: one line per problem, then exit 1.
struct CommandFailure: Error, CustomStringConvertible {
    var lines: [String]

    init(_ lines: [String]) {
        self.lines = lines
    }

    init(_ line: String) {
        self.lines = [line]
    }

    var description: String {
        self.lines.map { "error: \($0)" }.joined(separator: "\n")
    }
}
