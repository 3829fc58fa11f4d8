/// A path to a field inside a resource, printed as Kubernetes does: `spec.bmc.address`,
/// `spec.raid.hardwareRAIDVolumes[0].level`, `metadata.labels["example.com/rack"]`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public enum Step: Sendable, Hashable {
        case field(String)
        case index(Int)
        case key(String)
    }

    public private(set) var steps: [Step]

    public init(_ steps: [Step] = []) {
        self.steps = steps
    }

    /// Parses a dotted path (`spec.bmc.address`); used for literals in code.
    public init(stringLiteral value: String) {
        self.steps = value.split(separator: ".").map { .field(String($0)) }
    }

    public func child(_ name: String) -> FieldPath {
        FieldPath(self.steps + [.field(name)])
    }

    public func index(_ index: Int) -> FieldPath {
        FieldPath(self.steps + [.index(index)])
    }

    /// A key of a map field (labels, annotations, Secret data).
    public func key(_ key: String) -> FieldPath {
        FieldPath(self.steps + [.key(key)])
    }

    public var isEmpty: Bool { self.steps.isEmpty }

    /// The path one step up (empty stays empty).
    public var parent: FieldPath {
        FieldPath(Array(self.steps.dropLast()))
    }

    /// The path with map keys and fields alike, for matching paths from the YAML reader (which
    /// cannot tell a map key from a field) against paths from the checks.
    var lineKey: String {
        self.steps.map { step in
            switch step {
            case .field(let name), .key(let name): name
            case .index(let index): "[\(index)]"
            }
        }.joined(separator: "\u{1F}")
    }

    public var description: String {
        var text = ""
        for step in self.steps {
            switch step {
            case .field(let name):
                text += text.isEmpty ? name : ".\(name)"
            case .index(let index):
                text += "[\(index)]"
            case .key(let key):
                text += "[\"\(key)\"]"
            }
        }
        return text
    }
}

/// One problem with one field: the unit every validation reports in.
public struct FieldProblem: Sendable, Hashable, CustomStringConvertible {
    public var path: FieldPath
    public var message: String

    public init(_ path: FieldPath, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String {
        self.path.isEmpty ? self.message : "\(self.path): \(self.message)"
    }
}
