import FoundryModel

/// Storage with the Kubernetes API machinery's guarantees, which controllers and users rely on:
///
/// - every object has a `uid` and a `resourceVersion` that grows with each change to the store;
/// - `update` and `updateStatus` are compare-and-swap on `metadata.resourceVersion` (a stale write
///   fails with `.conflict`), and a write that changes nothing is not a change (same version);
/// - `status` is a subresource: `update` leaves it alone, `updateStatus` changes only it;
///   `metadata.generation` moves only when the spec (everything but metadata and status) changes;
/// - `delete` of an object with finalizers sets `deletionTimestamp`; the object goes when its last
///   finalizer is removed; objects whose owners (`ownerReferences`) are all gone are deleted too;
/// - `watch` delivers every change after a resourceVersion, in order, exactly once; a version older
///   than the change log keeps fails with `.expired` (list again, then watch from the list).
///
/// Every error thrown is a `StoreError`.
public protocol ResourceStore: Sendable {
    /// Stores a new object. `metadata.resourceVersion` must be empty; `status` is dropped (set it
    /// with `updateStatus`). Returns the object as stored.
    func create(_ object: StoredObject) async throws(StoreError) -> StoredObject

    func get(_ key: ObjectKey) async throws(StoreError) -> StoredObject

    /// Objects of one kind (or of every kind), sorted by kind, namespace and name, with the
    /// resourceVersion of the store at the moment of the list, to watch from.
    func list(_ kind: GroupKind?, options: ListOptions) async throws(StoreError) -> ObjectList

    /// The objects of type `R`, decoded, in the order `list` gives. A backend can decode straight
    /// from what it stores; the default goes through `StoredObject`.
    func decodedList<R: Resource>(_ type: R.Type, options: ListOptions) async throws(StoreError) -> TypedList<R>

    /// Replaces the object's spec and metadata if `metadata.resourceVersion` is still current.
    func update(_ object: StoredObject) async throws(StoreError) -> StoredObject

    /// Replaces the object's `status` if `metadata.resourceVersion` is still current.
    func updateStatus(_ object: StoredObject) async throws(StoreError) -> StoredObject

    func delete(_ key: ObjectKey, preconditions: DeletePreconditions) async throws(StoreError) -> DeleteResult

    /// Changes after `options.resourceVersion` (or after now, when nil), in order. Iterating
    /// throws `StoreError` `.expired` if the watcher falls so far behind that the log moved on.
    func watch(_ kind: GroupKind?, options: WatchOptions) async throws(StoreError) -> WatchStream

    /// Stops background work and releases the backend; later calls fail with `.unavailable`.
    func close() async
}

public typealias WatchStream = AsyncThrowingStream<WatchEvent, any Error>

/// Which objects a list or watch returns.
public struct ListOptions: Sendable {
    /// nil: every namespace.
    public var namespace: String?
    /// Keeps objects whose labels it accepts (a label selector's `matches`).
    public var labelFilter: (@Sendable ([String: String]) -> Bool)?

    public init(namespace: String? = nil, labelFilter: (@Sendable ([String: String]) -> Bool)? = nil) {
        self.namespace = namespace
        self.labelFilter = labelFilter
    }

    public static let all = ListOptions()

    func matches(_ object: StoredObject) -> Bool {
        self.matches(object.metadata)
    }

    func matches(_ metadata: ObjectMeta) -> Bool {
        if let namespace = self.namespace, metadata.effectiveNamespace != namespace {
            return false
        }
        if let labelFilter = self.labelFilter, !labelFilter(metadata.labels ?? [:]) {
            return false
        }
        return true
    }
}

public struct ObjectList: Sendable {
    public var items: [StoredObject]
    /// The store's resourceVersion when the list was taken: watch from here to miss nothing.
    public var resourceVersion: Int64

    public init(items: [StoredObject], resourceVersion: Int64) {
        self.items = items
        self.resourceVersion = resourceVersion
    }
}

public struct WatchOptions: Sendable {
    /// Deliver changes with a greater resourceVersion; nil means from now on.
    public var resourceVersion: Int64?
    public var filter: ListOptions

    public init(resourceVersion: Int64? = nil, filter: ListOptions = .all) {
        self.resourceVersion = resourceVersion
        self.filter = filter
    }
}

public struct WatchEvent: Sendable, Equatable {
    public enum EventType: String, Sendable, Hashable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
    }

    public var type: EventType
    /// The object after the change; for `.deleted`, its last state with the deletion's version.
    public var object: StoredObject

    public init(type: EventType, object: StoredObject) {
        self.type = type
        self.object = object
    }

    public var resourceVersion: Int64 { self.object.resourceVersion }
}

/// Conditions a delete must meet, as Kubernetes' `Preconditions`.
public struct DeletePreconditions: Sendable, Hashable {
    public var uid: String?
    public var resourceVersion: Int64?

    public init(uid: String? = nil, resourceVersion: Int64? = nil) {
        self.uid = uid
        self.resourceVersion = resourceVersion
    }

    public static let none = DeletePreconditions()
}

public enum DeleteResult: Sendable, Equatable {
    /// The object is gone; this was its last state.
    case deleted(StoredObject)
    /// The object has finalizers: it now carries a deletionTimestamp and goes when they are removed.
    case pending(StoredObject)

    public var object: StoredObject {
        switch self {
        case .deleted(let object), .pending(let object): object
        }
    }
}

extension ResourceStore {
    public func list(_ kind: GroupKind?) async throws(StoreError) -> ObjectList {
        try await self.list(kind, options: .all)
    }

    public func delete(_ key: ObjectKey) async throws(StoreError) -> DeleteResult {
        try await self.delete(key, preconditions: .none)
    }

    public func watch(_ kind: GroupKind?, from resourceVersion: Int64?) async throws(StoreError) -> WatchStream {
        try await self.watch(kind, options: WatchOptions(resourceVersion: resourceVersion))
    }

    /// A list and a watch that starts right after it, so nothing falls between them.
    public func listThenWatch(
        _ kind: GroupKind?,
        options: ListOptions = .all
    ) async throws(StoreError) -> (ObjectList, WatchStream) {
        let list = try await self.list(kind, options: options)
        let stream = try await self.watch(
            kind, options: WatchOptions(resourceVersion: list.resourceVersion, filter: options))
        return (list, stream)
    }
}
