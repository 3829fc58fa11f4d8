import Foundation

/// The open watches of one store and their positions; both backends feed it the changes in order.
struct WatcherSet {
    private struct Watcher {
        var kind: GroupKind?
        var filter: ListOptions
        /// Changes up to here were delivered (or predate the watch).
        var position: Int64
        var continuation: WatchStream.Continuation
    }

    private var watchers: [UInt64: Watcher] = [:]
    private var nextID: UInt64 = 0
    let bufferLimit: Int

    init(bufferLimit: Int) {
        self.bufferLimit = bufferLimit
    }

    var isEmpty: Bool { self.watchers.isEmpty }

    /// The oldest position any watch is at.
    var lowestPosition: Int64? {
        self.watchers.values.map(\.position).min()
    }

    /// Opens a watch whose stream yields changes after `position`; `stop` is called with the id
    /// when the consumer goes away.
    mutating func add(
        kind: GroupKind?,
        filter: ListOptions,
        position: Int64,
        stop: @escaping @Sendable (UInt64) -> Void
    ) -> (UInt64, WatchStream) {
        let id = self.nextID
        self.nextID += 1
        let (stream, continuation) = WatchStream.makeStream(bufferingPolicy: .bufferingOldest(self.bufferLimit))
        continuation.onTermination = { _ in stop(id) }
        self.watchers[id] = Watcher(kind: kind, filter: filter, position: position, continuation: continuation)
        return (id, stream)
    }

    mutating func remove(_ id: UInt64) {
        self.watchers[id] = nil
    }

    /// Delivers the changes (in resourceVersion order) to every watch that wants them and has not
    /// seen them yet. A watch whose buffer overflows ends with `.expired`: its consumer must list again.
    mutating func deliver(_ events: [WatchEvent]) {
        guard !events.isEmpty else {
            return
        }
        for (id, watcher) in self.watchers {
            var watcher = watcher
            var overflowed = false
            for event in events where event.resourceVersion > watcher.position {
                watcher.position = event.resourceVersion
                guard watcher.kind == nil || watcher.kind == event.object.groupKind,
                    watcher.filter.matches(event.object)
                else {
                    continue
                }
                if case .dropped = watcher.continuation.yield(event) {
                    overflowed = true
                    break
                }
            }
            if overflowed {
                watcher.continuation.finish(
                    throwing: StoreError(
                        .expired,
                        "the watch fell more than \(self.bufferLimit) events behind: list again, "
                            + "then watch from the list's resourceVersion"))
                self.watchers[id] = nil
            } else {
                self.watchers[id] = watcher
            }
        }
    }

    /// Ends every watch, with `error` or normally.
    mutating func finishAll(throwing error: StoreError? = nil) {
        for watcher in self.watchers.values {
            watcher.continuation.finish(throwing: error)
        }
        self.watchers = [:]
    }
}
