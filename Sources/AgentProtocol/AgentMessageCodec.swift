import Foundation

/// Encodes and decodes agent API messages, checking size and version and turning decoding errors
/// into messages that name the field.
public enum AgentMessageCodec {
    public static func encode(_ message: some Encodable) throws(AgentProtocolError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(message)
        } catch {
            throw AgentProtocolError(reason: "cannot encode \(type(of: message)): \(error)")
        }
    }

    public static func decode<Message: Decodable>(
        _ type: Message.Type, from data: Data
    ) throws(AgentProtocolError) -> Message {
        guard data.count <= AgentAPI.maximumMessageBytes else {
            throw AgentProtocolError(
                reason:
                    "\(Message.self) of \(data.count) bytes is larger than the \(AgentAPI.maximumMessageBytes) allowed")
        }
        try self.checkVersion(data, of: Message.self)
        do {
            return try JSONDecoder().decode(Message.self, from: data)
        } catch let error as DecodingError {
            throw AgentProtocolError(reason: "invalid \(Message.self): \(Self.describe(error))")
        } catch {
            throw AgentProtocolError(reason: "invalid \(Message.self): \(error)")
        }
    }

    /// Every message carries `version`; a peer speaking another version gets told so plainly
    /// rather than a confusing field error.
    private static func checkVersion<Message>(_ data: Data, of type: Message.Type) throws(AgentProtocolError) {
        guard let versioned = try? JSONDecoder().decode(Versioned.self, from: data), let version = versioned.version
        else {
            return
        }
        guard version == AgentAPI.version else {
            throw AgentProtocolError(
                reason: "\(Message.self) has protocol version \(version); this side speaks version \(AgentAPI.version)")
        }
    }

    private struct Versioned: Decodable {
        var version: Int?
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context, appending key: CodingKey? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "(top level)" : text)
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context, appending: key)): required field is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context)): expected \(type), found null"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
