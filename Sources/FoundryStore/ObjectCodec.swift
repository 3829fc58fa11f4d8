import Foundation
import FoundryModel

/// How the SQLite backend writes an object into a row: canonical JSON (sorted keys), sealed with
/// the store's key for Secrets so that no secret value reaches the file in plain text.
struct ObjectCodec: Sendable {
    let cipher: SecretCipher

    func encode(_ object: StoredObject) throws(StoreError) -> Data {
        let key = object.key
        let json: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            json = try encoder.encode(object)
        } catch {
            throw StoreError(.invalid, "\(key) cannot be encoded: \(error)", underlying: error)
        }
        guard key.kind == .secret else {
            return json
        }
        return try self.cipher.seal(json, context: Self.context(key))
    }

    func decode(_ blob: Data, key: ObjectKey) throws(StoreError) -> StoredObject {
        let json = try self.plaintext(blob, key: key)
        if let object = Self.fastDecode(json) {
            return object
        }
        do {
            return try JSONDecoder().decode(StoredObject.self, from: json)
        } catch {
            throw StoreError(.corrupt, "\(key) cannot be read back: \(error)", underlying: error)
        }
    }

    /// The typed object straight from the row: by the pull reader for the kinds it reads, else
    /// through the tree; anything the fast readers do not take goes the way of `StoredObject`,
    /// which names what is wrong.
    func decode<R: Resource>(_ blob: Data, key: ObjectKey, as type: R.Type) throws(StoreError) -> R {
        let json = try self.plaintext(blob, key: key)
        if let object = Self.pull(json, as: R.self) {
            return object
        }
        if let tree = json.withUnsafeBytes({ bytes in try? JSONBytesReader.read(bytes) }),
            let object = try? JSONValueDecoder().decode(R.self, from: tree)
        {
            return object
        }
        return try self.decode(blob, key: key).decode(as: R.self)
    }

    /// Hosts (listed by the thousand) read straight from the bytes; nil for kinds the pull reader
    /// does not read, and for anything it leaves to Codable.
    static func pull<R: Resource>(_ json: Data, as type: R.Type) -> R? {
        guard let pullable = R.self as? any JSONPullDecodable.Type else {
            return nil
        }
        return json.withUnsafeBytes { bytes in (try? JSONPullReader.read(pullable, from: bytes)) as? R }
    }

    private func plaintext(_ blob: Data, key: ObjectKey) throws(StoreError) -> Data {
        if blob.first == SecretCipher.sealedTag {
            return try self.cipher.open(blob, context: Self.context(key))
        }
        guard key.kind != .secret else {
            throw StoreError(.corrupt, "\(key) is stored without encryption")
        }
        return blob
    }

    /// The object through `JSONBytesReader`, or nil for anything it does not expect (the
    /// `JSONDecoder` path then reads it or names what is wrong).
    static func fastDecode(_ json: Data) -> StoredObject? {
        let tree = json.withUnsafeBytes { bytes in try? JSONBytesReader.read(bytes) }
        guard case .object(let members)? = tree, case .string(let apiVersion)? = members["apiVersion"],
            case .string(let kind)? = members["kind"], let metadataValue = members["metadata"],
            let metadata = try? JSONValueDecoder().decode(ObjectMeta.self, from: metadataValue)
        else {
            return nil
        }
        var content: [String: JSONValue] = [:]
        for member in members.members where !StoredObject.typeFields.contains(member.key) {
            content[member.key] = member.value
        }
        return StoredObject(apiVersion: apiVersion, kind: kind, metadata: metadata, content: content)
    }

    private static func context(_ key: ObjectKey) -> String {
        "\(key.kind.storageName)/\(key.namespace)/\(key.name)"
    }
}

extension GroupKind {
    /// `BareMetalHost.metal3.io`, `Secret`: the kind column (kinds never contain a dot).
    var storageName: String {
        self.group.isEmpty ? self.kind : "\(self.kind).\(self.group)"
    }

    init(storageName: String) {
        let parts = storageName.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        self.init(group: parts.count == 2 ? String(parts[1]) : "", kind: String(parts[0]))
    }
}
