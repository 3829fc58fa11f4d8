/// The few primitives a backend gives `StoreEngine`, which writes the Kubernetes semantics once
/// for every backend. A transaction sees its own writes; the backend makes all of them durable
/// together, or none.
protocol StoreTransaction {
    func object(_ key: ObjectKey) throws(StoreError) -> StoredObject?
    /// Objects whose `ownerReferences` name `uid`.
    func dependents(ofOwner uid: String) throws(StoreError) -> [ObjectKey]
    func containsObject(uid: String) throws(StoreError) -> Bool
    /// The next resourceVersion; every change takes one.
    mutating func nextResourceVersion() throws(StoreError) -> Int64
    /// Stores (`.added`, `.modified`) or removes (`.deleted`) `event.object` and appends the event
    /// to the change log that watches read.
    mutating func record(_ event: WatchEvent) throws(StoreError)
}
