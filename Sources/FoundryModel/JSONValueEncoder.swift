/// Encodes `Encodable` values into a `JSONValue`, keeping keys in the order the type encodes them
/// (declaration order for synthesized conformances), so YAML and JSON output reads naturally.
public struct JSONValueEncoder: Sendable {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        if let direct = TreeEncoder.primitive(value) {
            return direct
        }
        let slot = Slot()
        try value.encode(to: TreeEncoder(slot: slot, codingPath: []))
        return slot.materialize()
    }
}

/// One position in the tree being built. Containers fill their slot in place, so nested
/// containers handed out early still land in the final tree.
private final class Slot {
    enum Content {
        case empty
        case value(JSONValue)
        case object([(key: String, slot: Slot)])
        case array([Slot])
    }

    var content: Content = .empty

    func materialize() -> JSONValue {
        switch self.content {
        case .empty:
            return .null
        case .value(let value):
            return value
        case .object(let members):
            var object = JSONObject()
            for member in members {
                object.append(key: member.key, value: member.slot.materialize())
            }
            return .object(object)
        case .array(let items):
            return .array(items.map { $0.materialize() })
        }
    }

    func becomeObject() {
        if case .object = self.content {
            return
        }
        self.content = .object([])
    }

    func becomeArray() {
        if case .array = self.content {
            return
        }
        self.content = .array([])
    }

    func member(_ key: String) -> Slot {
        guard case .object(var members) = self.content else {
            preconditionFailure("keyed container on a slot holding \(self.content)")
        }
        if let existing = members.first(where: { $0.key == key }) {
            return existing.slot
        }
        let slot = Slot()
        members.append((key, slot))
        self.content = .object(members)
        return slot
    }

    func appendItem() -> Slot {
        guard case .array(var items) = self.content else {
            preconditionFailure("unkeyed container on a slot holding \(self.content)")
        }
        let slot = Slot()
        items.append(slot)
        self.content = .array(items)
        return slot
    }

    var itemCount: Int {
        if case .array(let items) = self.content {
            return items.count
        }
        return 0
    }
}

private struct TreeEncoder: Encoder {
    let slot: Slot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        self.slot.becomeObject()
        return KeyedEncodingContainer(TreeKeyedContainer<Key>(slot: self.slot, codingPath: self.codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        self.slot.becomeArray()
        return TreeUnkeyedContainer(slot: self.slot, codingPath: self.codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        TreeSingleValueContainer(slot: self.slot, codingPath: self.codingPath)
    }

    /// Encodes `value` into `slot`, short-cutting the primitive types.
    static func encode<T: Encodable>(_ value: T, into slot: Slot, codingPath: [any CodingKey]) throws {
        if let direct = self.primitive(value) {
            slot.content = .value(direct)
            return
        }
        try value.encode(to: TreeEncoder(slot: slot, codingPath: codingPath))
    }

    static func primitive<T: Encodable>(_ value: T) -> JSONValue? {
        switch value {
        case let value as String: .string(value)
        case let value as Bool: .bool(value)
        case let value as Int: .int(Int64(value))
        case let value as Int64: .int(value)
        case let value as Int32: .int(Int64(value))
        case let value as UInt8: .int(Int64(value))
        case let value as Double: .double(value)
        case let value as JSONValue: value
        case let value as [String: String]:
            // Dictionaries iterate in no fixed order; sorted keys keep output stable.
            .object(JSONObject(sortedStrings: value))
        default: nil
        }
    }
}

extension JSONObject {
    init(sortedStrings dictionary: [String: String]) {
        self.init()
        for key in dictionary.keys.sorted() {
            self.append(key: key, value: .string(dictionary[key] ?? ""))
        }
    }
}

struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

private struct TreeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {
        self.slot.member(key.stringValue).content = .value(.null)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try TreeEncoder.encode(value, into: self.slot.member(key.stringValue), codingPath: self.codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(slot: self.slot.member(key.stringValue), codingPath: self.codingPath + [key])
            .container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        TreeEncoder(slot: self.slot.member(key.stringValue), codingPath: self.codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        TreeEncoder(slot: self.slot.member("super"), codingPath: self.codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        TreeEncoder(slot: self.slot.member(key.stringValue), codingPath: self.codingPath + [key])
    }
}

private struct TreeUnkeyedContainer: UnkeyedEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    var count: Int { self.slot.itemCount }

    mutating func encodeNil() throws {
        self.slot.appendItem().content = .value(.null)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = self.codingPath + [IndexKey(intValue: self.count)]
        try TreeEncoder.encode(value, into: self.slot.appendItem(), codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    )
        -> KeyedEncodingContainer<NestedKey>
    {
        let path = self.codingPath + [IndexKey(intValue: self.count)]
        return TreeEncoder(slot: self.slot.appendItem(), codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = self.codingPath + [IndexKey(intValue: self.count)]
        return TreeEncoder(slot: self.slot.appendItem(), codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        TreeEncoder(slot: self.slot.appendItem(), codingPath: self.codingPath)
    }
}

private struct TreeSingleValueContainer: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws {
        self.slot.content = .value(.null)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try TreeEncoder.encode(value, into: self.slot, codingPath: self.codingPath)
    }
}
