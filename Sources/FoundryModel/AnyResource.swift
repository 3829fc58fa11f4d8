import Foundation

/// A resource of any kind Foundry serves: what a manifest document decodes into.
public enum AnyResource: Sendable, Equatable {
    case bareMetalHost(BareMetalHost)
    case secret(Secret)
    case event(Event)
    case cluster(Cluster)
    case machineDeployment(MachineDeployment)
    case machine(Machine)

    /// The wrapped value.
    public var resource: any Resource {
        switch self {
        case .bareMetalHost(let value): value
        case .secret(let value): value
        case .event(let value): value
        case .cluster(let value): value
        case .machineDeployment(let value): value
        case .machine(let value): value
        }
    }

    public var kind: ResourceKind {
        type(of: self.resource).resourceKind
    }

    public var metadata: ObjectMeta {
        get { self.resource.metadata }
        set {
            switch self {
            case .bareMetalHost(var value):
                value.metadata = newValue
                self = .bareMetalHost(value)
            case .secret(var value):
                value.metadata = newValue
                self = .secret(value)
            case .event(var value):
                value.metadata = newValue
                self = .event(value)
            case .cluster(var value):
                value.metadata = newValue
                self = .cluster(value)
            case .machineDeployment(var value):
                value.metadata = newValue
                self = .machineDeployment(value)
            case .machine(var value):
                value.metadata = newValue
                self = .machine(value)
            }
        }
    }

    public var name: String { self.metadata.name }
    public var namespace: String { self.metadata.effectiveNamespace }

    /// `BareMetalHost default/worker-0`, for messages.
    public var displayName: String {
        "\(self.kind.kind) \(self.namespace)/\(self.name)"
    }

    /// Semantic validation (see `Resource.validate()`).
    public func validate() -> [FieldProblem] {
        self.resource.validate()
    }

    /// The resource as a document tree (apiVersion, kind, metadata, then the rest).
    public func encoded() throws -> JSONValue {
        try JSONValueEncoder().encode(self.resource)
    }

    /// Decodes a tree known to hold `kind` without strict checks: for trees Foundry wrote
    /// itself (the store). Manifests from users go through `ManifestDecoder`.
    public static func decode(_ value: JSONValue, as kind: ResourceKind) throws -> AnyResource {
        let decoder = JSONValueDecoder()
        switch kind {
        case .bareMetalHost: return .bareMetalHost(try decoder.decode(BareMetalHost.self, from: value))
        case .secret: return .secret(try decoder.decode(Secret.self, from: value))
        case .event: return .event(try decoder.decode(Event.self, from: value))
        case .cluster: return .cluster(try decoder.decode(Cluster.self, from: value))
        case .machineDeployment: return .machineDeployment(try decoder.decode(MachineDeployment.self, from: value))
        case .machine: return .machine(try decoder.decode(Machine.self, from: value))
        default: throw UnknownKindError(kind: kind.kind)
        }
    }

    /// Decodes a tree Foundry wrote itself, finding the kind from `apiVersion` and `kind`.
    public static func decode(_ value: JSONValue) throws -> AnyResource {
        let apiVersion = value["apiVersion"]?.stringValue ?? ""
        let kindName = value["kind"]?.stringValue ?? ""
        guard let kind = ResourceKinds.lookup(apiVersion: apiVersion, kind: kindName) else {
            throw UnknownKindError(kind: "\(apiVersion) \(kindName)")
        }
        return try self.decode(value, as: kind)
    }

    /// Compact JSON, as a store keeps it.
    public func jsonString() throws -> String {
        JSONWriter.write(try self.encoded(), pretty: false)
    }

    /// Decodes JSON Foundry wrote itself (`jsonString()`), with Foundation's fast JSON reader and
    /// no strict checks. Manifests from users go through `ManifestDecoder`.
    public static func decode(json: Data) throws -> AnyResource {
        let decoder = JSONDecoder()
        let typeMeta = try decoder.decode(TypeMeta.self, from: json)
        switch ResourceKinds.lookup(apiVersion: typeMeta.apiVersion, kind: typeMeta.kind) {
        case .bareMetalHost: return .bareMetalHost(try decoder.decode(BareMetalHost.self, from: json))
        case .secret: return .secret(try decoder.decode(Secret.self, from: json))
        case .event: return .event(try decoder.decode(Event.self, from: json))
        case .cluster: return .cluster(try decoder.decode(Cluster.self, from: json))
        case .machineDeployment: return .machineDeployment(try decoder.decode(MachineDeployment.self, from: json))
        case .machine: return .machine(try decoder.decode(Machine.self, from: json))
        default: throw UnknownKindError(kind: "\(typeMeta.apiVersion) \(typeMeta.kind)")
        }
    }

    /// The same resource with `status` taken from `other` (the status subresource: a status
    /// write never changes spec or metadata).
    public func replacingStatus(with other: AnyResource) throws -> AnyResource {
        guard case .object(var mine) = try self.encoded(), case .object(let theirs) = try other.encoded() else {
            return self
        }
        mine["status"] = theirs["status"]
        return try Self.decode(.object(mine), as: self.kind)
    }

    /// Whether the two differ only in metadata and status, i.e. the spec (everything else) is
    /// the same: Kubernetes bumps `generation` only when this is false.
    public func hasSameSpec(as other: AnyResource) throws -> Bool {
        guard self.kind == other.kind, case .object(var mine) = try self.encoded(),
            case .object(var theirs) = try other.encoded()
        else {
            return false
        }
        for key in ["metadata", "status"] {
            mine[key] = nil
            theirs[key] = nil
        }
        return JSONValue.object(mine).removingNullMembers() == JSONValue.object(theirs).removingNullMembers()
    }
}

public struct UnknownKindError: Error, Sendable, CustomStringConvertible {
    public var kind: String
    public var description: String { "unknown kind \(self.kind)" }
}
