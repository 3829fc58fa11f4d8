import FoundryStore
import Logging

/// List-then-watch of one kind, listing again whenever the watch ends or falls behind the store's
/// change log, until the task is cancelled.
struct StoreWatch: Sendable {
    let store: any ResourceStore
    let kind: GroupKind
    let logger: Logger

    func run(
        onList: @Sendable ([StoredObject]) async -> Void,
        onEvent: @Sendable (WatchEvent) async -> Void
    ) async {
        var delay = Duration.milliseconds(100)
        while !Task.isCancelled {
            do {
                let (list, stream) = try await self.store.listThenWatch(self.kind)
                await onList(list.items)
                delay = .milliseconds(100)
                for try await event in stream {
                    await onEvent(event)
                }
            } catch is CancellationError {
                return
            } catch {
                guard !Task.isCancelled else {
                    return
                }
                self.logger.warning(
                    "watch interrupted; listing again", metadata: ["watch.kind": "\(self.kind)", "error": "\(error)"])
            }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(5))
        }
    }
}
