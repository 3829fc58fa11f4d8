/// Writes a `JSONValue` as JSON text: compact, or pretty with four-space indentation as kubectl
/// prints `-o json`.
public enum JSONWriter {
    public static func write(_ value: JSONValue, pretty: Bool = true) -> String {
        var output = ""
        self.write(value, indent: 0, pretty: pretty, into: &output)
        if pretty {
            output += "\n"
        }
        return output
    }

    private static func write(_ value: JSONValue, indent: Int, pretty: Bool, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number): output += self.number(number)
        case .string(let text): self.quote(text, into: &output)
        case .array(let items):
            self.writeArray(items, indent: indent, pretty: pretty, into: &output)
        case .object(let object):
            self.writeObject(object, indent: indent, pretty: pretty, into: &output)
        }
    }

    private static func writeArray(_ items: [JSONValue], indent: Int, pretty: Bool, into output: inout String) {
        guard !items.isEmpty else {
            output += "[]"
            return
        }
        output += "["
        for (index, item) in items.enumerated() {
            if index > 0 {
                output += ","
            }
            self.newline(indent + 1, pretty: pretty, into: &output)
            self.write(item, indent: indent + 1, pretty: pretty, into: &output)
        }
        self.newline(indent, pretty: pretty, into: &output)
        output += "]"
    }

    private static func writeObject(_ object: JSONObject, indent: Int, pretty: Bool, into output: inout String) {
        guard !object.isEmpty else {
            output += "{}"
            return
        }
        output += "{"
        for (index, member) in object.members.enumerated() {
            if index > 0 {
                output += ","
            }
            self.newline(indent + 1, pretty: pretty, into: &output)
            self.quote(member.key, into: &output)
            output += pretty ? ": " : ":"
            self.write(member.value, indent: indent + 1, pretty: pretty, into: &output)
        }
        self.newline(indent, pretty: pretty, into: &output)
        output += "}"
    }

    private static func newline(_ indent: Int, pretty: Bool, into output: inout String) {
        guard pretty else {
            return
        }
        output += "\n"
        output += String(repeating: "    ", count: indent)
    }

    static func number(_ number: Double) -> String {
        guard number.isFinite else {
            // JSON has no infinities; the decoders refuse them, so only a Swift caller gets here.
            return "null"
        }
        return "\(number)"
    }

    /// Appends `text` as a JSON string literal (also a valid YAML double-quoted scalar).
    static func quote(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF
                {
                    output += "\\u" + self.hex4(scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
