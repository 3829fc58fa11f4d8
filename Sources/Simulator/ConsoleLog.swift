import Foundation
import Synchronization

/// A server's serial console: lines the simulated firmware and OS print, kept in a bounded ring
/// and streamed to subscribers (IPMI Serial-over-LAN sessions).
public final class ConsoleLog: Sendable {
    private struct State {
        var lines: [String] = []
        var subscribers: [UUID: AsyncStream<String>.Continuation] = [:]
    }

    public static let maxLines = 2000
    private let state = Mutex(State())

    public init() {}

    /// Appends one line; subscribers get it with a trailing CRLF, as a serial console sends it.
    public func append(_ line: String) {
        let subscribers = self.state.withLock { state in
            state.lines.append(line)
            if state.lines.count > Self.maxLines {
                state.lines.removeFirst(state.lines.count - Self.maxLines)
            }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers {
            subscriber.yield(line + "\r\n")
        }
    }

    public var lines: [String] {
        self.state.withLock { $0.lines }
    }

    /// Text printed from now on. The stream ends when the returned stream is dropped or cancelled.
    public func subscribe() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(4096))
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
        }
        self.state.withLock { $0.subscribers[id] = continuation }
        return stream
    }
}
