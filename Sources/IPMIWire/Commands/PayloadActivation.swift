import NIOCore

/// Activate Payload (App 0x48, IPMI 2.0 section 24.1): start a payload such as SOL on this session.
public enum ActivatePayload {
    public static let command = IPMICommand.activatePayload

    public struct Request: IPMIWireCodable, Hashable {
        public var payloadType: UInt8
        public var instance: UInt8
        /// Auxiliary request data, byte 1 bit 7: encrypt the payload; bit 6: authenticate it.
        public var auxiliary: [UInt8]

        public init(payloadType: PayloadType = .sol, instance: UInt8 = 1, encrypt: Bool, authenticate: Bool) {
            self.payloadType = payloadType.rawValue
            self.instance = instance
            var first: UInt8 = 0
            if encrypt { first |= 0x80 }
            if authenticate { first |= 0x40 }
            // Bits 3:2 = 0: serial alerts fail while SOL is active (the usual choice of ipmitool).
            self.auxiliary = [first, 0, 0, 0]
        }

        public var encrypt: Bool { self.auxiliary.first.map { $0 & 0x80 != 0 } ?? false }
        public var authenticate: Bool { self.auxiliary.first.map { $0 & 0x40 != 0 } ?? false }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeInteger(self.payloadType & 0x3F)
            buffer.writeInteger(self.instance & 0x0F)
            buffer.writeBytes(self.auxiliary.prefix(4))
            buffer.writeRepeatingByte(0, count: max(0, 4 - self.auxiliary.count))
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Request {
            let bytes = try reader.readBytes("activate payload", count: 6)
            var request = Request(encrypt: false, authenticate: false)
            request.payloadType = bytes[0] & 0x3F
            request.instance = bytes[1] & 0x0F
            request.auxiliary = Array(bytes[2..<6])
            return request
        }
    }

    public struct Response: IPMIWireCodable, Hashable {
        public var auxiliary: [UInt8]
        /// Largest payload the BMC accepts from the console, and sends to it.
        public var inboundPayloadSize: UInt16
        public var outboundPayloadSize: UInt16
        /// The UDP port the payload runs on (the BMC's own port here).
        public var port: UInt16
        /// 0xFFFF: no VLAN.
        public var vlan: UInt16

        public init(
            auxiliary: [UInt8] = [0, 0, 0, 0], inboundPayloadSize: UInt16, outboundPayloadSize: UInt16, port: UInt16,
            vlan: UInt16 = 0xFFFF
        ) {
            self.auxiliary = auxiliary
            self.inboundPayloadSize = inboundPayloadSize
            self.outboundPayloadSize = outboundPayloadSize
            self.port = port
            self.vlan = vlan
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeBytes(self.auxiliary.prefix(4))
            buffer.writeRepeatingByte(0, count: max(0, 4 - self.auxiliary.count))
            buffer.writeIPMIInteger(self.inboundPayloadSize)
            buffer.writeIPMIInteger(self.outboundPayloadSize)
            buffer.writeIPMIInteger(self.port)
            buffer.writeIPMIInteger(self.vlan)
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Response {
            let aux = try reader.readBytes("activate payload.auxiliary", count: 4)
            return Response(
                auxiliary: aux, inboundPayloadSize: try reader.readInteger("activate payload.inbound_size"),
                outboundPayloadSize: try reader.readInteger("activate payload.outbound_size"),
                port: try reader.readInteger("activate payload.port"),
                vlan: try reader.readInteger("activate payload.vlan"))
        }
    }
}

/// Deactivate Payload (App 0x49, IPMI 2.0 section 24.2).
public enum DeactivatePayload {
    public static let command = IPMICommand.deactivatePayload

    public struct Request: IPMIWireCodable, Hashable {
        public var payloadType: UInt8
        public var instance: UInt8

        public init(payloadType: PayloadType = .sol, instance: UInt8 = 1) {
            self.payloadType = payloadType.rawValue
            self.instance = instance
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeBytes([self.payloadType & 0x3F, self.instance & 0x0F, 0, 0, 0, 0])
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Request {
            let bytes = try reader.readBytes("deactivate payload", count: 2)
            // The four auxiliary bytes are reserved; accept them present or not.
            if reader.remaining > 0 {
                try reader.skip("deactivate payload.auxiliary", count: min(4, reader.remaining))
            }
            var request = Request()
            request.payloadType = bytes[0] & 0x3F
            request.instance = bytes[1] & 0x0F
            return request
        }
    }
}

/// Get Payload Activation Status (App 0x4A, IPMI 2.0 section 24.4).
public enum GetPayloadActivationStatus {
    public static let command = IPMICommand.getPayloadActivationStatus

