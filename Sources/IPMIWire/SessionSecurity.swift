import Crypto
import _CryptoExtras

/// The keys of an established RMCP+ session: integrity (K1) and confidentiality (K2) for one cipher suite.
public struct SessionSecurity: Sendable, Hashable {
    public static let aesBlockLength = 16

    public let suite: CipherSuite
    public let sik: [UInt8]
    let k1: [UInt8]
    let k2: [UInt8]

    public init(suite: CipherSuite, sik: [UInt8]) {
        self.suite = suite
        self.sik = sik
        self.k1 = RAKPCrypto.k1(suite.authentication, sik: sik)
        self.k2 = RAKPCrypto.k2(suite.authentication, sik: sik)
    }

    public var integrity: IntegrityAlgorithm { self.suite.integrity }
    public var confidentiality: ConfidentialityAlgorithm { self.suite.confidentiality }

    /// The AuthCode of the session trailer over `data` (session header through next-header byte).
    public func authCode(over data: [UInt8]) -> [UInt8] {
        let key = SymmetricKey(data: self.k1)
        switch self.suite.integrity {
        case .none:
            return []
        case .hmacSHA1_96:
            return Array(HMAC<Insecure.SHA1>.authenticationCode(for: data, using: key).prefix(12))
        case .hmacSHA256_128:
            return Array(HMAC<SHA256>.authenticationCode(for: data, using: key).prefix(16))
        case .hmacMD5_128:
            return Array(HMAC<Insecure.MD5>.authenticationCode(for: data, using: key))
        case .md5_128:
            // MD5-128 keys the hash with the password, which this type does not hold; never negotiated.
            return []
        }
    }

    /// Encrypts a payload: the result is the 16-byte IV, then the ciphertext of payload + pad 1, 2, ... + pad length.
    public func encrypt(_ plaintext: [UInt8], iv: [UInt8]) throws(IPMIWireError) -> [UInt8] {
        guard self.suite.confidentiality == .aesCBC128 else {
            return plaintext
        }
        guard iv.count == Self.aesBlockLength else {
            throw .lengthOutOfRange(field: "confidentiality header (IV)", length: iv.count, limit: Self.aesBlockLength)
        }
        let padLength = (Self.aesBlockLength - (plaintext.count + 1) % Self.aesBlockLength) % Self.aesBlockLength
        var padded = plaintext
        padded.reserveCapacity(plaintext.count + padLength + 1)
        for index in 0..<padLength {
            padded.append(UInt8(index + 1))
        }
        padded.append(UInt8(padLength))
        do {
            let ciphertext = try AES._CBC.encrypt(
                padded, using: SymmetricKey(data: self.k2.prefix(16)), iv: AES._CBC.IV(ivBytes: iv), noPadding: true)
            return iv + Array(ciphertext)
        } catch {
            throw .decryptionFailed("AES-CBC-128 encryption failed: \(error)")
        }
    }

    /// Decrypts an encrypted payload (IV + ciphertext) and strips and checks the confidentiality trailer.
    public func decrypt(_ payload: [UInt8]) throws(IPMIWireError) -> [UInt8] {
        guard self.suite.confidentiality == .aesCBC128 else {
            return payload
        }
        let block = Self.aesBlockLength
        guard payload.count >= 2 * block else {
            throw .decryptionFailed("\(payload.count) bytes is shorter than IV plus one AES block")
        }
        guard payload.count % block == 0 else {
            throw .decryptionFailed("ciphertext length \(payload.count - block) is not a multiple of 16")
        }
        let plain: [UInt8]
        do {
            let iv = try AES._CBC.IV(ivBytes: payload.prefix(block))
            plain = Array(
                try AES._CBC.decrypt(
                    payload.dropFirst(block), using: SymmetricKey(data: self.k2.prefix(16)), iv: iv, noPadding: true))
        } catch {
            throw .decryptionFailed("AES-CBC-128: \(error)")
        }
        guard let padLengthByte = plain.last else {
            throw .decryptionFailed("empty plaintext")
        }
        let padLength = Int(padLengthByte)
        guard padLength < block, padLength + 1 <= plain.count else {
            throw .decryptionFailed("confidentiality pad length \(padLength) is out of range")
        }
        let dataLength = plain.count - padLength - 1
        for index in 0..<padLength where plain[dataLength + index] != UInt8(index + 1) {
            throw .decryptionFailed(
                "confidentiality pad byte \(index + 1) is 0x\(String(plain[dataLength + index], radix: 16))")
        }
        return Array(plain.prefix(dataLength))
    }
}
