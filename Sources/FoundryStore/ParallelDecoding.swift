import Foundation

/// One stored row before decoding.
struct StoredRow: Sendable {
    var key: ObjectKey
    var resourceVersion: Int64
    var body: Data
}

/// Decodes large lists on every core, keeping the order: JSON decoding is most of a list's cost,
/// and it needs nothing shared.
enum ParallelDecoding {
    /// Below this many items a list is decoded where it stands.
    static let minimumChunk = 512

    static func map<T: Sendable, U: Sendable>(
        _ items: [T], _ transform: @escaping @Sendable (T) throws(StoreError) -> U
    ) async throws(StoreError) -> [U] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunkSize = max(Self.minimumChunk, (items.count + cores - 1) / cores)
        guard items.count > chunkSize else {
            return try items.map(transform)
        }
        let chunks = stride(from: 0, to: items.count, by: chunkSize).map { start in
            start..<min(start + chunkSize, items.count)
        }
        let results = await withTaskGroup(of: (Int, Result<[U], StoreError>).self) { group in
            for (index, range) in chunks.enumerated() {
                group.addTask {
                    do throws(StoreError) {
                        return (index, .success(try items[range].map(transform)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var results = [Result<[U], StoreError>?](repeating: nil, count: chunks.count)
            for await (index, result) in group {
                results[index] = result
            }
            return results
        }
        var output: [U] = []
        output.reserveCapacity(items.count)
        for result in results {
            switch result {
            case .success(let part)?: output.append(contentsOf: part)
            case .failure(let error)?: throw error
            case nil: continue
            }
        }
        return output
    }
}
