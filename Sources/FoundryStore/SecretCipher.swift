import Crypto
import Foundation

/// Seals stored Secrets with AES-256-GCM. The associated data binds each sealed blob to its
/// object's key, so a blob copied onto another row does not open.
struct SecretCipher: Sendable {
    /// The first byte of a sealed blob; plain JSON starts with `{`.
    static let sealedTag: UInt8 = 0x01
    static let keyByteCount = 32

    /// The raw key; `SymmetricKey` is not `Sendable`, so one is made for each use.
    private let keyBytes: Data

    init(key: SymmetricKey) {
        self.keyBytes = key.withUnsafeBytes { Data($0) }
    }

    private var key: SymmetricKey {
        SymmetricKey(data: self.keyBytes)
    }

    func seal(_ plaintext: Data, context: String) throws(StoreError) -> Data {
        do {
            let box = try AES.GCM.seal(plaintext, using: self.key, authenticating: Data(context.utf8))
            guard let combined = box.combined else {
                throw StoreError(.unavailable, "AES-GCM produced no combined form")
            }
            var blob = Data([Self.sealedTag])
            blob.append(combined)
            return blob
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.unavailable, "cannot encrypt \(context): \(error)", underlying: error)
        }
    }

    func open(_ blob: Data, context: String) throws(StoreError) -> Data {
        // Nonce (12) + tag (16) at least, after the tag byte.
        guard blob.count >= 1 + 12 + 16, blob.first == Self.sealedTag else {
            throw StoreError(.corrupt, "\(context): sealed data is truncated (\(blob.count) bytes)")
        }
        do {
            let box = try AES.GCM.SealedBox(combined: blob.dropFirst())
            return try AES.GCM.open(box, using: self.key, authenticating: Data(context.utf8))
        } catch {
            throw StoreError(
                .corrupt,
                "\(context): cannot decrypt (is this the database's encryption key file?)",
                underlying: error)
        }
    }
}
