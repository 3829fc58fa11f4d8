import FoundryModel

extension StoredObject {
    /// The untyped form of a typed resource.
    public init<R: Resource>(_ resource: R) throws(StoreError) {
        do {
            try self.init(tree: try JSONValueEncoder().encode(resource))
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(
                .invalid, "cannot convert \(R.typeMeta.kind) to a stored object: \(error)", underlying: error)
        }
    }

    /// The object from a whole document tree (`apiVersion`, `kind`, `metadata` and the rest).
    public init(tree: JSONValue) throws(StoreError) {
        guard case .object(let document) = tree else {
            throw StoreError(.invalid, "a stored object must be a JSON object, not \(tree.typeName)")
        }
        guard let apiVersion = document["apiVersion"]?.stringValue, let kind = document["kind"]?.stringValue else {
            throw StoreError(.invalid, "apiVersion and kind: required strings")
        }
        let metadata: ObjectMeta
        do {
            metadata = try JSONValueDecoder().decode(ObjectMeta.self, from: document["metadata"] ?? .object([:]))
        } catch {
            throw StoreError(.invalid, "metadata: \(error)", underlying: error)
        }
        var content: [String: JSONValue] = [:]
        for member in document.members where !Self.typeFields.contains(member.key) {
            content[member.key] = member.value
        }
        self.init(apiVersion: apiVersion, kind: kind, metadata: metadata, content: content)
    }

    /// The whole document: `apiVersion`, `kind`, `metadata`, then the other fields (spec before
    /// status, as people read them).
    public var tree: JSONValue {
        var document = JSONObject()
        document.append(key: "apiVersion", value: .string(self.apiVersion))
        document.append(key: "kind", value: .string(self.kind))
        document.append(key: "metadata", value: (try? JSONValueEncoder().encode(self.metadata)) ?? .object([:]))
        for key in self.content.keys.sorted(by: Self.fieldOrder) {
            if let value = self.content[key] {
                document.append(key: key, value: value)
            }
        }
        return .object(document)
    }

    private static func fieldOrder(_ lhs: String, _ rhs: String) -> Bool {
        func rank(_ key: String) -> Int {
            key == "spec" ? 0 : key == "status" ? 2 : 1
        }
        return (rank(lhs), lhs) < (rank(rhs), rhs)
    }

    /// The typed form; fails when the stored object is of another kind or does not decode as `R`.
    public func decode<R: Resource>(as type: R.Type = R.self) throws(StoreError) -> R {
        guard self.groupKind == GroupKind(type) else {
            throw StoreError(.invalid, "\(self.key) is a \(self.kind), not a \(R.typeMeta.kind)")
        }
        do {
            return try JSONValueDecoder().decode(R.self, from: self.tree)
        } catch {
            throw StoreError(.corrupt, "\(self.key) does not decode as \(R.typeMeta.kind): \(error)", underlying: error)
        }
    }
}
