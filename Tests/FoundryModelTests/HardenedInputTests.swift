import Foundation
import FoundryModel
import Testing

/// Hostile and broken input is refused quickly, with bounded memory, and with a message that
/// says what is wrong and where.
@Suite(.serialized)
struct HardenedInputTests {
    /// "Refused fast": milliseconds alone, but CI runs every test target at once on two cores
    /// with a debug build, so the bound only tells refusing from doing the work (a billion
    /// laughs expands to 10^9 nodes).
    static let fast = Duration.seconds(10)

    static let secretPrefix = "apiVersion: v1\nkind: Secret\nmetadata: {name: big}\nstringData:\n  blob: "

    /// A document holding a `size`-byte string (built as bytes: building a huge Swift String
    /// by concatenation is slow in debug builds).
    static func bigSecret(_ size: Int) -> Data {
        Data(Self.secretPrefix.utf8) + Data(repeating: UInt8(ascii: "a"), count: size) + Data("\n".utf8)
    }

    @Test func tenMebibyteDocumentIsRefusedBeforeParsing() {
        let data = Self.bigSecret(10 << 20)
        let clock = ContinuousClock()
        var result = ManifestDecodeResult()
        let elapsed = clock.measure {
            result = ManifestDecoder().decode(data, source: "big.yaml")
        }
        #expect(
            result.problems.map(\.description) == [
                "big.yaml: document 1 (line 1): document is \(data.count) bytes, over the 4194304-byte (4 MiB) limit"
            ])
        #expect(elapsed < Self.fast, "took \(elapsed)")
    }

    @Test func oversizedDocumentDoesNotHideTheOthers() {
        let data =
            Data("apiVersion: v1\nkind: Secret\nmetadata: {name: small}\n---\n".utf8) + Self.bigSecret(5 << 20)
            + Data("---\napiVersion: v1\nkind: Secrt\nmetadata: {name: x}\n".utf8)
        let result = ManifestDecoder().decode(data)
        #expect(result.resources.map(\.name) == ["small"])
        #expect(result.problems.count == 2)
        #expect(result.problems[0].description.contains("document 2 (line 4): document is"))
        #expect(result.problems[1].description.contains("document 3 (Secrt default/x, line 12): kind: unknown kind"))
    }

    @Test(arguments: ["block", "flow", "sequence"])
    func hundredThousandLevelsDeepIsRefusedWithoutOverflowingTheStack(_ style: String) {
        let depth = 100_000
        let text: String
        switch style {
        case "block":
            // k:\n k:\n  k: ... one more space per level: 2,000 levels already make 2 MB.
            var lines: [String] = []
            for level in 0..<2_000 {
                lines.append(String(repeating: " ", count: level) + "k:")
            }
            text = lines.joined(separator: "\n") + " x\n"
        case "flow":
            text = "a: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        default:
            text = String(repeating: "- ", count: depth) + "x\n"
        }
        let clock = ContinuousClock()
        var result = ManifestDecodeResult()
        let elapsed = clock.measure {
            result = ManifestDecoder().decode(text, source: "deep.yaml")
        }
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.message == "nesting deeper than 64 levels")
        #expect(elapsed < Self.fast, "took \(elapsed)")
    }

    @Test func documentJustUnderTheLimitDecodes() throws {
        let data = Self.bigSecret((4 << 20) - 200)
        let result = ManifestDecoder().decode(data)
        #expect(result.problems == [])
        guard case .secret(let secret) = try #require(result.resources.first) else {
            Issue.record("expected a Secret")
            return
        }
        #expect(secret.stringData?["blob"]?.utf8.count == (4 << 20) - 200)
    }

    @Test func nestingWithinTheLimitIsFine() throws {
        let depth = 60
        let text = "a: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let trees = try ManifestDecoder().trees(Data(text.utf8))
        #expect(trees.count == 1)
    }

    @Test func aliasesCannotNestPastTheLimit() {
        // Each anchor adds 10 levels through the alias before it; 8 of them pass 64 levels.
        var lines = ["a0: &a0 x"]
        for index in 1...8 {
            lines.append(
                "a\(index): &a\(index) " + String(repeating: "[", count: 10) + "*a\(index - 1)"
                    + String(repeating: "]", count: 10))
        }
        let result = ManifestDecoder().decode(lines.joined(separator: "\n") + "\n")
        #expect(result.problems.first?.message.hasPrefix("nesting deeper than 64 levels (through alias *a") == true)
    }

    @Test func billionLaughsIsRefusedFast() {
        var lines = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        for level in 1...9 {
            let previous = Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(level - 1)))
            let name = Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(level)))
            lines.append(
                "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
        }
        let clock = ContinuousClock()
        var result = ManifestDecodeResult()
        let elapsed = clock.measure {
            result = ManifestDecoder().decode(lines.joined(separator: "\n") + "\n", source: "lol.yaml")
        }
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.message == "YAML aliases expand to more than 100000 nodes (an alias bomb?)")
        #expect(elapsed < Self.fast, "took \(elapsed)")
    }

    @Test func aliasAsAMappingKeyToACollectionIsRefused() {
        let text = "base: &b {x: [1, 2, 3]}\nuse:\n  *b : value\n"
        let result = ManifestDecoder().decode(text)
        #expect(result.problems.first?.message == "mapping keys must be strings, not objects")
    }

    @Test func nonUTF8NamesTheByteOffset() {
        var bytes = Array("apiVersion: v1\nkind: Secret\nmetadata: {name: caf".utf8)
        let offset = bytes.count
        bytes += [0xE9]  // Latin-1 "é"
        bytes += Array("}\n".utf8)
        let result = ManifestDecoder().decode(Data(bytes), source: "latin1.yaml")
        #expect(
            result.problems.map(\.description) == [
                "latin1.yaml: byte \(offset): invalid UTF-8 byte 0xE9 (not followed by continuation bytes)"
            ])
    }

    @Test(
        arguments: [
            ([0xC0, 0xAF], "invalid UTF-8 byte 0xC0"),
            ([0xED, 0xA0, 0x80], "invalid UTF-8 byte 0xED (a UTF-16 surrogate)"),
            ([0xF4, 0x90, 0x80, 0x80], "invalid UTF-8 byte 0xF4 (beyond U+10FFFF)"),
            ([0xE0, 0x80, 0x80], "invalid UTF-8 byte 0xE0 (overlong encoding)"),
            ([0xE9, 0x7D], "invalid UTF-8 byte 0xE9 (not followed by continuation bytes)"),
            ([0xE2, 0x82], "truncated UTF-8 sequence at the end of the input"),
            ([0xFF, 0xFE], "invalid UTF-8 byte 0xFF"),
        ] as [([UInt8], String)])
    func malformedUTF8IsNamed(_ bytes: [UInt8], _ message: String) {
        let result = ManifestDecoder().decode(Data(Array("a: ".utf8) + bytes))
        #expect(result.problems.map(\.description) == ["byte 3: \(message)"])
    }

    @Test func binaryGarbageIsRefused() {
        var generator = SplitMix64(seed: 42)
        let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let result = ManifestDecoder().decode(Data(bytes), source: "garbage.bin")
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.location.byteOffset != nil)
        #expect(result.resources.isEmpty)
    }

    @Test func nulInValidUTF8IsRefused() {
        let result = ManifestDecoder().decode(Data("apiVersion: v1\u{0}\n".utf8))
        #expect(result.problems.map(\.description) == ["byte 14: control character 0x00 (binary data?)"])
    }

    @Test func documentCountIsBounded() {
        var limits = ManifestLimits()
        limits.maxDocuments = 3
        let text = String(repeating: "---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\n", count: 5)
        let result = ManifestDecoder(limits: limits, validates: false).decode(text)
        #expect(result.problems.map(\.description) == ["more than 3 documents in one input"])
    }

    @Test func unsupportedTagsAreRefused() {
        let result = ManifestDecoder().decode("apiVersion: !!binary aGVsbG8=\n")
        #expect(result.problems.first?.message == "unsupported YAML tag !!binary")
    }
}

/// A small deterministic generator, so the garbage is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
