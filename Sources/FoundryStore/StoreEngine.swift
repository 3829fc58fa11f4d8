import Foundation
import FoundryModel

/// The Kubernetes API machinery's write semantics, written once over `StoreTransaction`: create,
/// compare-and-swap update, the status subresource, generation, finalizers and cascading delete.
/// Pure logic: time and identifiers come from outside, and the transaction does all the I/O.
struct StoreEngine {
    var now: Date
    var makeUID: () -> String
    var makeNameSuffix: () -> String

    private var timestamp: Timestamp {
        // Whole seconds, as Kubernetes stores them, so every backend returns equal objects.
        Timestamp(Date(timeIntervalSince1970: self.now.timeIntervalSince1970.rounded(.down)))
    }

    // MARK: create

    func create<T: StoreTransaction>(_ input: StoredObject, in transaction: inout T) throws(StoreError) -> StoredObject
    {
        var object = input
        try Self.checkType(object)
        if object.metadata.name.isEmpty, let prefix = object.metadata.generateName, !prefix.isEmpty {
            object.metadata.name = prefix + self.makeNameSuffix()
        }
        try Self.checkNames(object)
        let key = object.key
        if let version = object.metadata.resourceVersion, !version.isEmpty {
            throw .invalid(key, field: "metadata.resourceVersion", "must not be set on create (got \"\(version)\")")
        }
        try Self.checkOwnerReferences(object, key: key)
        if try transaction.object(key) != nil {
            throw .alreadyExists(key)
        }
        object.metadata.namespace = key.namespace
        object.metadata.uid = self.makeUID()
        object.metadata.creationTimestamp = self.timestamp
        object.metadata.generation = 1
        object.metadata.deletionTimestamp = nil
        object.metadata.deletionGracePeriodSeconds = nil
        object.content["status"] = nil
        object.content = try Self.normalizedContent(object.content, kind: key.kind, key: key)
        object.metadata = Self.normalizedMetadata(object.metadata)
        object.metadata.resourceVersion = String(try transaction.nextResourceVersion())
        try transaction.record(WatchEvent(type: .added, object: object))
        return object
    }

    // MARK: update

    func update<T: StoreTransaction>(_ input: StoredObject, in transaction: inout T) throws(StoreError) -> StoredObject
    {
        try Self.checkType(input)
        try Self.checkNames(input)
        let key = input.key
        let current = try Self.current(key, matching: input, in: transaction)
        try Self.checkOwnerReferences(input, key: key)
        var next = current
        next.apiVersion = input.apiVersion
        next.content = try Self.normalizedContent(input.content, kind: key.kind, key: key)
        next.content["status"] = current.content["status"]
        try Self.checkImmutable(current: current, next: next, key: key)
        next.metadata.labels = input.metadata.labels
        next.metadata.annotations = input.metadata.annotations
        next.metadata.finalizers = input.metadata.finalizers
        next.metadata.ownerReferences = input.metadata.ownerReferences
        next.metadata = Self.normalizedMetadata(next.metadata)
        if current.metadata.deletionTimestamp != nil {
            let added = Set(next.metadata.finalizers ?? []).subtracting(current.metadata.finalizers ?? [])
            if let finalizer = added.sorted().first {
                throw .invalid(
                    key, field: "metadata.finalizers",
                    "cannot add finalizer \"\(finalizer)\": the object is being deleted")
            }
        }
        if next.specContent != current.specContent {
            next.metadata.generation = (current.metadata.generation ?? 0) + 1
        }
        return try self.commit(from: current, to: next, in: &transaction)
    }

    func updateStatus<T: StoreTransaction>(
        _ input: StoredObject,
        in transaction: inout T
    ) throws(StoreError) -> StoredObject {
        try Self.checkType(input)
        let key = input.key
        let current = try Self.current(key, matching: input, in: transaction)
        var next = current
        next.content["status"] = input.content["status"]
        return try self.commit(from: current, to: next, in: &transaction)
    }

    /// Writes `next` unless it equals `current` (a no-op keeps its version, as in Kubernetes),
    /// removing it instead when deletion was asked and the last finalizer is gone.
    private func commit<T: StoreTransaction>(
        from current: StoredObject,
        to next: StoredObject,
        in transaction: inout T
    ) throws(StoreError) -> StoredObject {
        if next == current {
            return current
        }
        if next.metadata.deletionTimestamp != nil, (next.metadata.finalizers ?? []).isEmpty {
            return try self.remove(next, in: &transaction)
        }
        var written = next
        written.metadata.resourceVersion = String(try transaction.nextResourceVersion())
        try transaction.record(WatchEvent(type: .modified, object: written))
        return written
    }

