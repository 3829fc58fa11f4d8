/// The in-memory backend's data: the objects with their uid and owner indexes, and the change log.
struct MemoryState {
    var objects: [ObjectKey: StoredObject] = [:]
    var keysByUID: [String: ObjectKey] = [:]
    var dependentsByOwner: [String: Set<ObjectKey>] = [:]
    var version: Int64 = 0
    /// The last changes in order; versions are consecutive, the first being `compactedThrough + 1`.
    var log: [WatchEvent] = []
    var compactedThrough: Int64 = 0

    mutating func apply(_ event: WatchEvent) {
        let object = event.object
        let key = object.key
        if let previous = self.objects[key] {
            self.unindex(previous)
        }
        switch event.type {
        case .added, .modified:
            self.objects[key] = object
            self.index(object)
        case .deleted:
            self.objects[key] = nil
        }
        self.log.append(event)
        self.version = max(self.version, event.resourceVersion)
    }

    /// Drops the oldest changes beyond `limit`, in chunks so that trimming stays cheap.
    mutating func compact(limit: Int) {
        let excess = self.log.count - limit
        guard excess > max(limit / 10, 1) else {
            return
        }
        self.compactedThrough = self.log[excess - 1].resourceVersion
        self.log.removeFirst(excess)
    }

    /// The logged changes after `version`, oldest first.
    func changes(after version: Int64) -> ArraySlice<WatchEvent> {
        guard let first = self.log.first else {
            return []
        }
        let offset = Int(max(0, version - first.resourceVersion + 1))
        return offset < self.log.count ? self.log[offset...] : []
    }

    private mutating func index(_ object: StoredObject) {
        guard let uid = object.metadata.uid else {
            return
        }
        self.keysByUID[uid] = object.key
        for owner in object.metadata.ownerReferences ?? [] {
            self.dependentsByOwner[owner.uid, default: []].insert(object.key)
        }
    }

    private mutating func unindex(_ object: StoredObject) {
        guard let uid = object.metadata.uid else {
            return
        }
        self.keysByUID[uid] = nil
        for owner in object.metadata.ownerReferences ?? [] {
            self.dependentsByOwner[owner.uid]?.remove(object.key)
            if self.dependentsByOwner[owner.uid]?.isEmpty == true {
                self.dependentsByOwner[owner.uid] = nil
            }
        }
    }
}
