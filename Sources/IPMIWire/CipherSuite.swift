/// RAKP authentication algorithms (IPMI 2.0 table 13-17).
public enum AuthenticationAlgorithm: UInt8, Sendable, Hashable, CustomStringConvertible {
    case none = 0x00
    case hmacSHA1 = 0x01
    case hmacMD5 = 0x02
    case hmacSHA256 = 0x03

    /// Length of the RAKP 2/3 key exchange authentication code (the full HMAC).
    public var keyExchangeCodeLength: Int {
        switch self {
        case .none: 0
        case .hmacSHA1: 20
        case .hmacMD5: 16
        case .hmacSHA256: 32
        }
    }

    /// Length of the RAKP 4 integrity check value (HMAC truncated as the matching integrity algorithm).
    public var rakp4CheckLength: Int {
        switch self {
        case .none: 0
        case .hmacSHA1: 12
        case .hmacMD5: 16
        case .hmacSHA256: 16
        }
    }

    public var description: String {
        switch self {
        case .none: "RAKP-none"
        case .hmacSHA1: "RAKP-HMAC-SHA1"
        case .hmacMD5: "RAKP-HMAC-MD5"
        case .hmacSHA256: "RAKP-HMAC-SHA256"
        }
    }
}

/// Integrity algorithms (IPMI 2.0 table 13-18).
public enum IntegrityAlgorithm: UInt8, Sendable, Hashable, CustomStringConvertible {
    case none = 0x00
    case hmacSHA1_96 = 0x01
    case hmacMD5_128 = 0x02
    case md5_128 = 0x03
    case hmacSHA256_128 = 0x04

    /// Bytes of AuthCode in the session trailer.
    public var authCodeLength: Int {
        switch self {
        case .none: 0
        case .hmacSHA1_96: 12
        case .hmacMD5_128, .md5_128, .hmacSHA256_128: 16
        }
    }

    public var description: String {
        switch self {
        case .none: "none"
        case .hmacSHA1_96: "HMAC-SHA1-96"
        case .hmacMD5_128: "HMAC-MD5-128"
        case .md5_128: "MD5-128"
        case .hmacSHA256_128: "HMAC-SHA256-128"
        }
    }
}

/// Confidentiality algorithms (IPMI 2.0 table 13-19).
public enum ConfidentialityAlgorithm: UInt8, Sendable, Hashable, CustomStringConvertible {
    case none = 0x00
    case aesCBC128 = 0x01
    case xRC4_128 = 0x02
    case xRC4_40 = 0x03

    public var description: String {
        switch self {
        case .none: "none"
        case .aesCBC128: "AES-CBC-128"
        case .xRC4_128: "xRC4-128"
        case .xRC4_40: "xRC4-40"
        }
    }
}

/// A cipher suite: the three algorithms a session uses, by the ID `ipmitool -C` takes.
public struct CipherSuite: Sendable, Hashable, CustomStringConvertible {
    public var id: UInt8
    public var authentication: AuthenticationAlgorithm
    public var integrity: IntegrityAlgorithm
    public var confidentiality: ConfidentialityAlgorithm

    public init(
        id: UInt8, authentication: AuthenticationAlgorithm, integrity: IntegrityAlgorithm,
        confidentiality: ConfidentialityAlgorithm
    ) {
        self.id = id
        self.authentication = authentication
        self.integrity = integrity
        self.confidentiality = confidentiality
    }

    /// RAKP-HMAC-SHA1, HMAC-SHA1-96, AES-CBC-128: the suite every IPMI 2.0 BMC must offer.
    public static let suite3 = CipherSuite(
        id: 3, authentication: .hmacSHA1, integrity: .hmacSHA1_96, confidentiality: .aesCBC128)
    /// RAKP-HMAC-SHA256, HMAC-SHA256-128, AES-CBC-128.
    public static let suite17 = CipherSuite(
        id: 17, authentication: .hmacSHA256, integrity: .hmacSHA256_128, confidentiality: .aesCBC128)

    /// The suites this codec implements, strongest first.
    public static let supported: [CipherSuite] = [.suite17, .suite3]

    public static func withID(_ id: UInt8) -> CipherSuite? {
        self.supported.first { $0.id == id }
    }

    /// The supported suite made of these three algorithms, if any.
    public static func matching(
        _ authentication: AuthenticationAlgorithm, _ integrity: IntegrityAlgorithm,
        _ confidentiality: ConfidentialityAlgorithm
    ) -> CipherSuite? {
        self.supported.first {
            $0.authentication == authentication && $0.integrity == integrity && $0.confidentiality == confidentiality
        }
    }

    public var description: String {
        "cipher suite \(self.id) (\(self.authentication), \(self.integrity), \(self.confidentiality))"
    }
}
