/// Decodes `Decodable` values from a `JSONValue`. Types must match exactly (a string is not a
/// number); the manifest decoder checks documents against their schema first, so a mismatch here
/// means a Swift type and its schema disagree.
public struct JSONValueDecoder: Sendable {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try TreeDecoder(value: value, path: .root).decodeValue(type)
    }
}

/// Where a value sits, as a chain to its parent: turned into an array only when asked (for errors,
/// mostly), because copying the array for every nested value cost more than decoding the value.
private indirect enum CodingPathChain {
    case root
    case child(any CodingKey, parent: CodingPathChain)

    var keys: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node = self
        while case .child(let key, let parent) = node {
            keys.append(key)
            node = parent
        }
        return keys.reversed()
    }
}

private struct TreeDecoder: Decoder {
    let value: JSONValue
    /// The path is kept as parent and key, and chained only when asked: a value decoded straight
    /// (a string, a number) then costs no allocation for its path.
    let parent: CodingPathChain
    let key: (any CodingKey)?
    var path: CodingPathChain { self.key.map { .child($0, parent: self.parent) } ?? self.parent }
    var codingPath: [any CodingKey] { self.path.keys }

    init(value: JSONValue, path: CodingPathChain) {
        self.value = value
        self.parent = path
        self.key = nil
    }

    init(value: JSONValue, parent: CodingPathChain, key: any CodingKey) {
        self.value = value
        self.parent = parent
        self.key = key
    }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = self.value else {
            throw self.mismatch(expected: "object")
        }
        return KeyedDecodingContainer(TreeKeyedDecodingContainer<Key>(object: object, path: self.path))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = self.value else {
            throw self.mismatch(expected: "array")
        }
        return TreeUnkeyedDecodingContainer(items: items, path: self.path)
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
        guard Self.isPrimitive(type) else {
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
        case is [String: String].Type:
            primitive = try self.stringMap()
        case is [String].Type:
            primitive = try self.stringList()
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

    /// Pointer comparisons: hashing the metatype for a set lookup cost more, once per value.
    private static func isPrimitive(_ type: Any.Type) -> Bool {
        type == String.self || type == Bool.self || type == Int.self || type == Int64.self || type == Int32.self
            || type == Double.self || type == JSONValue.self || type == [String: String].self
            || type == [String].self
    }

    /// Lists of strings (finalizers, CPU flags) without an unkeyed container and a cast per item.
    private func stringList() throws -> [String] {
        guard case .array(let items) = self.value else {
            throw self.mismatch(expected: "array")
        }
        var list: [String] = []
        list.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                throw TreeDecoder(value: item, parent: self.path, key: IndexKey(intValue: index))
                    .mismatch(expected: "string")
            }
            list.append(text)
        }
        return list
    }

    /// Labels and annotations without `Dictionary`'s generic decoding through a keyed container
    /// (a sixth of the time of decoding a host). The first of duplicate keys wins, as there.
    private func stringMap() throws -> [String: String] {
        guard case .object(let object) = self.value else {
            throw self.mismatch(expected: "object")
        }
        var map = [String: String](minimumCapacity: object.count)
        for member in object.members.reversed() {
            guard case .string(let text) = member.value else {
                throw TreeDecoder(value: member.value, parent: self.path, key: IndexKey(stringValue: member.key))
                    .mismatch(expected: "string")
            }
            map[member.key] = text
        }
        return map
    }

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
    let object: JSONObject
    /// Only for large objects (maps such as labels): a short one is searched faster than hashed.
    let index: [String: JSONValue]?
    let path: CodingPathChain
    var codingPath: [any CodingKey] { self.path.keys }

    init(object: JSONObject, path: CodingPathChain) {
        self.object = object
        self.index = object.count > 16 ? object.dictionary() : nil
        self.path = path
    }

    func member(_ key: String) -> JSONValue? {
        if let index = self.index {
            return index[key]
        }
        return self.object[key]
    }

    var allKeys: [Key] {
        self.object.members.compactMap { Key(stringValue: $0.key) }
    }

    func contains(_ key: Key) -> Bool {
        self.member(key.stringValue) != nil
    }

    func child(_ key: Key) throws -> TreeDecoder {
        guard let value = self.member(key.stringValue) else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(codingPath: self.codingPath, debugDescription: "required field missing"))
        }
        return TreeDecoder(value: value, parent: self.path, key: key)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        self.member(key.stringValue)?.isNull ?? true
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
        guard let value = self.member(key.stringValue), !value.isNull else {
            return nil
        }
        guard case .string(let text) = value else {
            throw TreeDecoder(value: value, path: .child(key, parent: self.path)).mismatch(expected: "string")
        }
        return text
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let value = self.member(key.stringValue), !value.isNull else {
            return nil
        }
        guard case .bool(let flag) = value else {
            throw TreeDecoder(value: value, path: .child(key, parent: self.path)).mismatch(expected: "boolean")
        }
        return flag
    }

    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        guard let value = self.member(key.stringValue), !value.isNull else {
            return nil
        }
        return try TreeDecoder(value: value, parent: self.path, key: key).integer(bits: 64)
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let value = self.member(key.stringValue), !value.isNull else {
            return nil
        }
        return Int(try TreeDecoder(value: value, parent: self.path, key: key).integer(bits: Int.bitWidth))
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = self.member(key.stringValue), !value.isNull else {
            return nil
        }
        return try TreeDecoder(value: value, parent: self.path, key: key).decodeValue(type)
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
        TreeDecoder(value: self.member("super") ?? .null, path: self.path)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try self.child(key)
    }
}

private struct TreeUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let path: CodingPathChain
    var codingPath: [any CodingKey] { self.path.keys }
    var currentIndex = 0

    init(items: [JSONValue], path: CodingPathChain) {
        self.items = items
        self.path = path
    }

    var count: Int? { self.items.count }
    var isAtEnd: Bool { self.currentIndex >= self.items.count }

    mutating func next() throws -> TreeDecoder {
        let key = IndexKey(intValue: self.currentIndex)
        guard !self.isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self,
                DecodingError.Context(
                    codingPath: CodingPathChain.child(key, parent: self.path).keys,
                    debugDescription: "array has no more items"))
        }
        defer { self.currentIndex += 1 }
        return TreeDecoder(value: self.items[self.currentIndex], parent: self.path, key: key)
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
