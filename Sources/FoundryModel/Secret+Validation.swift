extension Secret {
    public func validate() -> [FieldProblem] {
        var problems = self.metadata.validate()
        for (field, map) in [("data", self.data), ("stringData", self.stringData)] {
            for key in (map ?? [:]).keys.sorted() where !Self.isValidKey(key) {
                problems.append(
                    FieldProblem(
                        FieldPath([.field(field)]).key(key),
                        "invalid key: must be at most 253 characters of letters, digits, '-', '_' or '.'"))
            }
        }
        return problems
    }

    static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= 253 && key != "." && key != ".."
            && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }
}
