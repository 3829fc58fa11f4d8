#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Byte-level checks and document splitting done before any YAML parsing, so that binary
/// garbage, bad encodings and oversized documents never reach the parser.
enum ManifestText {
    /// A byte-level problem: what is wrong and at which byte offset.
    struct Problem: Error, Equatable {
        var offset: Int
        var message: String
    }

    /// One document's bytes, as cut at `---` and `...` lines.
    struct Chunk: Equatable {
        var range: Range<Int>
        /// Zero-based line of the chunk's first byte in the whole input.
        var firstLine: Int
    }

    /// Refuses input that is not UTF-8 text YAML could hold: invalid UTF-8, NUL and other
    /// control characters (tab, line feed and carriage return are fine).
    static func screen(_ bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        if String(validating: bytes, as: UTF8.self) == nil {
            return self.firstInvalidUTF8(bytes)
        }
        return self.firstControlCharacter(bytes)
    }

    /// The first byte that does not start a valid UTF-8 sequence, and why.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            var minimum: UInt32 = 0
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2; minimum = 0x80
            case 0xE0...0xEF: length = 3; minimum = 0x800
            case 0xF0...0xF4: length = 4; minimum = 0x10000
            default:
                return Problem(offset: index, message: "invalid UTF-8 byte 0x\(self.hex(lead))")
            }
            var scalar = UInt32(lead) & (length == 1 ? 0x7F : (0xFF >> (length + 1)))
            for offset in 1..<max(1, length) {
                guard index + offset < bytes.count else {
                    return Problem(offset: index, message: "truncated UTF-8 sequence at the end of the input")
                }
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else {
                    return Problem(
                        offset: index,
                        message: "invalid UTF-8 byte 0x\(self.hex(lead)) (not followed by continuation bytes)")
                }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            if length > 1 {
                let reason: String? =
                    if scalar < minimum { "overlong encoding" } else if (0xD800...0xDFFF).contains(scalar) {
                        "a UTF-16 surrogate"
                    } else if scalar > 0x10FFFF { "beyond U+10FFFF" } else { nil }
                if let reason {
                    return Problem(offset: index, message: "invalid UTF-8 byte 0x\(self.hex(lead)) (\(reason))")
                }
            }
            index += length
        }
        return nil
    }

    static func firstControlCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
                return Problem(offset: index, message: "control character 0x\(self.hex(byte)) (binary data?)")
            }
            if byte == 0x7F {
                return Problem(offset: index, message: "control character 0x7F (binary data?)")
            }
            // C1 controls U+0080...U+009F arrive as 0xC2 0x80...0x9F; NEL (U+0085) is a line break.
            if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]),
                bytes[index + 1] != 0x85
            {
                return Problem(
                    offset: index, message: "control character U+00\(self.hex(bytes[index + 1])) (binary data?)")
            }
            index += 1
        }
        return nil
    }

    /// Cuts the input at document markers: a line starting with `---` opens a document (and
    /// belongs to it), a line starting with `...` closes one. YAML gives these lines that
    /// meaning wherever they appear, so cutting here is exact.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> [Chunk] {
        var chunks: [Chunk] = []
        var chunkStart = 0
        var chunkLine = 0
        var lineStart = 0
        var line = 0
        while lineStart < bytes.count {
            let lineEnd = self.lineEnd(bytes, from: lineStart)
            if self.isMarker(bytes, at: lineStart, lineEnd: lineEnd, character: UInt8(ascii: "-")) {
                if lineStart > chunkStart {
                    chunks.append(Chunk(range: chunkStart..<lineStart, firstLine: chunkLine))
                }
                chunkStart = lineStart
                chunkLine = line
            } else if self.isMarker(bytes, at: lineStart, lineEnd: lineEnd, character: UInt8(ascii: ".")) {
                let next = min(lineEnd + 1, bytes.count)
                chunks.append(Chunk(range: chunkStart..<next, firstLine: chunkLine))
                chunkStart = next
                chunkLine = line + 1
            }
            lineStart = lineEnd + 1
            line += 1
        }
        if chunkStart < bytes.count {
            chunks.append(Chunk(range: chunkStart..<bytes.count, firstLine: chunkLine))
        }
        return chunks
    }

    /// The index of the `\n` ending the line that starts at `start` (or `count`).
    private static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else {
            return bytes.count
        }
        guard let found = memchr(base + start, 0x0A, bytes.count - start) else {
            return bytes.count
        }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private static func isMarker(
        _ bytes: UnsafeBufferPointer<UInt8>,
        at start: Int,
        lineEnd: Int,
        character: UInt8
    ) -> Bool {
        guard lineEnd - start >= 3, bytes[start] == character, bytes[start + 1] == character,
            bytes[start + 2] == character
        else {
            return false
        }
        guard start + 3 < lineEnd else {
            return true
        }
        let next = bytes[start + 3]
        return next == 0x20 || next == 0x09 || next == 0x0D
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
