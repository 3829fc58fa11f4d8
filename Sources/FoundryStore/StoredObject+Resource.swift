import Foundation
import FoundryModel

extension StoredObject {
    /// The untyped form of a typed resource.
    public init<R: Resource>(_ resource: R) throws(StoreError) {
        do {
            let data = try JSONEncoder().encode(resource)
            self = try JSONDecoder().decode(StoredObject.self, from: data)
        } catch {
            throw StoreError(
                .invalid, "cannot convert \(R.typeMeta.kind) to a stored object: \(error)", underlying: error)
        }
    }

    /// The typed form; fails when the stored object is of another kind or does not decode as `R`.
    public func decode<R: Resource>(as type: R.Type = R.self) throws(StoreError) -> R {
        guard self.groupKind == GroupKind(type) else {
            throw StoreError(.invalid, "\(self.key) is a \(self.kind), not a \(R.typeMeta.kind)")
        }
        do {
            let data = try JSONEncoder().encode(self)
            return try JSONDecoder().decode(R.self, from: data)
        } catch {
            throw StoreError(.corrupt, "\(self.key) does not decode as \(R.typeMeta.kind): \(error)", underlying: error)
        }
    }
}
