import Foundation

/// A point in time encoded as RFC 3339 (`2026-11-22T02:55:42Z`), as Kubernetes and Metal3 write it,
/// whatever date strategy the surrounding encoder uses.
public struct Timestamp: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) {
        self.date = date
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "invalid RFC 3339 time \"\(text)\" (expected e.g. 2026-11-22T02:55:42Z)"
            )
        }
        self.date = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }

    public var description: String {
        // Whole seconds, as Kubernetes' metav1.Time does.
        Date(timeIntervalSince1970: self.date.timeIntervalSince1970.rounded(.down))
            .formatted(.iso8601)
    }

    public static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) {
            return date
        }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.date < rhs.date
    }
}
