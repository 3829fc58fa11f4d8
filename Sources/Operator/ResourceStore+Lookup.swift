import FoundryModel
import FoundryStore

extension ResourceStore {
    /// The object, or nil when it does not exist; other store failures are thrown.
    func lookup<R: Resource>(_ type: R.Type, namespace: String, name: String) async throws(StoreError) -> R? {
        // Matched through a Result: `catch where` on a typed error crashes the 6.3 compiler here.
        let result: Result<R, StoreError>
        do {
            result = .success(try await self.get(type, namespace: namespace, name: name))
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let object):
            return object
        case .failure(let error):
            guard error.code == .notFound else {
                throw error
            }
            return nil
        }
    }
}
