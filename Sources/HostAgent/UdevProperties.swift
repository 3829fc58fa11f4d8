import Foundation

/// A record of udev's database (`/run/udev/data/b<major>:<minor>`): `E:KEY=VALUE` property lines,
/// `S:` symlinks and others the agent ignores.
public struct UdevProperties: Sendable, Hashable {
    public var properties: [String: String]

    public init(parsing text: String) {
        var properties: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("E:") {
            let body = line.dropFirst(2)
            guard let equals = body.firstIndex(of: "=") else {
                continue
            }
            let value = body[body.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if !value.isEmpty {
                properties[String(body[..<equals])] = value
            }
        }
        self.properties = properties
    }

    public subscript(key: String) -> String? {
        self.properties[key]
    }
}
