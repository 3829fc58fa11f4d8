import NIOCore

/// Set Session Privilege Level (App 0x3B, IPMI 2.0 section 22.18).
public enum SetSessionPrivilegeLevel {
    public static let command = IPMICommand.setSessionPrivilegeLevel

    public struct Request: IPMIWireCodable, Hashable {
        /// `.highest` (0) asks for the current level without changing it.
        public var privilege: PrivilegeLevel

        public init(privilege: PrivilegeLevel) {
            self.privilege = privilege
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeInteger(self.privilege.rawValue)
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Request {
            let byte: UInt8 = try reader.readInteger("set session privilege.level")
            guard let privilege = PrivilegeLevel(rawValue: byte & 0x0F) else {
                throw .invalidValue(field: "set session privilege.level", value: UInt64(byte), expected: "0-5")
            }
            return Request(privilege: privilege)
        }
    }

    public struct Response: IPMIWireCodable, Hashable {
        public var privilege: PrivilegeLevel

        public init(privilege: PrivilegeLevel) {
            self.privilege = privilege
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeInteger(self.privilege.rawValue)
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Response {
            let byte: UInt8 = try reader.readInteger("set session privilege response.level")
            guard let privilege = PrivilegeLevel(rawValue: byte & 0x0F) else {
                throw .invalidValue(field: "set session privilege response.level", value: UInt64(byte), expected: "1-5")
            }
            return Response(privilege: privilege)
        }
    }
}

/// Close Session (App 0x3C, IPMI 2.0 section 22.19).
public enum CloseSession {
    public static let command = IPMICommand.closeSession

    public struct Request: IPMIWireCodable, Hashable {
        /// The BMC's ID of the session to close.
        public var sessionID: UInt32
        /// Used only when `sessionID` is 0.
        public var sessionHandle: UInt8?

        public init(sessionID: UInt32, sessionHandle: UInt8? = nil) {
            self.sessionID = sessionID
            self.sessionHandle = sessionHandle
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeIPMIInteger(self.sessionID)
            if self.sessionID == 0, let handle = self.sessionHandle {
                buffer.writeInteger(handle)
            }
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Request {
            let id: UInt32 = try reader.readInteger("close session.session_id")
            var handle: UInt8?
            if id == 0, reader.remaining > 0 {
                handle = try reader.readInteger("close session.session_handle", as: UInt8.self)
            }
            return Request(sessionID: id, sessionHandle: handle)
        }
    }
}
