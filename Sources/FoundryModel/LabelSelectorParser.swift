/// Why a `-l` selector string does not parse: the message names the position.
public struct LabelSelectorParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var selector: String
    public var position: Int
    public var message: String

    public var description: String {
        "invalid label selector \"\(self.selector)\" at character \(self.position + 1): \(self.message)"
    }
}

/// Reads kubectl's selector syntax: comma-separated requirements, each one of `key`, `!key`,
/// `key=value`, `key==value`, `key!=value`, `key in (v1,v2)` or `key notin (v1,v2)`.
struct LabelSelectorParser {
    let text: String
    let characters: [Character]
    var position = 0

    init(_ text: String) {
        self.text = text
        self.characters = Array(text)
    }

    mutating func parse() throws(LabelSelectorParseError) -> LabelSelector {
        var expressions: [LabelSelectorRequirement] = []
        self.skipSpaces()
        if self.atEnd {
            return LabelSelector()
        }
        while true {
            let requirement = try self.requirement()
            if case .some(let problem) = self.problem(in: requirement) {
                throw self.error(problem)
            }
            expressions.append(requirement)
            self.skipSpaces()
            if self.atEnd {
                break
            }
            guard self.peek == "," else {
                throw self.error("expected \",\" between requirements")
            }
            self.position += 1
            self.skipSpaces()
        }
        return LabelSelector(matchExpressions: expressions)
    }

    private mutating func requirement() throws(LabelSelectorParseError) -> LabelSelectorRequirement {
        if self.peek == "!" {
            self.position += 1
            self.skipSpaces()
            let key = try self.word(what: "label key")
            return LabelSelectorRequirement(key: key, operator: .doesNotExist)
        }
        let key = try self.word(what: "label key")
        self.skipSpaces()
        if self.atEnd || self.peek == "," {
            return LabelSelectorRequirement(key: key, operator: .exists)
        }
        if self.consume("!=") {
            return LabelSelectorRequirement(key: key, operator: .notIn, values: [try self.value()])
        }
        if self.consume("==") || self.consume("=") {
            return LabelSelectorRequirement(key: key, operator: .in, values: [try self.value()])
        }
        let keyword = try self.word(what: "operator")
        switch keyword {
        case "in":
            return LabelSelectorRequirement(key: key, operator: .in, values: try self.valueSet())
        case "notin":
            return LabelSelectorRequirement(key: key, operator: .notIn, values: try self.valueSet())
        default:
            throw self.error("unknown operator \"\(keyword)\" (known: =, ==, !=, in, notin)")
        }
    }

    private mutating func value() throws(LabelSelectorParseError) -> String {
        self.skipSpaces()
        return self.atEnd || self.peek == "," ? "" : try self.word(what: "label value")
    }

    private mutating func valueSet() throws(LabelSelectorParseError) -> [String] {
        self.skipSpaces()
        guard self.consume("(") else {
            throw self.error("expected \"(\" after in/notin")
        }
        var values: [String] = []
        while true {
            self.skipSpaces()
            if self.consume(")") {
                break
            }
            if !values.isEmpty {
                guard self.consume(",") else {
                    throw self.error("expected \",\" or \")\" in value list")
                }
                self.skipSpaces()
            }
            values.append(try self.word(what: "label value"))
        }
        guard !values.isEmpty else {
            throw self.error("in/notin needs at least one value")
        }
        return values
    }

    /// A key or value: everything up to a space or one of `,=!()`.
    private mutating func word(what: String) throws(LabelSelectorParseError) -> String {
        let start = self.position
        while !self.atEnd, !" ,=!()".contains(self.characters[self.position]) {
            self.position += 1
        }
        guard self.position > start else {
            throw self.error(self.atEnd ? "expected a \(what), found the end" : "expected a \(what)")
        }
        return String(self.characters[start..<self.position])
    }

    private func problem(in requirement: LabelSelectorRequirement) -> String? {
        if let message = LabelRules.qualifiedNameProblems(requirement.key).first {
            return "key \"\(requirement.key)\": \(message)"
        }
        for value in requirement.values ?? [] {
            if let message = LabelRules.labelValueProblems(value).first {
                return "value \"\(value)\": \(message)"
            }
        }
        return nil
    }

    private var atEnd: Bool { self.position >= self.characters.count }
    private var peek: Character? { self.atEnd ? nil : self.characters[self.position] }

    private mutating func skipSpaces() {
        while !self.atEnd, self.characters[self.position].isWhitespace {
            self.position += 1
        }
    }

    private mutating func consume(_ token: String) -> Bool {
        let token = Array(token)
        guard self.position + token.count <= self.characters.count,
            Array(self.characters[self.position..<self.position + token.count]) == token
        else {
            return false
        }
        self.position += token.count
        return true
    }

    private func error(_ message: String) -> LabelSelectorParseError {
        LabelSelectorParseError(
            selector: self.text, position: min(self.position, self.characters.count), message: message)
    }
}
