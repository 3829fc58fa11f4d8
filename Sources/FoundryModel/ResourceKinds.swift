/// The registry of every kind Foundry serves, with lookups by the names commands accept.
public enum ResourceKinds {
    public static let all: [ResourceKind] = [
        .bareMetalHost, .secret, .event, .cluster, .machineDeployment, .machine,
    ]

    /// The kind a command-line name stands for: kind, plural, singular or short name, any case,
    /// optionally qualified by group (`baremetalhosts.metal3.io`).
    public static func lookup(_ name: String) -> ResourceKind? {
        let lowered = name.lowercased()
        return self.all.first { $0.names.contains(lowered) }
    }

    /// The kind a document's `apiVersion` and `kind` name, when served.
    public static func lookup(apiVersion: String, kind: String) -> ResourceKind? {
        self.all.first { $0.apiVersion == apiVersion && $0.kind == kind }
    }

    /// All kinds named `kind`, whatever their version (to explain a wrong apiVersion).
    public static func kinds(named kind: String) -> [ResourceKind] {
        self.all.filter { $0.kind == kind }
    }

    /// Every name `lookup` accepts, for "did you mean" suggestions and help text.
    public static var allNames: [String] {
        self.all.flatMap(\.names)
    }
}
