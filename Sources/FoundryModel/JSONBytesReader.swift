/// Reads the JSON the store wrote straight into a `JSONValue`; `JSONPullReader` reads typed values
/// with its scanning. Foundation's `JSONDecoder` through
/// `JSONTree` throws and catches an error for every scalar it probes, which made a list of
/// 10,000 hosts take seconds. Anything unexpected is an error: the caller then falls back to
/// `JSONDecoder`, which names the problem.
public struct JSONBytesReader {
    public struct Failure: Error {
        public var offset: Int
    }

    /// The store's own documents are shallow; a deeper one is read by the slow path.
    static let maxDepth = 128

    private let bytes: UnsafeRawBufferPointer
    var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    public static func read(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> JSONValue {
        var reader = JSONBytesReader(bytes)
        let value = try reader.value(depth: 0)
        guard reader.isAtEnd() else {
            throw Failure(offset: reader.position)
        }
        return value
    }

    /// Whether only white space is left.
    mutating func isAtEnd() -> Bool {
        self.skipSpace()
        return self.position == self.bytes.count
    }

    private var failure: Failure { Failure(offset: self.position) }

    private mutating func skipSpace() {
        while self.position < self.bytes.count {
            switch self.bytes[self.position] {
            case 0x20, 0x09, 0x0A, 0x0D: self.position += 1
            default: return
            }
        }
    }

    mutating func peek() throws(Failure) -> UInt8 {
        self.skipSpace()
        guard self.position < self.bytes.count else {
            throw self.failure
        }
        return self.bytes[self.position]
    }

    mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard depth < Self.maxDepth else {
            throw self.failure
        }
        switch try self.peek() {
        case UInt8(ascii: "{"): return .object(try self.object(depth: depth))
        case UInt8(ascii: "["): return .array(try self.array(depth: depth))
        case UInt8(ascii: "\""): return .string(try self.string())
        case UInt8(ascii: "t"): return try self.literal("true", .bool(true))
        case UInt8(ascii: "f"): return try self.literal("false", .bool(false))
        case UInt8(ascii: "n"): return try self.literal("null", .null)
        default: return try self.number()
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> JSONObject {
        try self.expect(UInt8(ascii: "{"))
        var object = JSONObject()
        var previousKey: String?
        if try self.skip(UInt8(ascii: "}")) {
            return object
        }
        repeat {
            guard try self.peek() == UInt8(ascii: "\"") else {
                throw self.failure
            }
            let key = try self.string()
            guard Self.isNew(key, after: previousKey, in: object) else {
                throw self.failure
            }
            try self.expect(UInt8(ascii: ":"))
            previousKey = key
            object.append(key: key, value: try self.value(depth: depth + 1))
        } while try !self.endOfItem(closing: UInt8(ascii: "}"))
        return object
    }

    /// A duplicate key is refused. The store writes keys sorted, so one greater than the last is
    /// new without a look at the others (hashing every key cost 7% of a list).
    private static func isNew(_ key: String, after previous: String?, in object: JSONObject) -> Bool {
        guard let previous, key <= previous else {
            return true
        }
        return !object.contains(key)
    }

    private mutating func array(depth: Int) throws(Failure) -> [JSONValue] {
        try self.expect(UInt8(ascii: "["))
        var items: [JSONValue] = []
        if try self.skip(UInt8(ascii: "]")) {
            return items
        }
        repeat {
            items.append(try self.value(depth: depth + 1))
        } while try !self.endOfItem(closing: UInt8(ascii: "]"))
        return items
    }

    /// Steps over `byte` when it comes next (after white space); false, with nothing read, if not.
    mutating func skip(_ byte: UInt8) throws(Failure) -> Bool {
        guard try self.peek() == byte else {
            return false
        }
        self.position += 1
        return true
    }

    /// Steps over `byte`, which must come next.
    mutating func expect(_ byte: UInt8) throws(Failure) {
        guard try self.skip(byte) else {
            throw self.failure
        }
    }

    /// After an object member or an array item: true past the closing bracket, false past a comma.
    mutating func endOfItem(closing: UInt8) throws(Failure) -> Bool {
        if try self.skip(closing) {
            return true
        }
        try self.expect(UInt8(ascii: ","))
        return false
    }

    mutating func literal(_ text: StaticString, _ value: JSONValue) throws(Failure) -> JSONValue {
        let count = text.utf8CodeUnitCount
        guard self.position + count <= self.bytes.count else {
            throw self.failure
        }
        for index in 0..<count where self.bytes[self.position + index] != text.utf8Start[index] {
            throw self.failure
        }
        self.position += count
        return value
    }

    /// Integers as `Int64` (as `JSONTree` reads them), anything with a fraction or exponent,
    /// or too large, as `Double`.
    mutating func number() throws(Failure) -> JSONValue {
        let start = self.position
        var integral = true
        while self.position < self.bytes.count {
            switch self.bytes[self.position] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): break
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"): integral = false
            default:
                return try self.numberValue(from: start, integral: integral)
            }
            self.position += 1
        }
        return try self.numberValue(from: start, integral: integral)
    }

