import FoundryModel
import Synchronization

/// Typed objects by key, with the resourceVersion each was decoded at, as an informer keeps them:
/// a list the operator repeats every few seconds decodes only the objects that changed. An entry
/// is used only when the row's resourceVersion is still the one it was decoded at, so writes by
/// other processes are seen like our own.
final class DecodedCache: Sendable {
    struct Entry: Sendable {
        var resourceVersion: Int64
        var value: any Sendable
    }

    private let kinds = Mutex<[GroupKind: [ObjectKey: Entry]]>([:])

    func entries(_ kind: GroupKind) -> [ObjectKey: Entry] {
        self.kinds.withLock { $0[kind] ?? [:] }
    }

    /// Keeps what a list just read; a list of the whole kind replaces the kind's entries, so that
    /// deleted objects do not stay.
    func store(_ kind: GroupKind, _ entries: [ObjectKey: Entry], wholeKind: Bool) {
        self.kinds.withLock { kinds in
            if wholeKind {
                kinds[kind] = entries
            } else {
                kinds[kind, default: [:]].merge(entries) { _, new in new }
            }
        }
    }
}

/// A count several decoding tasks add to.
final class Counter: Sendable {
    private let count = Atomic<Int>(0)

    func add(_ amount: Int) {
        self.count.add(amount, ordering: .relaxed)
    }

    var value: Int {
        self.count.load(ordering: .relaxed)
    }
}
