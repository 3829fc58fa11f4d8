import NIOCore

/// RMCP+ Open Session Response (IPMI 2.0 table 13-10). On an error status only the first 8 bytes are sent.
public struct OpenSessionResponse: IPMIWireCodable, Hashable {
    public var messageTag: UInt8
    public var status: RMCPPlusStatus
    public var maximumPrivilege: PrivilegeLevel
    public var consoleSessionID: UInt32
    /// The BMC's ID for the session (the console puts it in every later packet); absent on error.
    public var bmcSessionID: UInt32
    public var suite: CipherSuite?

    public init(
        messageTag: UInt8, status: RMCPPlusStatus, maximumPrivilege: PrivilegeLevel, consoleSessionID: UInt32,
        bmcSessionID: UInt32 = 0, suite: CipherSuite? = nil
    ) {
        self.messageTag = messageTag
        self.status = status
        self.maximumPrivilege = maximumPrivilege
        self.consoleSessionID = consoleSessionID
        self.bmcSessionID = bmcSessionID
        self.suite = suite
    }

    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(self.messageTag)
        buffer.writeInteger(self.status.rawValue)
        buffer.writeInteger(self.status == .noErrors ? self.maximumPrivilege.rawValue : 0)
        buffer.writeInteger(UInt8(0))
        buffer.writeIPMIInteger(self.consoleSessionID)
        guard self.status == .noErrors, let suite = self.suite else {
            return
        }
        buffer.writeIPMIInteger(self.bmcSessionID)
        AlgorithmPayload(kind: 0x00, algorithm: suite.authentication.rawValue).encode(into: &buffer)
        AlgorithmPayload(kind: 0x01, algorithm: suite.integrity.rawValue).encode(into: &buffer)
        AlgorithmPayload(kind: 0x02, algorithm: suite.confidentiality.rawValue).encode(into: &buffer)
    }

    public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> OpenSessionResponse {
        let tag: UInt8 = try reader.readInteger("open session response.message_tag")
        let status = RMCPPlusStatus(rawValue: try reader.readInteger("open session response.status"))
        let privilegeByte: UInt8 = try reader.readInteger("open session response.maximum_privilege")
        try reader.skip("open session response.reserved", count: 1)
        let consoleSessionID: UInt32 = try reader.readInteger("open session response.console_session_id")
        guard status == .noErrors else {
            return OpenSessionResponse(
                messageTag: tag, status: status, maximumPrivilege: .highest, consoleSessionID: consoleSessionID)
        }
        guard let privilege = PrivilegeLevel(rawValue: privilegeByte & 0x0F), privilege != .highest else {
            throw .invalidValue(
                field: "open session response.maximum_privilege", value: UInt64(privilegeByte), expected: "1-5")
        }
        let bmcSessionID: UInt32 = try reader.readInteger("open session response.bmc_session_id")
        guard bmcSessionID != 0 else {
            throw .invalidValue(field: "open session response.bmc_session_id", value: 0, expected: "non-zero")
        }
        let auth = try AlgorithmPayload.decode(from: &reader, kind: 0x00, field: "authentication payload")
        let integrity = try AlgorithmPayload.decode(from: &reader, kind: 0x01, field: "integrity payload")
        let confidentiality = try AlgorithmPayload.decode(from: &reader, kind: 0x02, field: "confidentiality payload")
        guard let a = AuthenticationAlgorithm(rawValue: auth), let i = IntegrityAlgorithm(rawValue: integrity),
            let c = ConfidentialityAlgorithm(rawValue: confidentiality), let suite = CipherSuite.matching(a, i, c)
        else {
            throw .invalidValue(
                field: "open session response.algorithms",
                value: UInt64(auth) << 16 | UInt64(integrity) << 8
                    | UInt64(confidentiality), expected: "cipher suite 3 or 17")
        }
        return OpenSessionResponse(
            messageTag: tag, status: status, maximumPrivilege: privilege, consoleSessionID: consoleSessionID,
            bmcSessionID: bmcSessionID, suite: suite)
    }
}