    // MARK: delete

    func delete<T: StoreTransaction>(
        _ key: ObjectKey,
        preconditions: DeletePreconditions,
        in transaction: inout T
    ) throws(StoreError) -> DeleteResult {
        guard let current = try transaction.object(key) else {
            throw .notFound(key)
        }
        if let uid = preconditions.uid, uid != current.metadata.uid {
            throw .conflict(key, "uid precondition failed (want \(uid), have \(current.metadata.uid ?? "none"))")
        }
        if let version = preconditions.resourceVersion, version != current.resourceVersion {
            throw .conflict(
                key, "resourceVersion precondition failed (want \(version), have \(current.resourceVersion))")
        }
        var visited: Set<String> = []
        return try self.delete(current, visited: &visited, in: &transaction)
    }

    private func delete<T: StoreTransaction>(
        _ current: StoredObject,
        visited: inout Set<String>,
        in transaction: inout T
    ) throws(StoreError) -> DeleteResult {
        if let uid = current.metadata.uid {
            visited.insert(uid)
        }
        guard (current.metadata.finalizers ?? []).isEmpty else {
            if current.metadata.deletionTimestamp != nil {
                return .pending(current)
            }
            var next = current
            next.metadata.deletionTimestamp = self.timestamp
            next.metadata.deletionGracePeriodSeconds = 0
            next.metadata.generation = (current.metadata.generation ?? 0) + 1
            next.metadata.resourceVersion = String(try transaction.nextResourceVersion())
            try transaction.record(WatchEvent(type: .modified, object: next))
            return .pending(next)
        }
        return .deleted(try self.remove(current, visited: &visited, in: &transaction))
    }

    private func remove<T: StoreTransaction>(
        _ object: StoredObject,
        in transaction: inout T
    ) throws(StoreError) -> StoredObject {
        var visited: Set<String> = []
        return try self.remove(object, visited: &visited, in: &transaction)
    }

    private func remove<T: StoreTransaction>(
        _ object: StoredObject,
        visited: inout Set<String>,
        in transaction: inout T
    ) throws(StoreError) -> StoredObject {
        var removed = object
        removed.metadata.resourceVersion = String(try transaction.nextResourceVersion())
        try transaction.record(WatchEvent(type: .deleted, object: removed))
        if let uid = object.metadata.uid {
            visited.insert(uid)
            try self.collectDependents(of: uid, visited: &visited, in: &transaction)
        }
        return removed
    }

    /// Deletes the objects whose owners are all gone now, as Kubernetes' garbage collector does
    /// in the background; here it happens in the same transaction.
    private func collectDependents<T: StoreTransaction>(
        of uid: String,
        visited: inout Set<String>,
        in transaction: inout T
    ) throws(StoreError) {
        for dependentKey in try transaction.dependents(ofOwner: uid).sorted() {
            guard let dependent = try transaction.object(dependentKey),
                let dependentUID = dependent.metadata.uid, !visited.contains(dependentUID)
            else {
                continue
            }
            var ownerAlive = false
            for owner in dependent.metadata.ownerReferences ?? [] where owner.uid != uid {
                if try transaction.containsObject(uid: owner.uid) {
                    ownerAlive = true
                }
            }
            if !ownerAlive {
                _ = try self.delete(dependent, visited: &visited, in: &transaction)
            }
        }
    }

    // MARK: checks

    private static func current<T: StoreTransaction>(
        _ key: ObjectKey,
        matching input: StoredObject,
        in transaction: T
    ) throws(StoreError) -> StoredObject {
        guard let current = try transaction.object(key) else {
            throw .notFound(key)
        }
        guard let text = input.metadata.resourceVersion, !text.isEmpty else {
            throw .invalid(
                key, field: "metadata.resourceVersion",
                "required: updates are compare-and-swap; get the object and change that copy")
        }
        guard let version = Int64(text) else {
            throw .invalid(key, field: "metadata.resourceVersion", "\"\(text)\" is not a resourceVersion")
        }
        if let uid = input.metadata.uid, !uid.isEmpty, uid != current.metadata.uid {
            throw .conflict(key, "uid \(uid) does not match (the object was deleted and created again)")
        }
        if version != current.resourceVersion {
            throw .conflict(key, "resourceVersion \(version) is stale (now \(current.resourceVersion))")
        }
        return current
    }

