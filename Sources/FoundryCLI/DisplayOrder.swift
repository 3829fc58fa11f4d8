import FoundryModel
import FoundryStore

/// Objects read back from the store carry their fields in no particular order; people read them
/// in the order the kind declares them (spec before status, address before credentials).
enum DisplayOrder {
    static func tree(_ object: StoredObject) -> JSONValue {
        let tree = object.tree
        guard let kind = ResourceKinds.lookup(apiVersion: object.apiVersion, kind: object.kind),
            let typed = try? AnyResource.decode(tree, as: kind),
            let encoded = try? typed.encoded()
        else {
            return tree
        }
        return encoded
    }
}
