import Foundation
import FoundryModel
import FoundryStore
import TestSupport
import Testing

/// Every backend the conformance suite runs against. etcd joins here when it lands.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory
    case sqlite

    var testDescription: String { self.rawValue }

    /// A fresh, empty store; `cleanup` closes it and removes its files.
    func make(options: StoreOptions = StoreOptions()) async throws -> OpenStore {
        switch self {
        case .memory:
            return OpenStore(store: MemoryStore(options: options), directory: nil)
        case .sqlite:
            let directory = try TemporaryDirectory(prefix: "foundry-store")
            let store = try await SQLiteStore.open(
                path: directory.file("foundry.db").path, options: options, durability: .processCrashSafe)
            return OpenStore(store: store, directory: directory)
        }
    }
}

struct OpenStore: Sendable {
    var store: any ResourceStore
    var directory: TemporaryDirectory?

    func cleanup() async {
        await self.store.close()
        self.directory?.remove()
    }
}

/// Runs `body` against a fresh store of `backend`, cleaning up afterwards whatever happens.
func withStore(
    _ backend: StoreBackend,
    options: StoreOptions = StoreOptions(),
    _ body: (any ResourceStore) async throws -> Void
) async throws {
    let open = try await backend.make(options: options)
    do {
        try await body(open.store)
    } catch {
        await open.cleanup()
        throw error
    }
    await open.cleanup()
}

enum Fixtures {
    static let widget = GroupKind(group: "test.foundry.dev", kind: "Widget")

    /// An object of a kind the store has never heard of: the store is kind-agnostic.
    static func widget(
        _ name: String,
        namespace: String? = nil,
        size: Int64 = 1,
        labels: [String: String]? = nil
    ) -> StoredObject {
        var metadata = ObjectMeta(name: name, namespace: namespace, labels: labels)
        metadata.namespace = namespace
        return StoredObject(
            apiVersion: "test.foundry.dev/v1", kind: "Widget", metadata: metadata,
            content: ["spec": .object(["size": .int(size)])])
    }

    static func host(_ name: String, namespace: String? = nil, labels: [String: String]? = nil) -> BareMetalHost {
        BareMetalHost(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: labels),
            spec: BareMetalHostSpec(
                online: true,
                bmc: BMCDetails(address: "ipmi://127.0.0.1:6230", credentialsName: "\(name)-bmc-secret"),
                bootMACAddress: "00:11:22:33:44:55"))
    }

    static func owner(of object: StoredObject) -> OwnerReference {
        OwnerReference(
            apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name,
            uid: object.metadata.uid ?? "", controller: true)
    }
}

extension StoredObject {
    var size: Int64? {
        guard case .object(let spec)? = self.content["spec"], case .int(let size)? = spec["size"] else {
            return nil
        }
        return size
    }

    func withSize(_ size: Int64) -> StoredObject {
        var copy = self
        copy.content["spec"] = .object(["size": .int(size)])
        return copy
    }
}

/// The error a throwing call raised, as a `StoreError` (fails the test when it did not throw one).
func storeError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> StoreError?
{
    do {
        try await body()
        Issue.record("expected a StoreError, but the call succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        Issue.record("expected a StoreError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The next `count` events of a watch, failing after `timeout`: a guard against a hang, not a
/// speed bound (CI runs every test target at once on two cores; foundry-bench measures latency).
func nextEvents(
    _ count: Int,
    from stream: WatchStream,
    timeout: Duration = .seconds(30)
) async throws -> [WatchEvent] {
    try await withThrowingTaskGroup(of: [WatchEvent]?.self) { group in
        group.addTask {
            var events: [WatchEvent] = []
            for try await event in stream {
                events.append(event)
                if events.count == count {
                    break
                }
            }
            return events
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        let first = try await group.next() ?? nil
        group.cancelAll()
        guard let events = first else {
            throw WatchTimeout(expected: count)
        }
        return events
    }
}

struct WatchTimeout: Error, CustomStringConvertible {
    var expected: Int
    var description: String { "the watch did not deliver \(self.expected) events in time" }
}
