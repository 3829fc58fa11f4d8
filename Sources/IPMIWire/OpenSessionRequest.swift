import NIOCore

/// RMCP+ Open Session Request (IPMI 2.0 table 13-9): the console proposes one algorithm of each kind.
public struct OpenSessionRequest: IPMIWireCodable, Hashable {
    public var messageTag: UInt8
    /// `.highest` asks for the most the user may have.
    public var requestedPrivilege: PrivilegeLevel
    public var consoleSessionID: UInt32
    /// Raw algorithm numbers: a request may name algorithms this codec does not implement.
    public var authenticationAlgorithm: UInt8
    public var integrityAlgorithm: UInt8
    public var confidentialityAlgorithm: UInt8

    public init(messageTag: UInt8, requestedPrivilege: PrivilegeLevel, consoleSessionID: UInt32, suite: CipherSuite) {
        self.messageTag = messageTag
        self.requestedPrivilege = requestedPrivilege
        self.consoleSessionID = consoleSessionID
        self.authenticationAlgorithm = suite.authentication.rawValue
        self.integrityAlgorithm = suite.integrity.rawValue
        self.confidentialityAlgorithm = suite.confidentiality.rawValue
    }

    /// The supported suite the three proposed algorithms make, if any.
    public var proposedSuite: CipherSuite? {
        guard let auth = AuthenticationAlgorithm(rawValue: self.authenticationAlgorithm),
            let integrity = IntegrityAlgorithm(rawValue: self.integrityAlgorithm),
            let confidentiality = ConfidentialityAlgorithm(rawValue: self.confidentialityAlgorithm)
        else {
            return nil
        }
        return CipherSuite.matching(auth, integrity, confidentiality)
    }

    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(self.messageTag)
        buffer.writeInteger(self.requestedPrivilege.rawValue)
        buffer.writeRepeatingByte(0, count: 2)
        buffer.writeIPMIInteger(self.consoleSessionID)
        AlgorithmPayload(kind: 0x00, algorithm: self.authenticationAlgorithm).encode(into: &buffer)
        AlgorithmPayload(kind: 0x01, algorithm: self.integrityAlgorithm).encode(into: &buffer)
        AlgorithmPayload(kind: 0x02, algorithm: self.confidentialityAlgorithm).encode(into: &buffer)
    }

    public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> OpenSessionRequest {
        let tag: UInt8 = try reader.readInteger("open session request.message_tag")
        let privilegeByte: UInt8 = try reader.readInteger("open session request.requested_privilege")
        guard let privilege = PrivilegeLevel(rawValue: privilegeByte & 0x0F) else {
            throw .invalidValue(
                field: "open session request.requested_privilege", value: UInt64(privilegeByte), expected: "0-5")
        }
        try reader.skip("open session request.reserved", count: 2)
        let sessionID: UInt32 = try reader.readInteger("open session request.console_session_id")
        let auth = try AlgorithmPayload.decode(from: &reader, kind: 0x00, field: "authentication payload")
        let integrity = try AlgorithmPayload.decode(from: &reader, kind: 0x01, field: "integrity payload")
        let confidentiality = try AlgorithmPayload.decode(from: &reader, kind: 0x02, field: "confidentiality payload")
        var request = OpenSessionRequest(
            messageTag: tag, requestedPrivilege: privilege, consoleSessionID: sessionID, suite: .suite3)
        request.authenticationAlgorithm = auth
        request.integrityAlgorithm = integrity
        request.confidentialityAlgorithm = confidentiality
        return request
    }
}

/// One 8-byte algorithm proposal of Open Session Request/Response: type, reserved, length 8, algorithm, reserved.
struct AlgorithmPayload {
    var kind: UInt8
    var algorithm: UInt8

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeBytes([self.kind, 0, 0, 0x08, self.algorithm & 0x3F, 0, 0, 0])
    }

    static func decode(from reader: inout IPMIReader, kind: UInt8, field: String) throws(IPMIWireError) -> UInt8 {
        let bytes = try reader.readBytes(field, count: 8)
        guard bytes[0] == kind else {
            throw .invalidValue(field: "\(field).payload_type", value: UInt64(bytes[0]), expected: "\(kind)")
        }
        // A zero-length proposal means "any"; Foundry does not offer wildcards and treats it as the default 0.
        guard bytes[3] == 0x08 || bytes[3] == 0x00 else {
            throw .invalidValue(field: "\(field).payload_length", value: UInt64(bytes[3]), expected: "8")
        }
        return bytes[4] & 0x3F
    }
}
