/// How plain (unquoted) YAML scalars resolve to JSON types, following the YAML 1.1 rules that
/// Kubernetes' YAML reader applies (`yes`/`on` are booleans, `~` is null), without timestamps or
/// base-60 numbers, which Kubernetes turns back into strings anyway.
enum YAMLScalar {
    static func resolvePlain(_ text: String) -> JSONValue {
        // Most scalars are names and URLs: only these first characters can start anything else.
        guard let first = text.utf8.first else {
            return .null
        }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "o"),
            UInt8(ascii: "O"):
            break
        default:
            return .string(text)
        }
        switch text {
        case "", "~", "null", "Null", "NULL":
            return .null
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON":
            return .bool(true)
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF":
            return .bool(false)
        default:
            break
        }
        if let number = self.integer(text) {
            return .int(number)
        }
        if let number = self.float(text) {
            return .double(number)
        }
        return .string(text)
    }

    /// Decimal, `0x` hexadecimal and `0o` or leading-zero octal integers.
    static func integer(_ text: String) -> Int64? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        guard let first = body.first, first.isASCII, first.isNumber else {
            return nil
        }
        var radix = 10
        if body.hasPrefix("0x") {
            radix = 16
            body = body.dropFirst(2)
        } else if body.hasPrefix("0o") {
            radix = 8
            body = body.dropFirst(2)
        } else if body.count > 1, body.hasPrefix("0") {
            radix = 8
            body = body.dropFirst()
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isHexDigit }) else {
            return nil
        }
        guard let magnitude = UInt64(body, radix: radix) else {
            return nil
        }
        if negative {
            return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// `[-+]?(.digits|digits[.digits])([eE][-+]?digits)?`; infinities and NaN are not JSON.
    static func float(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            index += 1
        }
        let digitsStart = index
        while index < bytes.count, (48...57).contains(bytes[index]) {
            index += 1
        }
        var digitCount = index - digitsStart
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, (48...57).contains(bytes[index]) {
                index += 1
            }
            digitCount += index - fractionStart
        }
        guard digitCount > 0 else {
            return nil
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            let exponentStart = index
            while index < bytes.count, (48...57).contains(bytes[index]) {
                index += 1
            }
            guard index > exponentStart else {
                return nil
            }
        }
        guard index == bytes.count, let number = Double(text.hasPrefix("+") ? String(text.dropFirst()) : text),
            number.isFinite
        else {
            return nil
        }
        return number
    }

    /// Whether `text` may be written unquoted and still read back as the same string, by this
    /// reader and by other YAML 1.1 readers (PyYAML, go-yaml), which also know timestamps,
    /// base-60 numbers, `y`/`n` and `.inf`.
    static func canBePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else {
            return false
        }
        guard first != " ", last != " ", self.isPlainSafeStart(first) else {
            return false
        }
        guard text.unicodeScalars.allSatisfy(self.isPlainSafe) else {
            return false
        }
        guard self.resolvePlain(text) == .string(text) else {
            return false
        }
        return !self.looksLikeYAML11Special(text)
    }

    private static func isPlainSafeStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "/", ".", "_": true
        default: false
        }
    }

    private static func isPlainSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "/", ".", "_", "-", "+", "=", "@", " ", "(", ")", ";", "~", "^", "$":
            true
        default: false
        }
    }

    private static func looksLikeYAML11Special(_ text: String) -> Bool {
        switch text {
        case "y", "Y", "n", "N", "=", "<<", ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN":
            return true
        default:
            break
        }
        if text.hasPrefix("."), text.dropFirst().first?.isNumber == true {
            return true
        }
        // Numbers with underscores (1_000) and dates (2026-11-22...) resolve to non-strings in YAML 1.1.
        let digitsAndUnderscores = text.allSatisfy { $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" || $0 == "+" }
        if digitsAndUnderscores, text.contains(where: \.isNumber) {
            return true
        }
        let prefix = Array(text.utf8.prefix(5))
        return prefix.count == 5 && prefix[0...3].allSatisfy { (48...57).contains($0) }
            && prefix[4] == UInt8(ascii: "-")
    }
}
