import AgentProtocol
import Controllers
import Foundation
import FoundryModel
import FoundryStore

/// Reads a host's userData, networkData and metaData Secrets into the config drive the agent
/// writes (Metal3's keys: `userData` or `value`, `networkData`, `metaData`).
struct ConfigDriveBuilder: Sendable {
    let store: any ResourceStore

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    func contents(for source: ConfigDriveSource) async throws -> ConfigDriveContents {
        var metaData = ConfigDriveContents.MetaData(
            uuid: source.uuid ?? source.hostname, name: source.hostname, hostname: source.hostname)
        var contents = ConfigDriveContents(metaData: metaData)
        if let reference = source.userData {
            let secret = try await self.secret(reference, purpose: "userData")
            guard let data = secret.value(forKey: "userData") ?? secret.value(forKey: "value") else {
                throw Problem(
                    description: "userData Secret \"\(reference.name ?? "")\" has neither a userData nor a value key")
            }
            contents.userData = data
        }
        if let reference = source.networkData {
            let secret = try await self.secret(reference, purpose: "networkData")
            guard let text = secret.string(forKey: "networkData") ?? secret.string(forKey: "value") else {
                throw Problem(description: "networkData Secret \"\(reference.name ?? "")\" has no networkData key")
            }
            contents.networkData = text
        }
        if let reference = source.metaData {
            let secret = try await self.secret(reference, purpose: "metaData")
            guard let text = secret.string(forKey: "metaData") ?? secret.string(forKey: "value") else {
                throw Problem(description: "metaData Secret \"\(reference.name ?? "")\" has no metaData key")
            }
            metaData.extra = try Self.stringFields(text, secret: reference.name ?? "")
            contents.metaData = metaData
        }
        return contents
    }

    private func secret(_ reference: SecretReference, purpose: String) async throws -> Secret {
        let namespace = reference.namespace ?? ObjectMeta.defaultNamespace
        guard let name = reference.name, !name.isEmpty else {
            throw Problem(description: "the \(purpose) Secret reference names no Secret")
        }
        guard let secret = try await self.store.lookup(Secret.self, namespace: namespace, name: name) else {
            throw Problem(description: "\(purpose) Secret \"\(namespace)/\(name)\" not found")
        }
        return secret
    }

    /// metaData is a JSON (or YAML-free JSON) object; its string and number fields join meta_data.json.
    private static func stringFields(_ text: String, secret: String) throws -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Problem(description: "metaData Secret \"\(secret)\": metaData is not a JSON object")
        }
        var fields: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case let text as String: fields[key] = text
            case let number as NSNumber: fields[key] = number.stringValue
            default: continue
            }
        }
        return fields
    }
}
