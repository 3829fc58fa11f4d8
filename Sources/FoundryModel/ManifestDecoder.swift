import Foundation

/// Reads multi-document YAML or JSON manifests into typed resources, strictly: an unknown field,
/// a wrong type, an unknown kind or a wrong apiVersion is an error naming the document and the
/// field path. It returns every problem in the input (and then the caller applies nothing), plus
/// warnings for fields Foundry accepts without acting on them.
///
/// Input is screened before parsing (size, UTF-8, control characters), and parsing keeps
/// nesting depth and alias expansion bounded, so hostile input is refused quickly.
public struct ManifestDecoder: Sendable {
    public var limits: ManifestLimits
    /// The namespace for documents that name none (kubectl's `-n`). A document naming a
    /// different namespace is then an error. When `nil`, such documents stay namespace-less
    /// and mean `default`.
    public var namespace: String?
    /// Whether to run each kind's semantic validation after the schema checks.
    public var validates: Bool

    public init(limits: ManifestLimits = .default, namespace: String? = nil, validates: Bool = true) {
        self.limits = limits
        self.namespace = namespace
        self.validates = validates
    }

    /// One input: a file's bytes (`source` names it in messages).
    public func decode(_ data: Data, source: String? = nil) -> ManifestDecodeResult {
        self.decode([(source, data)])
    }

    public func decode(_ text: String, source: String? = nil) -> ManifestDecodeResult {
        self.decode(Data(text.utf8), source: source)
    }

    /// Several inputs decoded as one set: a name used twice across files is a problem too.
    public func decode(_ inputs: [(source: String?, data: Data)]) -> ManifestDecodeResult {
        var result = ManifestDecodeResult()
        for input in inputs {
            self.decodeInput(input.data, source: input.source, into: &result)
        }
        if self.validates {
            result.problems += Self.duplicateProblems(result.documents)
        }
        return result
    }

    /// The raw document trees of an input (YAML or JSON), screened and bounded as `decode`
    /// does, without schema checks: for tools that read other YAML the same safe way.
    public func trees(_ data: Data, source: String? = nil) throws(ManifestError) -> [JSONValue] {
        var problems: [ManifestProblem] = []
        let trees = self.parse([UInt8](data), source: source, problems: &problems)
        guard problems.isEmpty else {
            throw ManifestError(problems: problems)
        }
        return trees.map(\.tree)
    }

    /// A composed document and where its text is, to find lines for its problems later.
    private struct ParsedDocument {
        var tree: JSONValue
        var location: ManifestLocation
        /// The chunk's bytes in the input, and its first line (zero-based).
        var chunk: Range<Int>
        var firstLine: Int
        /// Which of the chunk's documents this is (almost always 0).
        var indexInChunk: Int
    }

    // MARK: - Input

    private func decodeInput(_ data: Data, source: String?, into result: inout ManifestDecodeResult) {
        guard data.count <= self.limits.maxInputBytes else {
            result.problems.append(
                ManifestProblem(
                    ManifestLocation(source: source),
                    "input is \(data.count) bytes, over the \(self.limits.maxInputBytes)-byte limit"))
            return
        }
        let bytes = [UInt8](data)
        for document in self.parse(bytes, source: source, problems: &result.problems) {
            let before = result.problems.count
            self.decodeDocument(document.tree, location: document.location, into: &result)
            if result.problems.count > before {
                self.addLines(to: &result.problems[before...], of: document, in: bytes)
            }
        }
    }

    /// Points each problem at the line of its field (or of the nearest enclosing field the
    /// document has), reading the document again: problems are rare, so lines are not kept.
    private func addLines(
        to problems: inout ArraySlice<ManifestProblem>,
        of document: ParsedDocument,
        in bytes: [UInt8]
    ) {
        let maps = bytes.withUnsafeBufferPointer { buffer in
            YAMLComposer(limits: self.limits, lineOffset: document.firstLine)
                .lineMaps(UnsafeBufferPointer(rebasing: buffer[document.chunk]))
        }
        guard document.indexInChunk < maps.count else {
            return
        }
        let lines = maps[document.indexInChunk]
        for index in problems.indices where problems[index].location.line == nil {
            var path = problems[index].location.path
            if let item = problems[index].location.itemIndex {
                path = FieldPath([.field("items"), .index(item - 1)] + path.steps)
            }
            while lines[path.lineKey] == nil, !path.isEmpty {
                path = path.parent
            }
            problems[index].location.line = lines[path.lineKey]
        }
    }

    /// Screens, splits and composes one input into document trees, each with its location.
    private func parse(
        _ bytes: [UInt8],
        source: String?,
        problems: inout [ManifestProblem]
    ) -> [ParsedDocument] {
        guard bytes.count <= self.limits.maxInputBytes else {
            problems.append(
                ManifestProblem(
                    ManifestLocation(source: source),
                    "input is \(bytes.count) bytes, over the \(self.limits.maxInputBytes)-byte limit"))
            return []
        }
        return bytes.withUnsafeBufferPointer { buffer in
            // A UTF-8 byte order mark is allowed at the very start.
            let start = buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            let body = UnsafeBufferPointer(rebasing: buffer[start...])
            return self.parseChunks(body, baseOffset: start, source: source, problems: &problems)
        }
    }

