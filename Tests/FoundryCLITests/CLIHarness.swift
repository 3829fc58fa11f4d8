import Foundation
import FoundryCLI
import FoundryModel
import FoundryStore
import TestSupport
import Testing

/// Runs the built `foundry` binary against a store in a fresh temporary directory.
struct CLIHarness {
    let directory: TemporaryDirectory
    var databasePath: String { self.directory.file("foundry.db").path }
    var storeArgument: String { "sqlite:\(self.databasePath)" }

    init() throws {
        self.directory = try TemporaryDirectory(prefix: "foundry-cli")
    }

    static func binary() throws -> String {
        let path = ProjectPaths.foundryBinary.path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw MissingBinary(path: path)
        }
        return path
    }

    struct MissingBinary: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(self.path) is missing: run `swift build --build-tests` first" }
    }

    /// `foundry ARGS` with `FOUNDRY_STORE` pointing at this harness's store. At most a few run
    /// at once: dozens of processes starting together on two cores starve every other test.
    func run(_ arguments: [String], input: Data? = nil) async throws -> ProcessResult {
        await ProcessSlots.shared.acquire()
        do {
            let result = try await ProcessRunner.run(
                try Self.binary(), arguments, input: input,
                environment: ["FOUNDRY_STORE": self.storeArgument], timeout: .seconds(60))
            await ProcessSlots.shared.release()
            return result
        } catch {
            await ProcessSlots.shared.release()
            throw error
        }
    }

    /// Writes `text` to a file in the temporary directory and returns its path.
    func file(_ name: String, _ data: Data) throws -> String {
        let url = self.directory.file(name)
        try data.write(to: url)
        return url.path
    }

    func file(_ name: String, _ text: String) throws -> String {
        try self.file(name, Data(text.utf8))
    }

    /// The store, opened in this process (the CLI process has exited).
    func withStore<T>(_ body: (SQLiteStore) async throws -> T) async throws -> T {
        let store = try await SQLiteStore.open(path: self.databasePath)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    /// Every object and the store's version: equal before and after means nothing changed.
    func snapshot() async throws -> StoreSnapshot {
        guard FileManager.default.fileExists(atPath: self.databasePath) else {
            return StoreSnapshot(names: [], resourceVersion: 0)
        }
        return try await self.withStore { store in
            let list = try await store.list(nil)
            return StoreSnapshot(
                names: list.items.map { "\($0.key)@\($0.resourceVersion)" }, resourceVersion: list.resourceVersion)
        }
    }

    func remove() {
        self.directory.remove()
    }
}

/// A counting semaphore for child processes.
actor ProcessSlots {
    static let shared = ProcessSlots(limit: 3)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.free = limit
    }

    func acquire() async {
        if self.free > 0 {
            self.free -= 1
            return
        }
        await withCheckedContinuation { self.waiting.append($0) }
    }

    func release() {
        if self.waiting.isEmpty {
            self.free += 1
        } else {
            self.waiting.removeFirst().resume()
        }
    }
}

struct StoreSnapshot: Equatable, CustomStringConvertible {
    var names: [String]
    var resourceVersion: Int64
    var description: String { "rv \(self.resourceVersion): \(self.names.joined(separator: ", "))" }
}

enum Samples {
    static var metal3: URL {
        ProjectPaths.root.appendingPathComponent("Tests/FoundryModelTests/Fixtures/metal3")
    }

    /// `apply` for one Metal3 sample, unchanged. worker-0's user data lives in
    /// openshift-machine-api and Metal3 (like Foundry) refuses cross-namespace references, so
    /// that sample goes into that namespace, as Metal3 users apply it.
    static func applyArguments(_ sample: String) -> [String] {
        let path = self.metal3.appendingPathComponent(sample).path
        return sample.contains("libvirt")
            ? ["apply", "-n", "openshift-machine-api", "-f", path] : ["apply", "-f", path]
    }

    static var hosts: String {
        ProjectPaths.root.appendingPathComponent("examples/hosts.yaml").path
    }

    static let validHost = """
        apiVersion: metal3.io/v1alpha1
        kind: BareMetalHost
        metadata:
          name: valid-host
        spec:
          online: true
          bmc:
            address: ipmi://127.0.0.1:6230
            credentialsName: valid-host-bmc

        """
}