    public struct Request: IPMIWireCodable, Hashable {
        public var payloadType: UInt8

        public init(payloadType: PayloadType = .sol) {
            self.payloadType = payloadType.rawValue
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeInteger(self.payloadType & 0x3F)
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Request {
            var request = Request()
            request.payloadType = try reader.readInteger("get payload activation status.type", as: UInt8.self) & 0x3F
            return request
        }
    }

    public struct Response: IPMIWireCodable, Hashable {
        /// How many instances of the payload may run at once (1-15).
        public var capacity: UInt8
        /// Bit n set: instance n + 1 is active.
        public var activeInstances: UInt16

        public init(capacity: UInt8, activeInstances: UInt16) {
            self.capacity = capacity
            self.activeInstances = activeInstances
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeInteger(self.capacity & 0x0F)
            buffer.writeIPMIInteger(self.activeInstances)
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Response {
            Response(
                capacity: try reader.readInteger("payload activation status.capacity", as: UInt8.self) & 0x0F,
                activeInstances: try reader.readInteger("payload activation status.instances"))
        }
    }
}

/// Get Channel Payload Support (App 0x4E, IPMI 2.0 section 24.8).
public enum GetChannelPayloadSupport {
    public static let command = IPMICommand.getChannelPayloadSupport

    public struct Request: IPMIWireCodable, Hashable {
        public var channel: UInt8

        public init(channel: UInt8 = GetChannelAuthenticationCapabilities.currentChannel) {
            self.channel = channel
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeInteger(self.channel & 0x0F)
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Request {
            Request(channel: try reader.readInteger("get channel payload support.channel", as: UInt8.self) & 0x0F)
        }
    }

    public struct Response: IPMIWireCodable, Hashable {
        /// Bit n: standard payload type n (0 IPMI, 1 SOL, 2 OEM explicit).
        public var standardPayloads: UInt16
        /// Bit n: session setup payload type 0x10 + n.
        public var sessionSetupPayloads: UInt16
        /// Bit n: OEM payload type 0x20 + n.
        public var oemPayloads: UInt16

        public init(standardPayloads: UInt16, sessionSetupPayloads: UInt16, oemPayloads: UInt16 = 0) {
            self.standardPayloads = standardPayloads
            self.sessionSetupPayloads = sessionSetupPayloads
            self.oemPayloads = oemPayloads
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeIPMIInteger(self.standardPayloads)
            buffer.writeIPMIInteger(self.sessionSetupPayloads)
            buffer.writeIPMIInteger(self.oemPayloads)
            buffer.writeIPMIInteger(UInt16(0))
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Response {
            let response = Response(
                standardPayloads: try reader.readInteger("channel payload support.standard"),
                sessionSetupPayloads: try reader.readInteger("channel payload support.session_setup"),
                oemPayloads: try reader.readInteger("channel payload support.oem"))
            try reader.skip("channel payload support.reserved", count: 2)
            return response
        }
    }
}

/// Get Channel Payload Version (App 0x4F, IPMI 2.0 section 24.9); libipmiconsole uses it as a keep-alive.
public enum GetChannelPayloadVersion {
    public static let command = IPMICommand(.app, 0x4F)

    public struct Request: IPMIWireCodable, Hashable {
        public var channel: UInt8
        public var payloadType: UInt8

        public init(channel: UInt8 = GetChannelAuthenticationCapabilities.currentChannel, payloadType: PayloadType) {
            self.channel = channel
            self.payloadType = payloadType.rawValue
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeBytes([self.channel & 0x0F, self.payloadType & 0x3F])
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Request {
            let bytes = try reader.readBytes("get channel payload version", count: 2)
            var request = Request(payloadType: .ipmi)
            request.channel = bytes[0] & 0x0F
            request.payloadType = bytes[1] & 0x3F
            return request
        }
    }
}
