/// Decodes `Decodable` values from a `JSONValue`. Types must match exactly (a string is not a
/// number); the manifest decoder checks documents against their schema first, so a mismatch here
/// means a Swift type and its schema disagree.
public struct JSONValueDecoder: Sendable {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try TreeDecoder(value: value, codingPath: []).decodeValue(type)
    }
}

private struct TreeDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = self.value else {
            throw self.mismatch(expected: "object")
        }
        return KeyedDecodingContainer(
            TreeKeyedDecodingContainer<Key>(
                members: object.dictionary(), keys: object.keys, codingPath: self.codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = self.value else {
            throw self.mismatch(expected: "array")
        }
        return TreeUnkeyedDecodingContainer(items: items, codingPath: self.codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        TreeSingleValueDecodingContainer(decoder: self)
    }

    func mismatch(expected: String) -> DecodingError {
        DecodingError.typeMismatch(
            Any.self,
            DecodingError.Context(
                codingPath: self.codingPath,
                debugDescription: "expected \(expected), got \(self.value.typeName)"
            )
        )
    }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        // Metatype comparisons are cheap; most decoded values are structs, which skip straight on.
        guard Self.primitiveTypes.contains(ObjectIdentifier(type)) else {
            return try T(from: self)
        }
        let primitive: Any?
        switch type {
        case is String.Type:
            guard case .string(let text) = self.value else { throw self.mismatch(expected: "string") }
            primitive = text
        case is Bool.Type:
            guard case .bool(let flag) = self.value else { throw self.mismatch(expected: "boolean") }
            primitive = flag
        case is Int.Type:
            primitive = Int(try self.integer(bits: Int.bitWidth))
        case is Int64.Type:
            primitive = try self.integer(bits: 64)
        case is Int32.Type:
            primitive = Int32(try self.integer(bits: 32))
        case is Double.Type:
            switch self.value {
            case .double(let number): primitive = number
            case .int(let number): primitive = Double(number)
            default: throw self.mismatch(expected: "number")
            }
        case is JSONValue.Type:
            primitive = self.value
        default:
            primitive = nil
        }
        guard let primitive else {
            return try T(from: self)
        }
        guard let result = primitive as? T else {
            throw self.mismatch(expected: "\(T.self)")
        }
        return result
    }

    private static let primitiveTypes: Set<ObjectIdentifier> = [
        ObjectIdentifier(String.self), ObjectIdentifier(Bool.self), ObjectIdentifier(Int.self),
        ObjectIdentifier(Int64.self), ObjectIdentifier(Int32.self), ObjectIdentifier(Double.self),
        ObjectIdentifier(JSONValue.self),
    ]

    func integer(bits: Int) throws -> Int64 {
        let number: Int64
        switch self.value {
        case .int(let value):
            number = value
        case .double(let value) where value.rounded() == value && abs(value) < 9.2e18:
            number = Int64(value)
        default:
            throw self.mismatch(expected: "integer")
        }
        if bits < 64 {
            let limit = Int64(1) << (bits - 1)
            guard number >= -limit, number < limit else {
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(
                        codingPath: self.codingPath, debugDescription: "integer \(number) out of range"))
            }
        }
        return number
    }
}

private struct TreeKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let keys: [String]
    let codingPath: [any CodingKey]

    var allKeys: [Key] {
        self.keys.compactMap { Key(stringValue: $0) }
    }

    func contains(_ key: Key) -> Bool {
        self.members[key.stringValue] != nil
    }

    func child(_ key: Key) throws -> TreeDecoder {
        guard let value = self.members[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(codingPath: self.codingPath, debugDescription: "required field missing"))
        }
        return TreeDecoder(value: value, codingPath: self.codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        self.members[key.stringValue]?.isNull ?? true
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try self.child(key).decodeValue(type)
    }

    // The common primitives directly, skipping the generic path's type tests.

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        let child = try self.child(key)
        guard case .string(let text) = child.value else {
            throw child.mismatch(expected: "string")
        }
        return text
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        let child = try self.child(key)
        guard case .bool(let flag) = child.value else {
            throw child.mismatch(expected: "boolean")
        }
        return flag
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        Int(try self.child(key).integer(bits: Int.bitWidth))
    }

    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try self.child(key).integer(bits: 64)
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = self.members[key.stringValue], !value.isNull else {
            return nil
        }
        guard case .string(let text) = value else {
            throw TreeDecoder(value: value, codingPath: self.codingPath + [key]).mismatch(expected: "string")
        }
        return text
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let value = self.members[key.stringValue], !value.isNull else {
            return nil
        }
        guard case .bool(let flag) = value else {
            throw TreeDecoder(value: value, codingPath: self.codingPath + [key]).mismatch(expected: "boolean")
        }
        return flag
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = self.members[key.stringValue], !value.isNull else {
            return nil
        }
        return try TreeDecoder(value: value, codingPath: self.codingPath + [key]).decodeValue(type)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type,
        forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try self.child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try self.child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        TreeDecoder(value: self.members["super"] ?? .null, codingPath: self.codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try self.child(key)
    }
}

private struct TreeUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(items: [JSONValue], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { self.items.count }
    var isAtEnd: Bool { self.currentIndex >= self.items.count }

    mutating func next() throws -> TreeDecoder {
        let path = self.codingPath + [IndexKey(intValue: self.currentIndex)]
        guard !self.isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self, DecodingError.Context(codingPath: path, debugDescription: "array has no more items"))
        }
        defer { self.currentIndex += 1 }
        return TreeDecoder(value: self.items[self.currentIndex], codingPath: path)
    }

    mutating func decodeNil() throws -> Bool {
        guard !self.isAtEnd, self.items[self.currentIndex].isNull else {
            return false
        }
        self.currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try self.next().decodeValue(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try self.next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try self.next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        try self.next()
    }
}

private struct TreeSingleValueDecodingContainer: SingleValueDecodingContainer {
    let decoder: TreeDecoder
    var codingPath: [any CodingKey] { self.decoder.codingPath }

    func decodeNil() -> Bool {
        self.decoder.value.isNull
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try self.decoder.decodeValue(type)
    }
}
