import Foundation
import FoundryModel

/// The digest an image must have: an algorithm and lower-case hex.
public struct ImageChecksum: Sendable, Hashable, CustomStringConvertible {
    public enum Algorithm: String, Sendable, Hashable, CaseIterable {
        case md5
        case sha256
        case sha512

        public var hexLength: Int {
            switch self {
            case .md5: 32
            case .sha256: 64
            case .sha512: 128
            }
        }

        /// `auto` (or no type) picks the algorithm from the digest's length, as Metal3 does.
        static func from(_ type: ChecksumType?, hex: String) throws(ImageWriteError) -> Algorithm {
            switch type {
            case .md5: return .md5
            case .sha256: return .sha256
            case .sha512: return .sha512
            case .auto, nil:
                guard let algorithm = Self.allCases.first(where: { $0.hexLength == hex.count }) else {
                    throw .invalidRequest(
                        "checksum: \(hex.count) hex digits match no algorithm (md5 has 32, sha256 64, sha512 128)")
                }
                return algorithm
            }
        }
    }

    public var algorithm: Algorithm
    public var hex: String

    public var description: String {
        "\(self.algorithm.rawValue):\(self.hex)"
    }

    /// A digest given inline; checks the hex and its length.
    public static func parse(_ text: String, type: ChecksumType?) throws(ImageWriteError) -> ImageChecksum {
        let hex = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !hex.isEmpty, hex.allSatisfy(\.isHexDigit) else {
            throw .invalidRequest("checksum: \"\(text.prefix(140))\" is neither hex digits nor an http(s) or file URL")
        }
        let algorithm = try Algorithm.from(type, hex: hex)
        guard hex.count == algorithm.hexLength else {
            throw .invalidRequest(
                "checksum: a \(algorithm.rawValue) digest has \(algorithm.hexLength) hex digits, this one \(hex.count)")
        }
        return ImageChecksum(algorithm: algorithm, hex: hex)
    }

    /// The digest for `imageName` in a checksum file: GNU lines (`HASH  NAME`, `HASH *NAME`), BSD
    /// lines (`SHA256 (NAME) = HASH`), or a file holding a single digest.
    public static func find(
        in file: String, imageName: String, type: ChecksumType?
    ) throws(ImageWriteError) -> ImageChecksum {
        var entries: [(name: String?, hex: String)] = []
        for rawLine in file.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") {
                continue
            }
            if let entry = Self.bsdEntry(line) ?? Self.gnuEntry(line) {
                entries.append(entry)
            }
        }
        if entries.count == 1, entries[0].name == nil {
            return try Self.parse(entries[0].hex, type: type)
        }
        let matching = entries.first { entry in
            guard let name = entry.name else { return false }
            let trimmed = name.hasPrefix("./") ? String(name.dropFirst(2)) : name
            return trimmed == imageName || trimmed.split(separator: "/").last.map(String.init) == imageName
        }
        guard let matching else {
            let names = entries.compactMap(\.name).prefix(10).joined(separator: ", ")
            throw .invalidRequest(
                "checksum file has no line for \"\(imageName)\"" + (names.isEmpty ? "" : " (it lists \(names))"))
        }
        return try Self.parse(matching.hex, type: type)
    }

    private static func gnuEntry(_ line: String) -> (name: String?, hex: String)? {
        let fields = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard let first = fields.first, first.allSatisfy(\.isHexDigit) else {
            return nil
        }
        let name = fields.count > 1 ? fields[1].trimmingCharacters(in: .whitespaces) : nil
        return (name.map { $0.hasPrefix("*") ? String($0.dropFirst()) : $0 }, String(first))
    }

    private static func bsdEntry(_ line: String) -> (name: String?, hex: String)? {
        guard let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")"), open < close,
            let equals = line[close...].firstIndex(of: "=")
        else {
            return nil
        }
        let hex = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        return (String(line[line.index(after: open)..<close]), hex)
    }
}
