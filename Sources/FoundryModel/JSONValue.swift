/// A JSON document tree with object members kept in order, the form every manifest takes between
/// the YAML or JSON text and the typed resources.
///
/// Two objects are equal when they hold the same members, whatever their order.
public enum JSONValue: Sendable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The JSON type name used in error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    public var stringValue: String? {
        if case .string(let text) = self {
            return text
        }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let object) = self {
            return object
        }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self {
            return items
        }
        return nil
    }

    public var isNull: Bool {
        if case .null = self {
            return true
        }
        return false
    }

    /// The member `key` of an object, `nil` for other values or a missing key.
    public subscript(key: String) -> JSONValue? {
        self.objectValue?[key]
    }

    /// Follows a simple JSONPath such as `.spec.bmc.address` or `.status.conditions[0].type`, as
    /// printer columns use; `nil` when any step is missing.
    public func value(atPath path: String) -> JSONValue? {
        var current: JSONValue? = self
        for step in JSONValue.pathSteps(path) {
            switch step {
            case .key(let key): current = current?[key]
            case .index(let index):
                guard let items = current?.arrayValue, items.indices.contains(index) else {
                    return nil
                }
                current = items[index]
            }
        }
        return current
    }

    enum PathStep: Equatable {
        case key(String)
        case index(Int)
    }

    static func pathSteps(_ path: String) -> [PathStep] {
        var steps: [PathStep] = []
        for part in path.split(separator: ".") {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                let name = rest[..<bracket]
                if !name.isEmpty {
                    steps.append(.key(String(name)))
                }
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    let inner = rest[rest.index(after: rest.startIndex)..<close]
                    if let index = Int(inner) {
                        steps.append(.index(index))
                    } else {
                        steps.append(.key(String(inner.trimmingCharacters(in: ["\"", "'"]))))
                    }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                steps.append(.key(String(rest)))
            }
        }
        return steps
    }

    /// Compact JSON text.
    public var description: String {
        JSONWriter.write(self, pretty: false)
    }

    /// The same value with `null` members removed from every object (Kubernetes treats a null
    /// field as absent).
    public func removingNullMembers() -> JSONValue {
        switch self {
        case .null, .bool, .int, .double, .string:
            return self
        case .array(let items):
            return .array(items.map { $0.removingNullMembers() })
        case .object(let object):
            var result = JSONObject()
            for member in object.members where !member.value.isNull {
                result.append(key: member.key, value: member.value.removingNullMembers())
            }
            return .object(result)
        }
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): Double(a) == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        default: false
        }
    }
}

/// One member of a `JSONObject`.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A JSON object that keeps its members in the order they were written.
public struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public private(set) var members: [JSONMember] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        for (key, value) in elements {
            self[key] = value
        }
    }

    public var count: Int { self.members.count }
    public var isEmpty: Bool { self.members.isEmpty }
    public var keys: [String] { self.members.map(\.key) }

    public subscript(key: String) -> JSONValue? {
        get {
            // Lengths first: most members are not the one sought, and comparing two different
            // strings of different lengths still walks the string comparison's slow path.
            let length = key.utf8.count
            for member in self.members where member.key.utf8.count == length && member.key == key {
                return member.value
            }
            return nil
        }
        set {
            if let index = self.members.firstIndex(where: { $0.key == key }) {
                if let newValue {
                    self.members[index].value = newValue
                } else {
                    self.members.remove(at: index)
                }
            } else if let newValue {
                self.members.append(JSONMember(key: key, value: newValue))
            }
        }
    }

    /// Appends without looking for an existing member; the caller knows `key` is new.
    public mutating func append(key: String, value: JSONValue) {
        self.members.append(JSONMember(key: key, value: value))
    }

    public func contains(_ key: String) -> Bool {
        self.members.contains(where: { $0.key == key })
    }

    /// Members by key, for repeated lookups in large objects.
    public func dictionary() -> [String: JSONValue] {
        Dictionary(self.members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else {
            return false
        }
        let right = rhs.dictionary()
        return lhs.members.allSatisfy { right[$0.key] == $0.value }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    public init(integerLiteral value: Int64) {
        self = .int(value)
    }

    public init(floatLiteral value: Double) {
        self = .double(value)
    }

    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }

    public init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements {
            object[key] = value
        }
        self = .object(object)
    }
}
