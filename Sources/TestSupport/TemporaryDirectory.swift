import Foundation

/// A fresh directory under the system temp folder, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public init(prefix: String = "foundry-test") throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        self.url = url
    }

    public var path: String { self.url.path }

    public func file(_ name: String) -> URL {
        self.url.appendingPathComponent(name)
    }

    public func remove() {
        try? FileManager.default.removeItem(at: self.url)
    }
}
