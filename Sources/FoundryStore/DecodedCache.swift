import FoundryModel
import Synchronization

/// The last whole list of each kind, decoded, with the resourceVersion of every object, as an
/// informer keeps it: a list the operator repeats every few seconds decodes only the objects that
/// changed. An object is reused only at the resourceVersion it was decoded at, so writes by other
/// processes are seen like our own.
final class DecodedCache: Sendable {
    struct Snapshot: Sendable {
        /// In list order (by key), as `versions` and `items`.
        var keys: [ObjectKey]
        var versions: [Int64]
        /// `[R]` for the kind's type.
        var items: any Sendable
    }

    private let kinds = Mutex<[GroupKind: Snapshot]>([:])

    func snapshot(_ kind: GroupKind) -> Snapshot? {
        self.kinds.withLock { $0[kind] }
    }

    func store(_ kind: GroupKind, _ snapshot: Snapshot) {
        self.kinds.withLock { $0[kind] = snapshot }
    }

    /// For each row, the index in `snapshot` of the same object at the same version, found by
    /// walking both in key order (no hashing: most keys are equal, which compares fast).
    static func reusable(_ rows: [StoredRow], in snapshot: Snapshot?) -> [Int?] {
        guard let snapshot else {
            return Array(repeating: nil, count: rows.count)
        }
        var result: [Int?] = []
        result.reserveCapacity(rows.count)
        var index = 0
        for row in rows {
            while index < snapshot.keys.count && snapshot.keys[index] < row.key {
                index += 1
            }
            let same = index < snapshot.keys.count && snapshot.keys[index] == row.key
            result.append(same && snapshot.versions[index] == row.resourceVersion ? index : nil)
        }
        return result
    }
}
