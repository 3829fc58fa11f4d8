// libyaml (bundled with Yams as CYaml) gives the event stream. Foundry composes documents from
// the events itself, without recursion: Yams' composer recurses once per nesting level and hashes
// alias keys deeply, so a hostile document could exhaust the stack or the CPU before any limit
// applied. Here every limit holds while the events arrive.
internal import CYaml

/// A problem found while composing one document.
struct YAMLComposeError: Error, Equatable {
    /// One-based line in the whole input, when known.
    var line: Int?
    var column: Int?
    /// The field path where it happened, when known (`metadata.labels`).
    var path: String
    var message: String
}

/// Composes the YAML documents in one chunk of input into `JSONValue` trees.
struct YAMLComposer {
    var limits: ManifestLimits
    /// Added to libyaml's zero-based line numbers so they count from the start of the input.
    var lineOffset: Int

    /// The documents in `bytes` (usually one); an empty document yields `.null`.
    func compose(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[JSONValue], YAMLComposeError> {
        self.run(bytes, recordsLines: false).map(\.documents)
    }

    /// For each document in `bytes`, the line where each field path starts (keys of
    /// `FieldPath.lineKey`). Only run when a document has problems to point at.
    func lineMaps(_ bytes: UnsafeBufferPointer<UInt8>) -> [[String: Int]] {
        (try? self.run(bytes, recordsLines: true).get().lineMaps) ?? []
    }

    private func run(
        _ bytes: UnsafeBufferPointer<UInt8>,
        recordsLines: Bool
    ) -> Result<(documents: [JSONValue], lineMaps: [[String: Int]]), YAMLComposeError> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(YAMLComposeError(path: "", message: "YAML parser could not start (out of memory)"))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        var state = ComposerState(limits: self.limits, lineOffset: self.lineOffset)
        state.recordsLines = recordsLines
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return .failure(self.parserError(parser, path: state.currentPath))
            }
            defer { yaml_event_delete(&event) }
            do {
                if try state.handle(&event) {
                    return .success((state.documents, state.lineMaps))
                }
            } catch {
                return .failure(error)
            }
        }
    }

    private func parserError(_ parser: yaml_parser_t, path: String) -> YAMLComposeError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        // libyaml has its own (larger) nesting limit, which its scanner can reach first.
        if problem.hasPrefix("Maximum nesting level") {
            return YAMLComposeError(
                line: Int(parser.problem_mark.line) + self.lineOffset + 1,
                column: Int(parser.problem_mark.column) + 1,
                path: path,
                message: "nesting deeper than \(self.limits.maxDepth) levels")
        }
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = "\(problem) (\(context))"
        }
        return YAMLComposeError(
            line: Int(parser.problem_mark.line) + self.lineOffset + 1,
            column: Int(parser.problem_mark.column) + 1,
            path: path,
            message: message
        )
    }
}

/// An anchored node: its value and what aliasing it costs.
private struct AnchoredNode {
    var value: JSONValue
    var nodes: Int
    var height: Int
}

/// One open mapping or sequence.
private struct Frame {
    enum Content {
        case sequence([JSONValue])
        case mapping(JSONObject, pendingKey: String?, merges: [JSONObject], keys: Set<String>)
    }

    var content: Content
    var anchor: String?
    var line: Int
    /// Nodes in this collection so far, aliases counted at their expanded size.
    var nodes = 1
    /// Height of the deepest child so far.
    var childHeight = 0
}

private struct ComposerState {
    let limits: ManifestLimits
    let lineOffset: Int
    var documents: [JSONValue] = []
    var stack: [Frame] = []
    var anchors: [String: AnchoredNode] = [:]
    var aliasNodes = 0
    var recordsLines = false
    var lineMaps: [[String: Int]] = []
    var lines: [String: Int] = [:]

    init(limits: ManifestLimits, lineOffset: Int) {
        self.limits = limits
        self.lineOffset = lineOffset
    }

    /// The field path of the position being filled, for messages.
    var currentPath: String {
        var path = FieldPath()
        for frame in self.stack {
            switch frame.content {
            case .sequence(let items): path = path.index(items.count)
            case .mapping(_, let key, _, _):
                if let key {
                    path = path.child(key)
                }
            }
        }
        return path.description
    }

