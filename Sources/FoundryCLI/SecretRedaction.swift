import FoundryModel
import FoundryStore

/// No command prints a secret value: Secrets are shown with their keys and redacted values.
public enum SecretRedaction {
    public static let placeholder = "<redacted>"

    public static func redacted(_ object: StoredObject) -> StoredObject {
        guard object.groupKind == GroupKind(ResourceKind.secret) else {
            return object
        }
        var copy = object
        for field in ["data", "stringData"] {
            guard case .object(let values)? = copy.content[field] else {
                continue
            }
            var redacted = JSONObject()
            for member in values.members {
                redacted.append(key: member.key, value: .string(Self.placeholder))
            }
            copy.content[field] = .object(redacted)
        }
        return copy
    }
}
