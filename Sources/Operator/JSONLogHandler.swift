import Foundation
import Logging
import Synchronization

/// One JSON object per line: `{"ts":"…","level":"info","label":"…","message":"…","host.key":"…"}`.
/// Messages are constant strings; everything that varies is metadata, so that logs can be queried.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let output: Output

    /// Where lines go: standard error, or a closure (tests).
    public final class Output: Sendable {
        private let sink: @Sendable (String) -> Void
        private let lock = Mutex(())

        public init(_ sink: @escaping @Sendable (String) -> Void) {
            self.sink = sink
        }

        public static let standardError = Output { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }

        func write(_ line: String) {
            self.lock.withLock { _ in self.sink(line) }
        }
    }

    public init(label: String, output: Output = .standardError) {
        self.label = label
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: Any] = [
            "ts": Self.timestamp(Date()),
            "level": event.level.rawValue,
            "label": self.label,
            "message": event.message.description,
        ]
        let merged = self.metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged {
            fields[key] = Self.json(value)
        }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]),
            let line = String(data: data, encoding: .utf8)
        else {
            return
        }
        self.output.write(line)
    }

    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map { Self.json($0) }
        case .dictionary(let values): values.mapValues { Self.json($0) }
        }
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
