import FoundryModel

/// A kind qualified by its API group (`BareMetalHost.metal3.io`; core kinds such as `Secret` have
/// the empty group), the identity the store files objects under. The version is not part of it,
/// as in Kubernetes: one stored object answers every version of its kind.
public struct GroupKind: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var group: String
    public var kind: String

    public init(group: String, kind: String) {
        self.group = group
        self.kind = kind
    }

    /// The group of `apiVersion` (`metal3.io/v1alpha1` -> `metal3.io`, `v1` -> core).
    public init(apiVersion: String, kind: String) {
        let group = apiVersion.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        self.init(group: group.count == 2 ? String(group[0]) : "", kind: kind)
    }

    public init(_ typeMeta: TypeMeta) {
        self.init(apiVersion: typeMeta.apiVersion, kind: typeMeta.kind)
    }

    public init<R: Resource>(_ type: R.Type) {
        self.init(R.typeMeta)
    }

    public init(_ kind: ResourceKind) {
        self.init(group: kind.group, kind: kind.kind)
    }

    /// `kind.group` in lower case, as kubectl names objects (`baremetalhost.metal3.io`, `secret`).
    public var qualifiedName: String {
        let kind = self.kind.lowercased()
        return self.group.isEmpty ? kind : "\(kind).\(self.group)"
    }

    public var description: String { self.qualifiedName }

    public static func < (lhs: GroupKind, rhs: GroupKind) -> Bool {
        (lhs.group, lhs.kind) < (rhs.group, rhs.kind)
    }

    public static let secret = GroupKind(Secret.self)
}

/// Where one object lives: its kind, namespace and name.
public struct ObjectKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var kind: GroupKind
    public var namespace: String
    public var name: String

    public init(kind: GroupKind, namespace: String, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    public init<R: Resource>(_ type: R.Type, namespace: String = ObjectMeta.defaultNamespace, name: String) {
        self.init(kind: GroupKind(type), namespace: namespace, name: name)
    }

    /// `baremetalhost.metal3.io "default/host-0"`, the form error messages use.
    public var description: String {
        "\(self.kind.qualifiedName) \"\(self.namespace)/\(self.name)\""
    }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.kind, lhs.namespace, lhs.name) < (rhs.kind, rhs.namespace, rhs.name)
    }
}
