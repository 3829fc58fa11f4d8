/// The reference backend: everything in one actor's memory, nothing persisted. It defines the
/// behaviour the other backends must match (the conformance suite runs them all) and is the
/// store for tests and the demo.
public actor MemoryStore: ResourceStore {
    private var state = MemoryState()
    private var watchers: WatcherSet
    private var closed = false
    private let options: StoreOptions

    public init(options: StoreOptions = StoreOptions()) {
        self.options = options
        self.watchers = WatcherSet(bufferLimit: options.watchBufferLimit)
    }

    public func create(_ object: StoredObject) throws(StoreError) -> StoredObject {
        try self.write { engine, transaction throws(StoreError) in try engine.create(object, in: &transaction) }
    }

    public func get(_ key: ObjectKey) throws(StoreError) -> StoredObject {
        try self.checkOpen()
        guard let object = self.state.objects[key] else {
            throw .notFound(key)
        }
        return object
    }

    public func list(_ kind: GroupKind?, options: ListOptions) throws(StoreError) -> ObjectList {
        try self.checkOpen()
        let items = self.state.objects.filter { key, object in
            (kind == nil || key.kind == kind) && options.matches(object)
        }
        return ObjectList(
            items: items.sorted { $0.key < $1.key }.map(\.value), resourceVersion: self.state.version)
    }

    public func update(_ object: StoredObject) throws(StoreError) -> StoredObject {
        try self.write { engine, transaction throws(StoreError) in try engine.update(object, in: &transaction) }
    }

    public func updateStatus(_ object: StoredObject) throws(StoreError) -> StoredObject {
        try self.write { engine, transaction throws(StoreError) in try engine.updateStatus(object, in: &transaction) }
    }

    public func delete(_ key: ObjectKey, preconditions: DeletePreconditions) throws(StoreError) -> DeleteResult {
        try self.write { engine, transaction throws(StoreError) in
            try engine.delete(key, preconditions: preconditions, in: &transaction)
        }
    }

    public func watch(_ kind: GroupKind?, options: WatchOptions) throws(StoreError) -> WatchStream {
        try self.checkOpen()
        let start = options.resourceVersion ?? self.state.version
        if start < self.state.compactedThrough {
            throw .expired(requested: start, oldest: self.state.compactedThrough)
        }
        let (_, stream) = self.watchers.add(kind: kind, filter: options.filter, position: start) { [weak self] id in
            Task { await self?.stopWatch(id) }
        }
        self.watchers.deliver(Array(self.state.changes(after: start)))
        return stream
    }

    public func close() {
        self.closed = true
        self.watchers.finishAll()
    }

    private func stopWatch(_ id: UInt64) {
        self.watchers.remove(id)
    }

    private func checkOpen() throws(StoreError) {
        if self.closed {
            throw StoreError(.unavailable, "the store is closed")
        }
    }

    private func write<Result>(
        _ operation: (StoreEngine, inout MemoryTransaction) throws(StoreError) -> Result
    ) throws(StoreError) -> Result {
        try self.checkOpen()
        let (result, events) = try Self.run(operation, on: self.state, engine: self.options.engine())
        for event in events {
            self.state.apply(event)
        }
        self.state.compact(limit: self.options.changeLogLimit)
        self.watchers.deliver(events)
        return result
    }

    /// Runs the operation on a transaction that is gone when this returns, so that applying the
    /// events to the state afterwards does not copy it.
    private static func run<Result>(
        _ operation: (StoreEngine, inout MemoryTransaction) throws(StoreError) -> Result,
        on state: MemoryState,
        engine: StoreEngine
    ) throws(StoreError) -> (Result, [WatchEvent]) {
        var transaction = MemoryTransaction(base: state)
        let result = try operation(engine, &transaction)
        return (result, transaction.events)
    }
}