    /// Handles one event; returns true at the end of the stream.
    mutating func handle(_ event: inout yaml_event_t) throws(YAMLComposeError) -> Bool {
        let line = Int(event.start_mark.line) + self.lineOffset + 1
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            self.anchors = [:]
            self.aliasNodes = 0
            self.lines = [:]
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = Self.string(scalar.value, length: scalar.length)
            if self.recordsLines {
                self.recordLine(line, key: text)
            }
            let tag = scalar.tag.map { String(cString: $0) }
            let value = try self.resolveScalar(
                text, tag: tag, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE, line: line)
            let anchor = scalar.anchor.map { String(cString: $0) }
            try self.add(value, nodes: 1, height: 0, anchor: anchor, keyText: text, line: line)
        case YAML_ALIAS_EVENT:
            if self.recordsLines {
                self.recordLine(line, key: nil)
            }
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            try self.addAlias(name, line: line)
        case YAML_SEQUENCE_START_EVENT:
            if self.recordsLines {
                self.recordLine(line, key: nil)
            }
            let start = event.data.sequence_start
            try self.checkCollectionTag(start.tag, expected: "tag:yaml.org,2002:seq", line: line)
            try self.push(Frame(content: .sequence([]), anchor: start.anchor.map { String(cString: $0) }, line: line))
        case YAML_MAPPING_START_EVENT:
            if self.recordsLines {
                self.recordLine(line, key: nil)
            }
            let start = event.data.mapping_start
            try self.checkCollectionTag(start.tag, expected: "tag:yaml.org,2002:map", line: line)
            let frame = Frame(
                content: .mapping(JSONObject(), pendingKey: nil, merges: [], keys: []),
                anchor: start.anchor.map { String(cString: $0) }, line: line)
            try self.push(frame)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            try self.pop(line: line)
        default:
            // Stream start and document end carry nothing to compose.
            break
        }
        return false
    }

    /// Notes where the node starting at `line` sits: a sequence item, a mapping key (`key` is
    /// the scalar's text), or the root. Mapping values keep their key's line.
    private mutating func recordLine(_ line: Int, key: String?) {
        guard let top = self.stack.last else {
            self.lines[""] = line
            return
        }
        switch top.content {
        case .sequence:
            self.lines[FieldPath.parse(self.currentPath).lineKey] = line
        case .mapping(_, let pendingKey, _, _):
            if pendingKey == nil, let key {
                self.lines[FieldPath.parse(self.currentPath).child(key).lineKey] = line
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let pointer else {
            return ""
        }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private mutating func push(_ frame: Frame) throws(YAMLComposeError) {
        guard self.stack.count < self.limits.maxDepth else {
            throw self.error(line: frame.line, "nesting deeper than \(self.limits.maxDepth) levels")
        }
        self.stack.append(frame)
    }

    private mutating func pop(line: Int) throws(YAMLComposeError) {
        guard let frame = self.stack.popLast() else {
            throw self.error(line: line, "unbalanced end of collection")
        }
        let value: JSONValue
        switch frame.content {
        case .sequence(let items):
            value = .array(items)
        case .mapping(var object, let pendingKey, let merges, var keys):
            if pendingKey != nil {
                throw self.error(line: line, "mapping key without a value")
            }
            // Merged keys (`<<: *base`) never override keys written in the mapping itself.
            for merge in merges {
                for member in merge.members where keys.insert(member.key).inserted {
                    object.append(key: member.key, value: member.value)
                }
            }
            value = .object(object)
        }
        try self.add(
            value, nodes: frame.nodes, height: frame.childHeight + 1, anchor: frame.anchor, keyText: nil, line: line)
    }

    private mutating func addAlias(_ name: String, line: Int) throws(YAMLComposeError) {
        guard let anchored = self.anchors[name] else {
            throw self.error(line: line, "alias *\(name) names no anchor defined before it")
        }
        self.aliasNodes += anchored.nodes
        guard self.aliasNodes <= self.limits.maxAliasExpansion else {
            throw self.error(
                line: line,
                "YAML aliases expand to more than \(self.limits.maxAliasExpansion) nodes (an alias bomb?)")
        }
        guard self.stack.count + anchored.height <= self.limits.maxDepth else {
            throw self.error(line: line, "nesting deeper than \(self.limits.maxDepth) levels (through alias *\(name))")
        }
        let keyText = anchored.value.stringValue
        try self.add(
            anchored.value, nodes: anchored.nodes, height: anchored.height, anchor: nil, keyText: keyText, line: line)
    }

    /// Places a finished node into the open collection (or as the document root).
    private mutating func add(
        _ value: JSONValue,
        nodes: Int,
        height: Int,
        anchor: String?,
        keyText: String?,
        line: Int
    ) throws(YAMLComposeError) {
        if let anchor {
            self.anchors[anchor] = AnchoredNode(value: value, nodes: nodes, height: height)
        }
        guard var frame = self.stack.popLast() else {
            self.documents.append(value)
            self.lineMaps.append(self.lines)
            return
        }
        frame.nodes += nodes
        frame.childHeight = max(frame.childHeight, height)
        switch frame.content {
        case .sequence(var items):
            frame.content = .sequence([])
            items.append(value)
            frame.content = .sequence(items)
        case .mapping(var object, let pendingKey, var merges, var keys):
            // Move the object out so appending does not copy it.
            frame.content = .sequence([])
            if let key = pendingKey {
                if key == "<<", case .object(let merged) = value {
                    merges.append(merged)
                } else if key == "<<", case .array(let list) = value, list.allSatisfy({ $0.objectValue != nil }) {
                    merges.append(contentsOf: list.compactMap(\.objectValue))
                } else {
                    object.append(key: key, value: value)
                }
                frame.content = .mapping(object, pendingKey: nil, merges: merges, keys: keys)
            } else {
                guard let keyText, height == 0 else {
                    frame.content = .mapping(object, pendingKey: nil, merges: merges, keys: keys)
                    self.stack.append(frame)
                    throw self.error(line: line, "mapping keys must be strings, not \(value.typeName)s")
                }
                guard keys.insert(keyText).inserted else {
                    frame.content = .mapping(object, pendingKey: nil, merges: merges, keys: keys)
                    self.stack.append(frame)
                    throw YAMLComposeError(
                        line: line, path: self.currentPath, message: "duplicate key \"\(keyText)\"")
                }
                frame.content = .mapping(object, pendingKey: keyText, merges: merges, keys: keys)
            }
        }
        self.stack.append(frame)
    }

    private func resolveScalar(
        _ text: String, tag: String?, plain: Bool, line: Int
    ) throws(YAMLComposeError) -> JSONValue {
        switch tag {
        case nil:
            return plain ? YAMLScalar.resolvePlain(text) : .string(text)
        case "!", "tag:yaml.org,2002:str":
            return .string(text)
        case "tag:yaml.org,2002:null":
            return .null
        case "tag:yaml.org,2002:bool":
            guard case .bool(let flag) = YAMLScalar.resolvePlain(text) else {
                throw self.error(line: line, "\"\(text)\" is not a boolean")
            }
            return .bool(flag)
        case "tag:yaml.org,2002:int":
            guard let number = YAMLScalar.integer(text) else {
                throw self.error(line: line, "\"\(text)\" is not an integer")
            }
            return .int(number)
        case "tag:yaml.org,2002:float":
            guard let number = YAMLScalar.float(text) else {
                throw self.error(line: line, "\"\(text)\" is not a finite number")
            }
            return .double(number)
        case .some(let other):
            throw self.error(line: line, "unsupported YAML tag \(Self.shortTag(other))")
        }
    }

    private func checkCollectionTag(
        _ tag: UnsafeMutablePointer<yaml_char_t>?,
        expected: String,
        line: Int
    ) throws(YAMLComposeError) {
        guard let tag else {
            return
        }
        let name = String(cString: tag)
        guard name == expected || name == "!" else {
            throw self.error(line: line, "unsupported YAML tag \(Self.shortTag(name))")
        }
    }

    private static func shortTag(_ tag: String) -> String {
        tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
    }

    private func error(line: Int, _ message: String) -> YAMLComposeError {
        YAMLComposeError(line: line, path: self.currentPath, message: message)
    }
}
