/// Kubernetes' syntax rules for names, label keys and values, and annotation keys. Each check
/// returns the reasons a string breaks the rule (empty when it is fine).
public enum LabelRules {
    /// A label key or annotation key: `[prefix/]name`, the prefix a DNS subdomain of at most 253
    /// characters, the name at most 63 characters of `[A-Za-z0-9._-]`, alphanumeric at both ends.
    public static func qualifiedNameProblems(_ text: String) -> [String] {
        let parts = text.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            return self.qualifiedNamePartProblems(String(parts[0]))
        case 2:
            let prefix = String(parts[0])
            var problems: [String] = []
            if prefix.isEmpty {
                problems.append("prefix part must be non-empty")
            } else {
                problems += self.dns1123SubdomainProblems(prefix).map { "prefix part \($0)" }
            }
            return problems + self.qualifiedNamePartProblems(String(parts[1]))
        default:
            return ["must be a name, optionally prefixed by a DNS subdomain and \"/\" (e.g. \"example.com/rack\")"]
        }
    }

    private static func qualifiedNamePartProblems(_ name: String) -> [String] {
        if name.isEmpty {
            return ["name part must be non-empty"]
        }
        var problems: [String] = []
        if name.count > 63 {
            problems.append("name part must be no more than 63 characters (got \(name.count))")
        }
        if !self.isAlphanumericEdged(name, allowed: { $0 == "-" || $0 == "_" || $0 == "." }) {
            problems.append(
                "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
            )
        }
        return problems
    }

    /// A label value: empty, or at most 63 characters of `[A-Za-z0-9._-]`, alphanumeric at both ends.
    public static func labelValueProblems(_ value: String) -> [String] {
        if value.isEmpty {
            return []
        }
        var problems: [String] = []
        if value.count > 63 {
            problems.append("must be no more than 63 characters (got \(value.count))")
        }
        if !self.isAlphanumericEdged(value, allowed: { $0 == "-" || $0 == "_" || $0 == "." }) {
            problems.append(
                "invalid label value \"\(value)\": must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
            )
        }
        return problems
    }

    /// RFC 1123 subdomain: at most 253 characters, lowercase alphanumerics, '-' and '.', with
    /// alphanumerics at both ends (most object names).
    public static func dns1123SubdomainProblems(_ text: String) -> [String] {
        if text.isEmpty {
            return ["must be non-empty"]
        }
        var problems: [String] = []
        if text.utf8.count > 253 {
            problems.append("must be no more than 253 characters (got \(text.utf8.count))")
        }
        let labelsValid = text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
            self.isLowercaseLabel(Substring($0))
        }
        if !labelsValid {
            problems.append(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. \"example.com\")"
            )
        }
        return problems
    }

    /// RFC 1123 label: at most 63 lowercase alphanumerics and '-', alphanumeric at both ends
    /// (namespaces, worker pool names).
    public static func dns1123LabelProblems(_ text: String) -> [String] {
        if text.isEmpty {
            return ["must be non-empty"]
        }
        var problems: [String] = []
        if text.utf8.count > 63 {
            problems.append("must be no more than 63 characters (got \(text.utf8.count))")
        }
        if !self.isLowercaseLabel(Substring(text)) {
            problems.append(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. \"rack-1\")"
            )
        }
        return problems
    }

    private static func isLowercaseLabel(_ label: Substring) -> Bool {
        guard let first = label.first, let last = label.last else {
            return false
        }
        let isLowerAlnum: (Character) -> Bool = { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        return isLowerAlnum(first) && isLowerAlnum(last) && label.allSatisfy { isLowerAlnum($0) || $0 == "-" }
    }

    private static func isAlphanumericEdged(_ text: String, allowed: (Character) -> Bool) -> Bool {
        guard let first = text.first, let last = text.last else {
            return false
        }
        let isAlnum: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return isAlnum(first) && isAlnum(last) && text.allSatisfy { isAlnum($0) || allowed($0) }
    }

    /// Labels: every key a qualified name, every value a label value.
    public static func labelProblems(_ labels: [String: String]?, at path: FieldPath) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        for (key, value) in (labels ?? [:]).sorted(by: { $0.key < $1.key }) {
            problems += self.qualifiedNameProblems(key).map {
                FieldProblem(path.key(key), "invalid label key \"\(key)\": \($0)")
            }
            problems += self.labelValueProblems(value).map { FieldProblem(path.key(key), $0) }
        }
        return problems
    }

    /// Annotations: every key a qualified name; values free, at most 256 KiB in total.
    public static func annotationProblems(_ annotations: [String: String]?, at path: FieldPath) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        var total = 0
        for (key, value) in (annotations ?? [:]).sorted(by: { $0.key < $1.key }) {
            total += key.utf8.count + value.utf8.count
            problems += self.qualifiedNameProblems(key).map {
                FieldProblem(path.key(key), "invalid annotation key \"\(key)\": \($0)")
            }
        }
        if total > 256 * 1024 {
            problems.append(FieldProblem(path, "annotations total \(total) bytes, over the 262144-byte limit"))
        }
        return problems
    }
}
