/// Checks a document tree against a `Schema`, collecting every problem (unknown fields with a
/// suggestion, wrong types, missing required fields, values outside an enum, pattern or range)
/// and a warning for each field Foundry accepts without acting on it. It also returns the tree
/// cleaned for decoding: nulls and unknown fields dropped, integral numbers made integers.
struct SchemaChecker {
    var problems: [FieldProblem] = []
    var warnings: [FieldProblem] = []

    mutating func check(_ value: JSONValue, against schema: Schema, at path: FieldPath) -> JSONValue {
        switch schema.type {
        case .object:
            guard case .object(let object) = value else {
                return self.mismatch(value, expected: "object", at: path)
            }
            return schema.isMap
                ? self.checkMap(object, schema: schema, at: path) : self.checkObject(object, schema: schema, at: path)
        case .array:
            guard case .array(let items) = value else {
                return self.mismatch(value, expected: "array", at: path)
            }
            return self.checkArray(items, schema: schema, at: path)
        case .string:
            guard case .string(let text) = value else {
                return self.mismatch(value, expected: "string", at: path)
            }
            // An invalid string is dropped, so the rest of the document can still decode and be
            // checked; the problem is already recorded.
            return self.checkString(text, schema: schema, at: path) ? value : .null
        case .integer:
            let number: Int64
            switch value {
            case .int(let integer): number = integer
            case .double(let double) where double.rounded() == double && abs(double) < 9.2e18: number = Int64(double)
            default: return self.mismatch(value, expected: "integer", at: path)
            }
            self.checkRange(number, schema: schema, at: path)
            return .int(number)
        case .number:
            switch value {
            case .int, .double: return value
            default: return self.mismatch(value, expected: "number", at: path)
            }
        case .boolean:
            guard case .bool = value else {
                return self.mismatch(value, expected: "boolean", at: path)
            }
            return value
        }
    }

    private mutating func checkObject(_ object: JSONObject, schema: Schema, at path: FieldPath) -> JSONValue {
        var cleaned = JSONObject()
        for member in object.members where !member.value.isNull {
            guard let property = schema.property(named: member.key) else {
                self.problems.append(FieldProblem(path.child(member.key), self.unknownFieldMessage(member.key, schema)))
                continue
            }
            if let reason = property.notActedOn {
                self.warnings.append(FieldProblem(path.child(member.key), reason))
            }
            let checked = self.check(member.value, against: property.schema, at: path.child(member.key))
            if !checked.isNull {
                cleaned.append(key: member.key, value: checked)
            }
        }
        for name in schema.requiredNames where !cleaned.contains(name) && object[name]?.isNull ?? true {
            self.problems.append(FieldProblem(path.child(name), "required field missing"))
        }
        return .object(cleaned)
    }

    private func unknownFieldMessage(_ name: String, _ schema: Schema) -> String {
        let known = schema.properties.map(\.name)
        if let suggestion = NearestName.suggestion(for: name, among: known) {
            return "unknown field (did you mean \"\(suggestion)\"?)"
        }
        return "unknown field (known: \(known.joined(separator: ", ")))"
    }

    private mutating func checkMap(_ object: JSONObject, schema: Schema, at path: FieldPath) -> JSONValue {
        var cleaned = JSONObject()
        for member in object.members where !member.value.isNull {
            let valueSchema = schema.additionalProperties[0]
            let checked = self.check(member.value, against: valueSchema, at: path.key(member.key))
            if !checked.isNull {
                cleaned.append(key: member.key, value: checked)
            }
        }
        return .object(cleaned)
    }

    private mutating func checkArray(_ items: [JSONValue], schema: Schema, at path: FieldPath) -> JSONValue {
        if let minimum = schema.minItems, items.count < minimum {
            self.problems.append(
                FieldProblem(path, "must have at least \(minimum) item\(minimum == 1 ? "" : "s") (got \(items.count))"))
        }
        if let maximum = schema.maxItems, items.count > maximum {
            self.problems.append(
                FieldProblem(path, "must have at most \(maximum) item\(maximum == 1 ? "" : "s") (got \(items.count))"))
        }
        guard let itemSchema = schema.items.first else {
            return .array(items)
        }
        var cleaned: [JSONValue] = []
        cleaned.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            if item.isNull {
                self.problems.append(FieldProblem(path.index(index), "null is not allowed in this list"))
                continue
            }
            let checked = self.check(item, against: itemSchema, at: path.index(index))
            if !checked.isNull {
                cleaned.append(checked)
            }
        }
        return .array(cleaned)
    }

    private mutating func checkString(_ text: String, schema: Schema, at path: FieldPath) -> Bool {
        let before = self.problems.count
        if let values = schema.enumValues, !values.contains(text) {
            var message =
                "unsupported value \"\(text)\" (known: \(values.map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: ", ")))"
            if let suggestion = NearestName.suggestion(for: text, among: values.filter { !$0.isEmpty }) {
                message = "unsupported value \"\(text)\" (did you mean \"\(suggestion)\"?)"
            }
            self.problems.append(FieldProblem(path, message))
        }
        if let minimum = schema.minLength, text.count < minimum {
            self.problems.append(
                FieldProblem(path, minimum == 1 ? "must not be empty" : "must be at least \(minimum) characters"))
        }
        if let maximum = schema.maxLength, text.count > maximum {
            self.problems.append(FieldProblem(path, "must be at most \(maximum) characters (got \(text.count))"))
        }
        if let pattern = schema.pattern, !pattern.matches(text) {
            self.problems.append(FieldProblem(path, "\(pattern.message) (got \"\(text)\")"))
        }
        if schema.format == "date-time", Timestamp.parse(text) == nil {
            self.problems.append(
                FieldProblem(path, "invalid RFC 3339 time \"\(text)\" (expected e.g. 2026-11-22T02:55:42Z)"))
        }
        if schema.format == "byte", Base64.decode(text) == nil {
            self.problems.append(FieldProblem(path, "invalid base64 data"))
        }
        return self.problems.count == before
    }

    private mutating func checkRange(_ number: Int64, schema: Schema, at path: FieldPath) {
        if let minimum = schema.minimum, number < minimum {
            self.problems.append(FieldProblem(path, "must be >= \(minimum) (got \(number))"))
        }
        if let maximum = schema.maximum, number > maximum {
            self.problems.append(FieldProblem(path, "must be <= \(maximum) (got \(number))"))
        }
    }

    private mutating func mismatch(_ value: JSONValue, expected: String, at path: FieldPath) -> JSONValue {
        var shown = ""
        switch value {
        case .string(let text): shown = " \"\(text.count > 40 ? text.prefix(40) + "..." : text)\""
        case .int, .double, .bool: shown = " \(value)"
        case .null, .array, .object: break
        }
        self.problems.append(FieldProblem(path, "expected \(expected), got \(value.typeName)\(shown)"))
        return .null
    }
}
