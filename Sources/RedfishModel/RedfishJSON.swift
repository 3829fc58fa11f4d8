import Foundation

/// The JSON coders both sides use, so that what the simulator writes is what the client reads.
public enum RedfishJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }

    /// Says where a decoding error is, in terms a reader of the JSON understands:
    /// `Boot.BootSourceOverrideTarget: expected a string`.
    public static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else {
            return String(describing: error)
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(self.path(context.codingPath)): expected \(self.typeName(type)) (\(context.debugDescription))"
        case .valueNotFound(let type, let context):
            return "\(self.path(context.codingPath)): expected \(self.typeName(type)), found null"
        case .keyNotFound(let key, let context):
            return "\(self.path(context.codingPath + [key])): required property is missing"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.localizedDescription
            return "\(self.path(context.codingPath)): \(underlying ?? context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty
            ? "body" : codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        default: String(describing: type)
        }
    }
}
