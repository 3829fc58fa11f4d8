import Crypto

/// The keyed hashes of the RAKP exchange and the session keys it yields (IPMI 2.0 section 13.31-13.32).
///
/// Names follow the specification: `m` is the remote console, `c` the managed system (the BMC).
/// `role` is the whole requested-privilege byte of RAKP 1, name-only-lookup bit included.
public enum RAKPCrypto {
    /// Passwords (Kuid) and the BMC key Kg are at most 20 bytes in IPMI 2.0.
    public static let maxKeyLength = 20

    public static func hmac(_ algorithm: AuthenticationAlgorithm, key: [UInt8], data: [UInt8]) -> [UInt8] {
        let symmetricKey = SymmetricKey(data: key)
        switch algorithm {
        case .none:
            return []
        case .hmacSHA1:
            return Array(HMAC<Insecure.SHA1>.authenticationCode(for: data, using: symmetricKey))
        case .hmacMD5:
            return Array(HMAC<Insecure.MD5>.authenticationCode(for: data, using: symmetricKey))
        case .hmacSHA256:
            return Array(HMAC<SHA256>.authenticationCode(for: data, using: symmetricKey))
        }
    }

    /// RAKP 2 key exchange code: HMAC(Kuid, SIDm | SIDc | Rm | Rc | GUIDc | ROLEm | ULENGTHm | UNAMEm).
    public static func rakp2Code(
        _ algorithm: AuthenticationAlgorithm, password: [UInt8], consoleSessionID: UInt32, bmcSessionID: UInt32,
        consoleRandom: [UInt8], bmcRandom: [UInt8], bmcGUID: [UInt8], role: UInt8, username: [UInt8]
    ) -> [UInt8] {
        var data = le(consoleSessionID) + le(bmcSessionID) + consoleRandom + bmcRandom + bmcGUID
        data += [role, UInt8(truncatingIfNeeded: username.count)] + username
        return self.hmac(algorithm, key: password, data: data)
    }

    /// RAKP 3 key exchange code: HMAC(Kuid, Rc | SIDm | ROLEm | ULENGTHm | UNAMEm).
    public static func rakp3Code(
        _ algorithm: AuthenticationAlgorithm, password: [UInt8], bmcRandom: [UInt8], consoleSessionID: UInt32,
        role: UInt8, username: [UInt8]
    ) -> [UInt8] {
        let data = bmcRandom + le(consoleSessionID) + [role, UInt8(truncatingIfNeeded: username.count)] + username
        return self.hmac(algorithm, key: password, data: data)
    }

    /// Session Integrity Key: HMAC(Kg, Rm | Rc | ROLEm | ULENGTHm | UNAMEm); Kg is Kuid when the BMC has no key.
    public static func sessionIntegrityKey(
        _ algorithm: AuthenticationAlgorithm, key: [UInt8], consoleRandom: [UInt8], bmcRandom: [UInt8],
        role: UInt8, username: [UInt8]
    ) -> [UInt8] {
        let data = consoleRandom + bmcRandom + [role, UInt8(truncatingIfNeeded: username.count)] + username
        return self.hmac(algorithm, key: key, data: data)
    }

    /// RAKP 4 integrity check value: HMAC(SIK, Rm | SIDc | GUIDc), truncated for the algorithm.
    public static func rakp4Check(
        _ algorithm: AuthenticationAlgorithm, sik: [UInt8], consoleRandom: [UInt8], bmcSessionID: UInt32,
        bmcGUID: [UInt8]
    ) -> [UInt8] {
        let code = self.hmac(algorithm, key: sik, data: consoleRandom + le(bmcSessionID) + bmcGUID)
        return Array(code.prefix(algorithm.rakp4CheckLength))
    }

    /// K1 = HMAC(SIK, 20 bytes of 0x01): the integrity key.
    public static func k1(_ algorithm: AuthenticationAlgorithm, sik: [UInt8]) -> [UInt8] {
        self.hmac(algorithm, key: sik, data: [UInt8](repeating: 0x01, count: 20))
    }

    /// K2 = HMAC(SIK, 20 bytes of 0x02): the first 16 bytes are the AES key.
    public static func k2(_ algorithm: AuthenticationAlgorithm, sik: [UInt8]) -> [UInt8] {
        self.hmac(algorithm, key: sik, data: [UInt8](repeating: 0x02, count: 20))
    }

    /// Compares two codes in time independent of where they differ.
    public static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else {
            return false
        }
        var difference: UInt8 = 0
        for index in lhs.indices {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }

    private static func le(_ value: UInt32) -> [UInt8] {
        [
            UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24),
        ]
    }
}
