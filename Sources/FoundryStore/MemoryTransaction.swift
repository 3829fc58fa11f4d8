/// A transaction over `MemoryState` that records its changes beside the state, so that a failed
/// operation leaves the state untouched and a successful one costs no copy of it.
struct MemoryTransaction: StoreTransaction {
    private let base: MemoryState
    private var version: Int64
    private var changed: [ObjectKey: StoredObject?] = [:]
    private var addedUIDs: Set<String> = []
    private var removedUIDs: Set<String> = []
    private(set) var events: [WatchEvent] = []

    init(base: MemoryState) {
        self.base = base
        self.version = base.version
    }

    func object(_ key: ObjectKey) -> StoredObject? {
        if let change = self.changed[key] {
            return change
        }
        return self.base.objects[key]
    }

    func dependents(ofOwner uid: String) -> [ObjectKey] {
        var keys = self.base.dependentsByOwner[uid] ?? []
        for (key, object) in self.changed {
            if let object, object.metadata.ownerReferences?.contains(where: { $0.uid == uid }) == true {
                keys.insert(key)
            } else {
                keys.remove(key)
            }
        }
        return Array(keys)
    }

    func containsObject(uid: String) -> Bool {
        if self.addedUIDs.contains(uid) {
            return true
        }
        if self.removedUIDs.contains(uid) {
            return false
        }
        return self.base.keysByUID[uid] != nil
    }

    mutating func nextResourceVersion() -> Int64 {
        self.version += 1
        return self.version
    }

    mutating func record(_ event: WatchEvent) {
        let uid = event.object.metadata.uid ?? ""
        switch event.type {
        case .added, .modified:
            self.changed[event.object.key] = .some(event.object)
            self.addedUIDs.insert(uid)
            self.removedUIDs.remove(uid)
        case .deleted:
            self.changed[event.object.key] = .some(nil)
            self.removedUIDs.insert(uid)
            self.addedUIDs.remove(uid)
        }
        self.events.append(event)
    }
}
