import FoundryModel

/// Which host a work item, an agent session or a BMC connection belongs to: `namespace/name`.
public struct HostKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var namespace: String
    public var name: String

    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    public init(_ host: BareMetalHost) {
        self.init(namespace: host.metadata.effectiveNamespace, name: host.metadata.name)
    }

    public init(_ metadata: ObjectMeta) {
        self.init(namespace: metadata.effectiveNamespace, name: metadata.name)
    }

    public var description: String {
        "\(self.namespace)/\(self.name)"
    }

    public static func < (lhs: HostKey, rhs: HostKey) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }
}