    static func checkType(_ object: StoredObject) throws(StoreError) {
        if object.apiVersion.isEmpty {
            throw .invalid(nil, field: "apiVersion", "required")
        }
        if object.kind.isEmpty {
            throw .invalid(nil, field: "kind", "required")
        }
    }

    private static func checkNames(_ object: StoredObject) throws(StoreError) {
        if let problem = Self.pathSegmentProblem(object.metadata.name) {
            throw .invalid(nil, field: "metadata.name", "\(problem) (got \"\(object.metadata.name)\")")
        }
        let namespace = object.metadata.effectiveNamespace
        if let problem = Self.pathSegmentProblem(namespace) {
            throw .invalid(nil, field: "metadata.namespace", "\(problem) (got \"\(namespace)\")")
        }
    }

    /// The store's own rule for names, which key objects; the model validates the finer rules.
    private static func pathSegmentProblem(_ name: String) -> String? {
        if name.isEmpty {
            return "required"
        }
        if name.utf8.count > 253 {
            return "longer than 253 characters"
        }
        if name == "." || name == ".." || name.contains("/") || name.contains("%") {
            return "may not be \".\" or \"..\" or contain \"/\" or \"%\""
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "may not contain control characters"
        }
        return nil
    }

    private static func checkOwnerReferences(_ object: StoredObject, key: ObjectKey) throws(StoreError) {
        for (index, owner) in (object.metadata.ownerReferences ?? []).enumerated() {
            let field = "metadata.ownerReferences[\(index)]"
            if owner.uid.isEmpty {
                throw .invalid(key, field: "\(field).uid", "required")
            }
            if owner.name.isEmpty {
                throw .invalid(key, field: "\(field).name", "required")
            }
            if owner.kind.isEmpty {
                throw .invalid(key, field: "\(field).kind", "required")
            }
            if owner.uid == object.metadata.uid {
                throw .invalid(key, field: "\(field).uid", "an object cannot own itself")
            }
        }
    }

    private static func checkImmutable(current: StoredObject, next: StoredObject, key: ObjectKey) throws(StoreError) {
        guard current.content["immutable"] == .bool(true) else {
            return
        }
        for field in ["data", "immutable"] where current.content[field] != next.content[field] {
            throw .invalid(key, field: field, "cannot change: the object is immutable")
        }
    }

    /// Empty lists and maps in metadata mean the same as absent ones; store one form.
    private static func normalizedMetadata(_ metadata: ObjectMeta) -> ObjectMeta {
        var metadata = metadata
        if metadata.labels?.isEmpty == true { metadata.labels = nil }
        if metadata.annotations?.isEmpty == true { metadata.annotations = nil }
        if metadata.finalizers?.isEmpty == true { metadata.finalizers = nil }
        if metadata.ownerReferences?.isEmpty == true { metadata.ownerReferences = nil }
        if metadata.generateName?.isEmpty == true { metadata.generateName = nil }
        return metadata
    }

    /// A Secret's `stringData` is written into `data` (base64) and never stored, as Kubernetes does.
    private static func normalizedContent(
        _ content: [String: JSONValue],
        kind: GroupKind,
        key: ObjectKey
    ) throws(StoreError) -> [String: JSONValue] {
        guard kind == .secret else {
            return content
        }
        var content = content
        var data = JSONObject()
        switch content["data"] {
        case .none, .null: break
        case .object(let fields): data = fields
        case .some: throw .invalid(key, field: "data", "must be a map of base64 strings")
        }
        for member in data.members {
            guard case .string(let text) = member.value, Data(base64Encoded: text) != nil else {
                throw .invalid(key, field: "data.\(member.key)", "not a base64 string")
            }
        }
        switch content["stringData"] {
        case .none, .null: break
        case .object(let fields):
            for member in fields.members {
                guard case .string(let text) = member.value else {
                    throw .invalid(key, field: "stringData.\(member.key)", "must be a string")
                }
                data[member.key] = .string(Data(text.utf8).base64EncodedString())
            }
        case .some: throw .invalid(key, field: "stringData", "must be a map of strings")
        }
        content["stringData"] = nil
        content["data"] = data.isEmpty ? nil : .object(data)
        return content
    }
}
