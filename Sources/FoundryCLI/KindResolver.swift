import FoundryModel

/// The kind a command-line word names (`bmh`, `baremetalhosts`, `secret`, `md`, ...).
public enum KindResolver {
    public struct UnknownKind: Error, CustomStringConvertible {
        public var name: String

        public var description: String {
            let known = ResourceKinds.all.map { kind in
                ([kind.plural] + kind.shortNames).joined(separator: "/")
            }
            return "unknown resource type \"\(self.name)\" (known: \(known.joined(separator: ", ")))"
        }
    }

    public static func resolve(_ name: String) throws(UnknownKind) -> ResourceKind {
        guard let kind = ResourceKinds.lookup(name) else {
            throw UnknownKind(name: name)
        }
        return kind
    }
}
