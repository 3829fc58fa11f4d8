import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The encryption key file: 32 random bytes in base64, mode 0600, created on first use.
enum KeyFile {
    /// Reads the key at `path`, creating it first when it does not exist. Creation goes through a
    /// temporary file and `link(2)`, so two processes starting at once agree on one key and
    /// nobody ever reads a half-written file.
    static func loadOrCreate(at path: String) throws(StoreError) -> SymmetricKey {
        if FileManager.default.fileExists(atPath: path) {
            return try self.load(at: path)
        }
        let key = SymmetricKey(size: .bits256)
        let text = key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
        let temporary = "\(path).\(ProcessInfo.processInfo.processIdentifier).tmp"
        try FileModes.writeNew(Data(text.utf8), to: temporary, mode: 0o600)
        defer { unlink(temporary) }
        if link(temporary, path) != 0, errno != EEXIST {
            throw StoreError(.unavailable, "cannot create the key file \(path): \(String(cString: strerror(errno)))")
        }
        FileModes.syncDirectory(of: path)
        return try self.load(at: path)
    }

    static func load(at path: String) throws(StoreError) -> SymmetricKey {
        try FileModes.checkPrivate(path, what: "encryption key file")
        let data = try FileModes.read(path, limit: 1024, what: "encryption key file")
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Data(base64Encoded: text), bytes.count == SecretCipher.keyByteCount else {
            throw StoreError(
                .invalid,
                "encryption key file \(path): expected \(SecretCipher.keyByteCount) bytes in base64 on one line")
        }
        return SymmetricKey(data: bytes)
    }
}
