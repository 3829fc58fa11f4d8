import Foundation

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
        var json = blob
        if blob.first == SecretCipher.sealedTag {
            json = try self.cipher.open(blob, context: Self.context(key))
        } else if key.kind == .secret {
            throw StoreError(.corrupt, "\(key) is stored without encryption")
        }
        do {
            return try JSONDecoder().decode(StoredObject.self, from: json)
        } catch {
            throw StoreError(.corrupt, "\(key) cannot be read back: \(error)", underlying: error)
        }
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
