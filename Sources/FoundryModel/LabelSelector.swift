/// A Kubernetes label selector: `matchLabels` and `matchExpressions`, all of which must hold.
/// An empty selector matches everything.
public struct LabelSelector: Codable, Sendable, Hashable, CustomStringConvertible {
    public var matchLabels: [String: String]?
    public var matchExpressions: [LabelSelectorRequirement]?

    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// Parses kubectl's `-l` syntax: `a=b,c!=d,e in (x,y),f notin (z),g,!h`.
    public static func parse(_ text: String) throws(LabelSelectorParseError) -> LabelSelector {
        var parser = LabelSelectorParser(text)
        return try parser.parse()
    }

    public var isEmpty: Bool {
        (self.matchLabels ?? [:]).isEmpty && (self.matchExpressions ?? []).isEmpty
    }

    /// Every requirement, `matchLabels` first as `In` with one value.
    public var requirements: [LabelSelectorRequirement] {
        let labels = (self.matchLabels ?? [:]).sorted { $0.key < $1.key }.map {
            LabelSelectorRequirement(key: $0.key, operator: .in, values: [$0.value])
        }
        return labels + (self.matchExpressions ?? [])
    }

    public func matches(_ labels: [String: String]?) -> Bool {
        let labels = labels ?? [:]
        return self.requirements.allSatisfy { $0.matches(labels) }
    }

    /// kubectl's text form, which `parse` reads back.
    public var description: String {
        self.requirements.map(\.description).joined(separator: ",")
    }
}

public struct LabelSelectorRequirement: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Operator: String, Codable, Sendable, Hashable, CaseIterable {
        case `in` = "In"
        case notIn = "NotIn"
        case exists = "Exists"
        case doesNotExist = "DoesNotExist"
    }

    public var key: String
    public var `operator`: Operator
    public var values: [String]?

    public init(key: String, operator: Operator, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    /// `NotIn` and `DoesNotExist` hold when the label is absent, as in Kubernetes.
    public func matches(_ labels: [String: String]) -> Bool {
        let value = labels[self.key]
        switch self.operator {
        case .in:
            guard let value else {
                return false
            }
            return (self.values ?? []).contains(value)
        case .notIn:
            guard let value else {
                return true
            }
            return !(self.values ?? []).contains(value)
        case .exists:
            return value != nil
        case .doesNotExist:
            return value == nil
        }
    }

    public var description: String {
        let values = self.values ?? []
        switch self.operator {
        case .in:
            return values.count == 1 ? "\(self.key)=\(values[0])" : "\(self.key) in (\(values.joined(separator: ",")))"
        case .notIn:
            return values.count == 1
                ? "\(self.key)!=\(values[0])" : "\(self.key) notin (\(values.joined(separator: ",")))"
        case .exists:
            return self.key
        case .doesNotExist:
            return "!\(self.key)"
        }
    }

    /// Problems with the requirement's own syntax, relative to `path`.
    public func validate(at path: FieldPath) -> [FieldProblem] {
        var problems = LabelRules.qualifiedNameProblems(self.key).map { FieldProblem(path.child("key"), $0) }
        let values = self.values ?? []
        switch self.operator {
        case .in, .notIn:
            if values.isEmpty {
                problems.append(
                    FieldProblem(path.child("values"), "must list at least one value for \(self.operator.rawValue)"))
            }
        case .exists, .doesNotExist:
            if !values.isEmpty {
                problems.append(FieldProblem(path.child("values"), "must be empty for \(self.operator.rawValue)"))
            }
        }
        for (index, value) in values.enumerated() {
            for message in LabelRules.labelValueProblems(value) {
                problems.append(FieldProblem(path.child("values").index(index), message))
            }
        }
        return problems
    }
}

extension LabelSelector {
    /// Problems with the selector's syntax (keys, values, operators), relative to `path`.
    public func validate(at path: FieldPath) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        for (key, value) in (self.matchLabels ?? [:]).sorted(by: { $0.key < $1.key }) {
            problems += LabelRules.qualifiedNameProblems(key).map {
                FieldProblem(path.child("matchLabels").key(key), "invalid key: \($0)")
            }
            problems += LabelRules.labelValueProblems(value).map {
                FieldProblem(path.child("matchLabels").key(key), $0)
            }
        }
        for (index, requirement) in (self.matchExpressions ?? []).enumerated() {
            problems += requirement.validate(at: path.child("matchExpressions").index(index))
        }
        return problems
    }
}