    private func numberValue(from start: Int, integral: Bool) throws(Failure) -> JSONValue {
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: self.bytes[start..<self.position]), as: UTF8.self)
        if integral, let integer = Int64(text) {
            return .int(integer)
        }
        // A plain integer too large for Int64, or a number JSONTree might read differently:
        // leave it to the slow path rather than guess.
        guard !integral, let number = Double(text), number.isFinite else {
            throw Failure(offset: start)
        }
        return .double(number)
    }

    mutating func string() throws(Failure) -> String {
        self.position += 1
        let start = self.position
        var ascii = true
        // The common case: no escapes, so the bytes are the string.
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeRawBufferPointer(rebasing: self.bytes[start..<self.position])
                self.position += 1
                // ASCII is valid UTF-8 as it stands; `String(validating:)` costs a generic lookup per call.
                if ascii {
                    return String(decoding: slice, as: UTF8.self)
                }
                guard let text = String(validating: slice, as: UTF8.self) else {
                    throw Failure(offset: start)
                }
                return text
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 {
                break
            }
            ascii = ascii && byte < 0x80
            self.position += 1
        }
        return try self.escapedString(from: start)
    }

    /// At a string's opening quote: its bytes when it is plain ASCII with no escapes (keys,
    /// timestamps), past its closing quote; nil, and nothing read, for any other string.
    mutating func plainASCIIString() -> UnsafeRawBufferPointer? {
        var end = self.position + 1
        while end < self.bytes.count {
            switch self.bytes[end] {
            case UInt8(ascii: "\""):
                let slice = UnsafeRawBufferPointer(rebasing: self.bytes[self.position + 1..<end])
                self.position = end + 1
                return slice
            case UInt8(ascii: "\\"), 0..<0x20, 0x80...: return nil
            default: end += 1
            }
        }
        return nil
    }

    private mutating func escapedString(from start: Int) throws(Failure) -> String {
        var utf8 = Array(self.bytes[start..<self.position])
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            self.position += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: utf8, as: UTF8.self) else {
                    throw Failure(offset: start)
                }
                return text
            case UInt8(ascii: "\\"):
                try self.escape(into: &utf8)
            case 0..<0x20:
                throw self.failure
            default:
                utf8.append(byte)
            }
        }
        throw self.failure
    }

    private mutating func escape(into utf8: inout [UInt8]) throws(Failure) {
        guard self.position < self.bytes.count else {
            throw self.failure
        }
        let byte = self.bytes[self.position]
        self.position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try self.hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard self.position + 1 < self.bytes.count, self.bytes[self.position] == UInt8(ascii: "\\"),
                    self.bytes[self.position + 1] == UInt8(ascii: "u")
                else {
                    throw self.failure
                }
                self.position += 2
                let low = try self.hex4()
                guard (0xDC00..<0xE000).contains(low) else {
                    throw self.failure
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else {
                throw self.failure
            }
            utf8.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw self.failure
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard self.position + 4 <= self.bytes.count else {
            throw self.failure
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = self.bytes[self.position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw self.failure
            }
            value = value << 4 | UInt32(digit)
            self.position += 1
        }
        return value
    }
}