    /// Splits first (cheap, safe on any bytes), so an oversized document is refused without
    /// reading it; then screens and composes each document. The first encoding problem ends
    /// the input: what follows is not text either.
    private func parseChunks(
        _ body: UnsafeBufferPointer<UInt8>,
        baseOffset: Int,
        source: String?,
        problems: inout [ManifestProblem]
    ) -> [ParsedDocument] {
        var documents: [ParsedDocument] = []
        var documentIndex = 0
        for chunk in ManifestText.split(body) {
            let chunkBytes = UnsafeBufferPointer(rebasing: body[chunk.range])
            guard chunkBytes.count <= self.limits.maxDocumentBytes else {
                documentIndex += 1
                let location = ManifestLocation(source: source, documentIndex: documentIndex, line: chunk.firstLine + 1)
                let limit = self.limits.maxDocumentBytes
                problems.append(
                    ManifestProblem(
                        location,
                        "document is \(chunkBytes.count) bytes, over the \(limit)-byte (\(limit >> 20) MiB) limit"))
                continue
            }
            if let problem = ManifestText.screen(chunkBytes) {
                let offset = baseOffset + chunk.range.lowerBound + problem.offset
                problems.append(ManifestProblem(ManifestLocation(source: source, byteOffset: offset), problem.message))
                return documents
            }
            let composer = YAMLComposer(limits: self.limits, lineOffset: chunk.firstLine)
            switch composer.compose(chunkBytes) {
            case .failure(let error):
                documentIndex += 1
                let location = ManifestLocation(
                    source: source, documentIndex: documentIndex, line: error.line, path: FieldPath.parse(error.path))
                problems.append(ManifestProblem(location, error.message))
            case .success(let trees):
                for (indexInChunk, tree) in trees.enumerated() where !tree.isNull {
                    documentIndex += 1
                    guard documentIndex <= self.limits.maxDocuments else {
                        problems.append(
                            ManifestProblem(
                                ManifestLocation(source: source),
                                "more than \(self.limits.maxDocuments) documents in one input"))
                        return documents
                    }
                    let chunkInInput = (chunk.range.lowerBound + baseOffset)..<(chunk.range.upperBound + baseOffset)
                    documents.append(
                        ParsedDocument(
                            tree: tree, location: ManifestLocation(source: source, documentIndex: documentIndex),
                            chunk: chunkInInput, firstLine: chunk.firstLine, indexInChunk: indexInChunk))
                }
            }
        }
        return documents
    }

    // MARK: - Documents

    private func decodeDocument(_ tree: JSONValue, location: ManifestLocation, into result: inout ManifestDecodeResult)
    {
        guard case .object(let object) = tree else {
            result.problems.append(
                ManifestProblem(
                    location,
                    "document is not a mapping (found \(tree.typeName)); expected apiVersion, kind and metadata"))
            return
        }
        if object["kind"]?.stringValue == "List", object["apiVersion"]?.stringValue == "v1" {
            self.decodeList(object, location: location, into: &result)
            return
        }
        var location = location
        if let name = object["metadata"]?["name"]?.stringValue, let kind = object["kind"]?.stringValue {
            let namespace =
                object["metadata"]?["namespace"]?.stringValue ?? self.namespace ?? ObjectMeta.defaultNamespace
            location.object = "\(kind) \(namespace)/\(name)"
        }
        guard let kind = self.resolveKind(object, location: location, into: &result) else {
            return
        }
        var checker = SchemaChecker()
        let cleaned = checker.check(tree, against: kind.schema, at: FieldPath())
        result.problems += checker.problems.map { self.problem($0, location) }
        result.warnings += checker.warnings.map { ManifestWarning(self.at($0.path, location), $0.message) }
        guard case .object(var cleanedObject) = cleaned else {
            return
        }
        let namespaceProblem = self.applyNamespace(&cleanedObject, location: location)
        result.problems += namespaceProblem.map { [$0] } ?? []
        let resource: AnyResource
        do {
            resource = try AnyResource.decode(.object(cleanedObject), as: kind)
        } catch {
            // The schema checks came first; when they passed, a failure here is a schema and
            // Swift type disagreement, which is a bug worth reporting plainly.
            if checker.problems.isEmpty {
                result.problems.append(ManifestProblem(location, "cannot decode: \(Self.describe(error))"))
            }
            return
        }
        if self.validates {
            result.problems += resource.validate().map { self.problem($0, location) }
        }
        result.documents.append(ManifestDocument(resource: resource, location: location))
    }

