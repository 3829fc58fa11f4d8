import FoundryModel

/// A watch event with its object decoded.
public struct TypedWatchEvent<R: Resource>: Sendable {
    public var type: WatchEvent.EventType
    public var object: R
    public var resourceVersion: Int64
}

public struct TypedList<R: Resource>: Sendable {
    public var items: [R]
    public var resourceVersion: Int64
}

/// The typed face of the store that controllers use: `BareMetalHost` in, `BareMetalHost` out.
extension ResourceStore {
    public func get<R: Resource>(
        _ type: R.Type,
        namespace: String = ObjectMeta.defaultNamespace,
        name: String
    ) async throws(StoreError) -> R {
        try await self.get(ObjectKey(type, namespace: namespace, name: name)).decode(as: R.self)
    }

    public func list<R: Resource>(_ type: R.Type, options: ListOptions = .all) async throws(StoreError) -> TypedList<R>
    {
        try await self.decodedList(type, options: options)
    }

    public func decodedList<R: Resource>(_ type: R.Type, options: ListOptions) async throws(StoreError) -> TypedList<R>
    {
        let list = try await self.list(GroupKind(type), options: options)
        var items: [R] = []
        items.reserveCapacity(list.items.count)
        for object in list.items {
            items.append(try object.decode(as: R.self))
        }
        return TypedList(items: items, resourceVersion: list.resourceVersion)
    }

    public func create<R: Resource>(_ resource: R) async throws(StoreError) -> R {
        try await self.create(StoredObject(resource)).decode(as: R.self)
    }

    public func update<R: Resource>(_ resource: R) async throws(StoreError) -> R {
        try await self.update(StoredObject(resource)).decode(as: R.self)
    }

    public func updateStatus<R: Resource>(_ resource: R) async throws(StoreError) -> R {
        try await self.updateStatus(StoredObject(resource)).decode(as: R.self)
    }

    public func delete<R: Resource>(
        _ type: R.Type,
        namespace: String = ObjectMeta.defaultNamespace,
        name: String,
        preconditions: DeletePreconditions = .none
    ) async throws(StoreError) -> DeleteResult {
        try await self.delete(ObjectKey(type, namespace: namespace, name: name), preconditions: preconditions)
    }

    /// Changes to objects of type `R` after `resourceVersion`, decoded.
    public func watch<R: Resource>(
        _ type: R.Type,
        options: WatchOptions = WatchOptions()
    ) async throws(StoreError) -> AsyncThrowingMapSequence<WatchStream, TypedWatchEvent<R>> {
        try await self.watch(GroupKind(type), options: options).map { event in
            TypedWatchEvent(
                type: event.type, object: try event.object.decode(as: R.self), resourceVersion: event.resourceVersion)
        }
    }

    /// Reads the object, applies `change` and writes it back, again from a fresh read whenever
    /// another writer got there first (at most `attempts` times).
    public func modify<R: Resource>(
        _ type: R.Type,
        namespace: String = ObjectMeta.defaultNamespace,
        name: String,
        attempts: Int = 16,
        status: Bool = false,
        _ change: (inout R) throws -> Void
    ) async throws -> R {
        for attempt in 1...max(1, attempts) {
            var resource = try await self.get(type, namespace: namespace, name: name)
            try change(&resource)
            let result: Result<R, StoreError>
            do {
                result = .success(status ? try await self.updateStatus(resource) : try await self.update(resource))
            } catch {
                result = .failure(error)
            }
            switch result {
            case .success(let written):
                return written
            case .failure(let error) where error.code == .conflict && attempt < attempts:
                continue
            case .failure(let error):
                throw error
            }
        }
        throw StoreError(
            .conflict, "\(R.typeMeta.kind) \(namespace)/\(name): still conflicting after \(attempts) attempts")
    }
}
