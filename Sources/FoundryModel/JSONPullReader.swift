import Foundation

/// Reads the store's own JSON straight into typed values, with no tree in between and none of
/// Codable's generic containers, which cost a list of 10,000 hosts most of its time.
///
/// It is stricter than Codable on purpose: an unknown key, keys out of the sorted order the store
/// writes (which also rules out a repeated key), a string with an escape in a key, a number where
/// it expects another kind of number: each throws, and the caller decodes the same bytes the
/// Codable way instead, which gives the same value or names what is wrong. So whenever it
/// returns a value, that value is the one Codable would give.
public struct JSONPullReader {
    public struct Mismatch: Error {
        public var offset: Int
    }

    var scanner: JSONBytesReader

    /// A whole document as `T`; nothing but white space may follow it.
    public static func read<T: JSONPullDecodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        var reader = JSONPullReader(scanner: JSONBytesReader(bytes))
        let value = try T(pull: &reader)
        guard reader.scanner.isAtEnd() else {
            throw reader.mismatch
        }
        return value
    }

    /// The error for anything the reader does not take (a key with no field, a missing member, a
    /// value of another form): the caller then goes the Codable way.
    public var mismatch: Mismatch { Mismatch(offset: self.scanner.position) }

    /// Calls `member` with each key of an object in turn, the reader placed on the key's value,
    /// which `member` must read.
    public mutating func members(_ member: (inout JSONPullReader, JSONKey) throws -> Void) throws {
        try self.scanner.expect(UInt8(ascii: "{"))
        if try self.scanner.skip(UInt8(ascii: "}")) {
            return
        }
        var previous: JSONKey?
        repeat {
            let key = JSONKey(bytes: try self.rawString())
            guard previous.map({ $0 < key }) ?? true else {
                throw self.mismatch
            }
            previous = key
            try self.scanner.expect(UInt8(ascii: ":"))
            try member(&self, key)
        } while try !self.scanner.endOfItem(closing: UInt8(ascii: "}"))
    }

    /// `value`, or a mismatch when a required member was missing.
    public func required<T>(_ value: T?) throws -> T {
        guard let value else {
            throw self.mismatch
        }
        return value
    }

    public mutating func read<T: JSONPullDecodable>(_ type: T.Type = T.self) throws -> T {
        try T(pull: &self)
    }

    /// A value of a rarely set type read the Codable way, from a tree of just that value.
    public mutating func readByTree<T: Decodable>(_ type: T.Type = T.self) throws -> T? {
        if try self.readNull() {
            return nil
        }
        let tree = try self.scanner.value(depth: 1)
        return try JSONValueDecoder().decode(T.self, from: tree)
    }

    mutating func readNull() throws -> Bool {
        guard try self.scanner.peek() == UInt8(ascii: "n") else {
            return false
        }
        _ = try self.scanner.literal("null", .null)
        return true
    }

    mutating func readArray<T>(_ element: (inout JSONPullReader) throws -> T) throws -> [T] {
        try self.scanner.expect(UInt8(ascii: "["))
        var items: [T] = []
        if try self.scanner.skip(UInt8(ascii: "]")) {
            return items
        }
        repeat {
            items.append(try element(&self))
        } while try !self.scanner.endOfItem(closing: UInt8(ascii: "]"))
        return items
    }

    mutating func readString() throws -> String {
        guard try self.scanner.peek() == UInt8(ascii: "\"") else {
            throw self.mismatch
        }
        return try self.scanner.string()
    }

    /// An integer with no fraction or exponent, in range; anything else is left to Codable.
    mutating func readInteger() throws -> Int64 {
        _ = try self.scanner.peek()
        guard case .int(let integer) = try self.scanner.number() else {
            throw self.mismatch
        }
        return integer
    }

    mutating func readDouble() throws -> Double {
        _ = try self.scanner.peek()
        switch try self.scanner.number() {
        case .int(let integer): return Double(integer)
        case .double(let number): return number
        default: throw self.mismatch
        }
    }

    mutating func readBool() throws -> Bool {
        switch try self.scanner.peek() {
        case UInt8(ascii: "t"):
            _ = try self.scanner.literal("true", .bool(true))
            return true
        case UInt8(ascii: "f"):
            _ = try self.scanner.literal("false", .bool(false))
            return false
        default: throw self.mismatch
        }
    }

    /// The bytes of a plain ASCII string with no escapes, for keys and timestamps.
    mutating func rawString() throws -> UnsafeRawBufferPointer {
        guard try self.scanner.peek() == UInt8(ascii: "\""), let raw = self.scanner.plainASCIIString() else {
            throw self.mismatch
        }
        return raw
    }

}

/// An object key as the document spells it, matched against the names of a type's fields in a
/// `switch` without making a `String` of it.
public struct JSONKey {
    let bytes: UnsafeRawBufferPointer

    public var string: String { String(decoding: self.bytes, as: UTF8.self) }

    public static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        pattern.utf8CodeUnitCount == key.bytes.count
            && (key.bytes.isEmpty || memcmp(pattern.utf8Start, key.bytes.baseAddress!, key.bytes.count) == 0)
    }

    static func < (lhs: JSONKey, rhs: JSONKey) -> Bool {
        let common = min(lhs.bytes.count, rhs.bytes.count)
        if common > 0 {
            let order = memcmp(lhs.bytes.baseAddress!, rhs.bytes.baseAddress!, common)
            if order != 0 {
                return order < 0
            }
        }
        return lhs.bytes.count < rhs.bytes.count
    }
}

/// A type `JSONPullReader` reads directly. Conformances list every field of the type: a field
/// missing from one makes the store's rows fall back to the Codable way (slower, same result),
/// and `JSONPullReaderTests` fails.
public protocol JSONPullDecodable {
    init(pull json: inout JSONPullReader) throws
}

extension JSONPullDecodable where Self: RawRepresentable, RawValue == String {
    public init(pull json: inout JSONPullReader) throws {
        guard let value = Self(rawValue: try json.readString()) else {
            throw json.mismatch
        }
        self = value
    }
}

extension String: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        self = try json.readString()
    }
}

extension Bool: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        self = try json.readBool()
    }
}

extension Int64: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        self = try json.readInteger()
    }
}

extension Int: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        self = Int(try json.readInteger())
    }
}

extension Double: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        self = try json.readDouble()
    }
}

extension Optional: JSONPullDecodable where Wrapped: JSONPullDecodable {
    /// `null` is nil, as Codable reads an optional field.
    public init(pull json: inout JSONPullReader) throws {
        self = try json.readNull() ? nil : try Wrapped(pull: &json)
    }
}

extension Array: JSONPullDecodable where Element: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        self = try json.readArray { try Element(pull: &$0) }
    }
}

extension Dictionary: JSONPullDecodable where Key == String, Value: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var result: [String: Value] = [:]
        try json.members { json, key in
            result[key.string] = try Value(pull: &json)
        }
        self = result
    }
}

extension Timestamp: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        let raw = try json.rawString()
        if let seconds = Timestamp.wholeSecondsUTC(utf8: raw) {
            self.init(Date(timeIntervalSince1970: Double(seconds)))
            return
        }
        guard let date = Timestamp.parse(String(decoding: raw, as: UTF8.self)) else {
            throw json.mismatch
        }
        self.init(date)
    }
}
