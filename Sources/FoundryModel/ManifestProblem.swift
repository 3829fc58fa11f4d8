/// Where in a manifest input something was found: the source (a file name), the document's
/// position, the object it describes when known, a line, and a field path.
public struct ManifestLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file name (or `-` for stdin), when the caller gave one.
    public var source: String?
    /// One-based position of the document in its source.
    public var documentIndex: Int?
    /// One-based position in a `kind: List` document's `items`.
    public var itemIndex: Int?
    /// `BareMetalHost default/worker-0`, once the document's kind and name are known.
    public var object: String?
    /// One-based line in the source, for YAML syntax errors.
    public var line: Int?
    /// Byte offset in the source, for encoding errors.
    public var byteOffset: Int?
    public var path: FieldPath

    public init(
        source: String? = nil,
        documentIndex: Int? = nil,
        itemIndex: Int? = nil,
        object: String? = nil,
        line: Int? = nil,
        byteOffset: Int? = nil,
        path: FieldPath = FieldPath()
    ) {
        self.source = source
        self.documentIndex = documentIndex
        self.itemIndex = itemIndex
        self.object = object
        self.line = line
        self.byteOffset = byteOffset
        self.path = path
    }

    /// `hosts.yaml: document 3 (BareMetalHost default/node-1): spec.bmc.address`
    public var description: String {
        var parts: [String] = []
        if let source = self.source {
            parts.append(source)
        }
        if let byteOffset = self.byteOffset {
            parts.append("byte \(byteOffset)")
        }
        if let index = self.documentIndex {
            var document = "document \(index)"
            if let item = self.itemIndex {
                document += " item \(item)"
            }
            var details: [String] = []
            if let object = self.object {
                details.append(object)
            }
            if let line = self.line {
                details.append("line \(line)")
            }
            if !details.isEmpty {
                document += " (\(details.joined(separator: ", ")))"
            }
            parts.append(document)
        } else if let line = self.line {
            parts.append("line \(line)")
        }
        if !self.path.isEmpty {
            parts.append(self.path.description)
        }
        return parts.joined(separator: ": ")
    }
}

/// Something wrong with a manifest: nothing in the input may be applied.
public struct ManifestProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: ManifestLocation
    public var message: String

    public init(_ location: ManifestLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String {
        let place = self.location.description
        return place.isEmpty ? self.message : "\(place): \(self.message)"
    }
}

/// Something worth telling the user that does not stop the input from applying, such as a
/// Metal3 field Foundry accepts but does not act on.
public struct ManifestWarning: Sendable, Hashable, CustomStringConvertible {
    public var location: ManifestLocation
    public var message: String

    public init(_ location: ManifestLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String {
        let place = self.location.description
        return place.isEmpty ? "warning: \(self.message)" : "warning: \(place): \(self.message)"
    }
}

/// Every problem found in an input; thrown when any document is invalid.
public struct ManifestError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [ManifestProblem]

    public init(problems: [ManifestProblem]) {
        self.problems = problems
    }

    public var description: String {
        self.problems.map(\.description).joined(separator: "\n")
    }
}

/// One decoded resource and where it came from.
public struct ManifestDocument: Sendable, Equatable {
    public var resource: AnyResource
    public var location: ManifestLocation

    public init(resource: AnyResource, location: ManifestLocation) {
        self.resource = resource
        self.location = location
    }
}

/// What decoding an input gives: the resources, every problem, every warning.
public struct ManifestDecodeResult: Sendable, Equatable {
    /// Every document that decoded (when `problems` is not empty, some may be invalid).
    public var documents: [ManifestDocument] = []
    public var problems: [ManifestProblem] = []
    public var warnings: [ManifestWarning] = []

    public init() {}

    public var isValid: Bool { self.problems.isEmpty }

    public var resources: [AnyResource] { self.documents.map(\.resource) }

    /// The documents, or every problem as one error.
    public func get() throws(ManifestError) -> [ManifestDocument] {
        guard self.problems.isEmpty else {
            throw ManifestError(problems: self.problems)
        }
        return self.documents
    }
}
