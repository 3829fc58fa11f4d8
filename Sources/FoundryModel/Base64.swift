import Foundation

/// Standard base64 with padding, as Kubernetes writes Secret `data`.
public enum Base64 {
    public static func decode(_ text: String) -> Data? {
        Data(base64Encoded: text)
    }

    public static func encode(_ data: Data) -> String {
        data.base64EncodedString()
    }
}