    private func decodeList(_ list: JSONObject, location: ManifestLocation, into result: inout ManifestDecodeResult) {
        guard case .array(let items) = list["items"] ?? .array([]) else {
            result.problems.append(ManifestProblem(self.at("items", location), "expected a list of objects"))
            return
        }
        for (index, item) in items.enumerated() {
            var itemLocation = location
            itemLocation.itemIndex = index + 1
            self.decodeDocument(item, location: itemLocation, into: &result)
        }
    }

    /// The kind a document's `apiVersion` and `kind` name, or problems explaining why not.
    private func resolveKind(
        _ object: JSONObject,
        location: ManifestLocation,
        into result: inout ManifestDecodeResult
    ) -> ResourceKind? {
        guard let kindName = object["kind"]?.stringValue, !kindName.isEmpty else {
            result.problems.append(
                ManifestProblem(self.at("kind", location), "required field missing (e.g. BareMetalHost)"))
            return nil
        }
        guard let apiVersion = object["apiVersion"]?.stringValue, !apiVersion.isEmpty else {
            let expected = ResourceKinds.kinds(named: kindName).first?.apiVersion ?? "metal3.io/v1alpha1"
            result.problems.append(
                ManifestProblem(self.at("apiVersion", location), "required field missing (e.g. \(expected))"))
            return nil
        }
        if let kind = ResourceKinds.lookup(apiVersion: apiVersion, kind: kindName) {
            return kind
        }
        let sameName = ResourceKinds.kinds(named: kindName)
        if !sameName.isEmpty {
            let expected = sameName.map(\.apiVersion).joined(separator: " or ")
            result.problems.append(
                ManifestProblem(
                    self.at("apiVersion", location),
                    "unsupported apiVersion \"\(apiVersion)\" for kind \(kindName) (expected \(expected))"))
            return nil
        }
        let known = ResourceKinds.all.map(\.kind)
        var message = "unknown kind \"\(kindName)\" (known: \(known.joined(separator: ", ")))"
        if let suggestion = NearestName.suggestion(for: kindName, among: known) {
            message = "unknown kind \"\(kindName)\" (did you mean \"\(suggestion)\"?)"
        }
        result.problems.append(ManifestProblem(self.at("kind", location), message))
        return nil
    }

    /// Fills in the decoder's namespace, or reports a document that names another one.
    private func applyNamespace(_ object: inout JSONObject, location: ManifestLocation) -> ManifestProblem? {
        guard let namespace = self.namespace, case .object(var metadata) = object["metadata"] ?? .null else {
            return nil
        }
        if let own = metadata["namespace"]?.stringValue {
            guard own == namespace else {
                return ManifestProblem(
                    self.at("metadata.namespace", location),
                    "namespace \"\(own)\" does not match the requested namespace \"\(namespace)\"")
            }
            return nil
        }
        metadata["namespace"] = .string(namespace)
        object["metadata"] = .object(metadata)
        return nil
    }

    /// Two documents for one kind, namespace and name: the later ones are problems.
    static func duplicateProblems(_ documents: [ManifestDocument]) -> [ManifestProblem] {
        var seen: [String: ManifestLocation] = [:]
        var problems: [ManifestProblem] = []
        for document in documents {
            let resource = document.resource
            let key = "\(resource.kind.qualifiedPlural)/\(resource.namespace)/\(resource.name)"
            if let first = seen[key] {
                var firstPlace = "document \(first.documentIndex ?? 0)"
                if let source = first.source, source != document.location.source {
                    firstPlace = "\(source) \(firstPlace)"
                }
                var location = document.location
                location.path = "metadata.name"
                problems.append(
                    ManifestProblem(location, "duplicate \(resource.displayName) (first defined in \(firstPlace))"))
            } else {
                seen[key] = document.location
            }
        }
        return problems
    }

    private func at(_ path: FieldPath, _ location: ManifestLocation) -> ManifestLocation {
        var copy = location
        copy.path = path
        return copy
    }

    private func problem(_ field: FieldProblem, _ location: ManifestLocation) -> ManifestProblem {
        ManifestProblem(self.at(field.path, location), field.message)
    }

    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else {
            return "\(error)"
        }
        switch decoding {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(FieldPath(codingPath: context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(FieldPath(codingPath: context.codingPath).child(key.stringValue)): required field missing"
        @unknown default:
            return "\(error)"
        }
    }
}

extension FieldPath {
    init(codingPath: [any CodingKey]) {
        self.init(codingPath.map { key in key.intValue.map { .index($0) } ?? .field(key.stringValue) })
    }

    /// Reads back a path printed by `description` (fields and indices; map keys as fields).
    static func parse(_ text: String) -> FieldPath {
        var path = FieldPath()
        for step in JSONValue.pathSteps(text) {
            switch step {
            case .key(let name): path = path.child(name)
            case .index(let index): path = path.index(index)
            }
        }
        return path
    }
}
