/// Writes `JSONValue` documents as block-style YAML the way kubectl prints them: two-space
/// indentation, sequences level with their key, strings quoted whenever a YAML 1.1 reader could
/// take them for something else, multi-line strings as literal blocks.
public enum YAMLWriter {
    /// One document, without a `---` marker, ending in a newline.
    public static func write(_ value: JSONValue) -> String {
        var lines: [String] = []
        switch value {
        case .object(let object) where !object.isEmpty:
            self.mapping(object, indent: 0, into: &lines)
        case .array(let items) where !items.isEmpty:
            self.sequence(items, indent: 0, into: &lines)
        default:
            let (head, body) = self.scalar(value, indent: 0)
            lines.append(head)
            lines.append(contentsOf: body)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Several documents separated by `---` lines.
    public static func write(documents: [JSONValue]) -> String {
        documents.map { "---\n" + self.write($0) }.joined()
    }

    private static func mapping(_ object: JSONObject, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        for member in object.members {
            let key = self.key(member.key)
            switch member.value {
            case .object(let nested) where !nested.isEmpty:
                lines.append("\(pad)\(key):")
                self.mapping(nested, indent: indent + 2, into: &lines)
            case .array(let items) where !items.isEmpty:
                lines.append("\(pad)\(key):")
                self.sequence(items, indent: indent, into: &lines)
            default:
                let (head, body) = self.scalar(member.value, indent: indent + 2)
                lines.append("\(pad)\(key): \(head)")
                lines.append(contentsOf: body)
            }
        }
    }

    private static func sequence(_ items: [JSONValue], indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            var itemLines: [String] = []
            switch item {
            case .object(let nested) where !nested.isEmpty:
                self.mapping(nested, indent: indent + 2, into: &itemLines)
            case .array(let nested) where !nested.isEmpty:
                self.sequence(nested, indent: indent + 2, into: &itemLines)
            default:
                let (head, body) = self.scalar(item, indent: indent + 2)
                lines.append("\(pad)- \(head)")
                lines.append(contentsOf: body)
                continue
            }
            // The first line of a nested block starts at indent + 2: put the dash in its margin.
            if let first = itemLines.first {
                itemLines[0] = pad + "- " + first.dropFirst(indent + 2)
            }
            lines.append(contentsOf: itemLines)
        }
    }

    /// A scalar (or empty collection) as the text after `key: ` or `- `, plus block lines.
    private static func scalar(_ value: JSONValue, indent: Int) -> (String, [String]) {
        switch value {
        case .null: return ("null", [])
        case .bool(let flag): return (flag ? "true" : "false", [])
        case .int(let number): return (String(number), [])
        case .double(let number): return (JSONWriter.number(number), [])
        case .array: return ("[]", [])
        case .object: return ("{}", [])
        case .string(let text):
            if let block = self.literalBlock(text, indent: indent) {
                return block
            }
            return (self.quoted(text), [])
        }
    }

    private static func key(_ text: String) -> String {
        YAMLScalar.canBePlain(text) ? text : self.quoted(text)
    }

    private static func quoted(_ text: String) -> String {
        if YAMLScalar.canBePlain(text) {
            return text
        }
        var output = ""
        JSONWriter.quote(text, into: &output)
        return output
    }

    /// A literal block (`|`, `|-` or `|+`) for multi-line text that reads back unchanged.
    private static func literalBlock(_ text: String, indent: Int) -> (String, [String])? {
        guard text.contains("\n") else {
            return nil
        }
        let printable = text.unicodeScalars.allSatisfy { scalar in
            scalar == "\n" || scalar == "\t"
                || (scalar.value >= 0x20 && scalar.value != 0x7F)
                    && !(0x80..<0xA0).contains(scalar.value) && scalar.value != 0xFEFF
                    && scalar.value != 0x2028 && scalar.value != 0x2029
        }
        guard printable else {
            return nil
        }
        var body = Substring(text)
        var trailingNewlines = 0
        while body.hasSuffix("\n") {
            body = body.dropLast()
            trailingNewlines += 1
        }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        // The reader takes the indentation from the first non-empty line, so it must not start
        // with white space; lines of only spaces would be read as indentation.
        guard let firstContent = lines.first(where: { !$0.isEmpty }),
            !firstContent.hasPrefix(" "), !firstContent.hasPrefix("\t"),
            !lines.contains(where: { !$0.isEmpty && $0.allSatisfy { $0 == " " } })
        else {
            return nil
        }
        let indicator: String
        switch trailingNewlines {
        case 0: indicator = "|-"
        case 1: indicator = "|"
        default: indicator = "|+"
        }
        let pad = String(repeating: " ", count: indent)
        var output = lines.map { $0.isEmpty ? "" : pad + $0 }
        if trailingNewlines > 1 {
            output.append(contentsOf: Array(repeating: "", count: trailingNewlines - 1))
        }
        return (indicator, output)
    }
}
