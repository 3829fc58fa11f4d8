import FoundryModel
import FoundryStore

/// What `foundry apply` did to one object.
public struct ApplyResult: Sendable, Equatable, CustomStringConvertible {
    public enum Action: String, Sendable {
        case created
        case configured
        case unchanged
    }

    public var kind: ResourceKind
    public var namespace: String
    public var name: String
    public var action: Action

    /// kubectl's line: `baremetalhost.metal3.io/node-1 created`.
    public var description: String {
        "\(self.kind.qualifiedSingular)/\(self.name) \(self.action.rawValue)"
    }
}

/// Creates or updates the objects of decoded manifests, as `kubectl apply` does: the manifest
/// owns the spec and the labels; annotations it names are set (others, such as the operator's,
/// stay); finalizers, owner references it does not name and the status stay as stored.
public struct Applier: Sendable {
    public var store: any ResourceStore
    /// Tries per object when another writer changes it between read and write.
    public var attempts = 5
    /// Objects written at once.
    public var concurrency = 32

    public init(store: any ResourceStore) {
        self.store = store
    }

    /// Applies the documents, several at a time (the store commits concurrent writes together),
    /// reporting in document order. Store failures are collected and the rest still applied; the
    /// caller validates everything first, so these are rare (another writer, a full disk).
    public func apply(_ resources: [AnyResource]) async -> (results: [ApplyResult], failures: [String]) {
        let outcomes = await withTaskGroup(of: (Int, Result<ApplyResult, StoreError>).self) { group in
            var outcomes = [Result<ApplyResult, StoreError>?](repeating: nil, count: resources.count)
            var next = 0
            func startNext() {
                guard next < resources.count else {
                    return
                }
                let index = next
                next += 1
                group.addTask {
                    do throws(StoreError) {
                        return (index, .success(try await self.apply(resources[index])))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            for _ in 0..<self.concurrency {
                startNext()
            }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                startNext()
            }
            return outcomes
        }
        var results: [ApplyResult] = []
        var failures: [String] = []
        for (resource, outcome) in zip(resources, outcomes) {
            switch outcome {
            case .success(let result): results.append(result)
            case .failure(let error): failures.append("\(resource.kind.qualifiedSingular)/\(resource.name): \(error)")
            case .none: failures.append("\(resource.kind.qualifiedSingular)/\(resource.name): not applied")
            }
        }
        return (results, failures)
    }

    public func apply(_ resource: AnyResource) async throws(StoreError) -> ApplyResult {
        let manifest = try Self.storedObject(resource)
        let key = manifest.key
        var attempt = 0
        while true {
            attempt += 1
            do {
                let action = try await self.applyOnce(manifest, key: key)
                return ApplyResult(kind: resource.kind, namespace: key.namespace, name: key.name, action: action)
            } catch {
                // Another writer got in between the read and the write: read again.
                guard (error.code == .conflict || error.code == .alreadyExists), attempt < self.attempts else {
                    throw error
                }
            }
        }
    }

    private func applyOnce(_ manifest: StoredObject, key: ObjectKey) async throws(StoreError) -> ApplyResult.Action {
        let current: StoredObject
        do {
            current = try await self.store.get(key)
        } catch {
            guard error.code == .notFound else {
                throw error
            }
            _ = try await self.store.create(manifest)
            return .created
        }
        let written = try await self.store.update(Self.merge(manifest: manifest, onto: current))
        return written.resourceVersion == current.resourceVersion ? .unchanged : .configured
    }

    /// The object `apply` writes over `current` (pure).
    public static func merge(manifest: StoredObject, onto current: StoredObject) -> StoredObject {
        var next = current
        next.apiVersion = manifest.apiVersion
        next.content = manifest.content
        next.content["status"] = current.content["status"]
        next.metadata.labels = manifest.metadata.labels
        if let annotations = manifest.metadata.annotations {
            next.metadata.annotations = (current.metadata.annotations ?? [:]).merging(annotations) { $1 }
        }
        if let finalizers = manifest.metadata.finalizers {
            let kept = current.metadata.finalizers ?? []
            next.metadata.finalizers = kept + finalizers.filter { !kept.contains($0) }
        }
        if let owners = manifest.metadata.ownerReferences {
            next.metadata.ownerReferences = owners
        }
        return next
    }

    public static func storedObject(_ resource: AnyResource) throws(StoreError) -> StoredObject {
        do {
            var object = try StoredObject(tree: try resource.encoded())
            object.metadata.namespace = resource.namespace
            return object
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.invalid, "\(resource.displayName): \(error)", underlying: error)
        }
    }
}
