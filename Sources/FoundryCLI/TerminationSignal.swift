import Dispatch
import Foundation

/// Waits for SIGINT or SIGTERM, so a long-running command can stop cleanly.
enum TerminationSignal {
    /// Returns when one of the signals arrives (or after `timeout`, when given).
    static func wait(timeout: Duration? = nil) async -> Int32? {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        defer {
            for source in sources {
                source.cancel()
            }
        }
        if let timeout {
            let timer = Task {
                try? await Task.sleep(for: timeout)
                continuation.finish()
            }
            defer { timer.cancel() }
            for await number in stream {
                return number
            }
            return nil
        }
        for await number in stream {
            return number
        }
        return nil
    }
}
