import Foundation
import Synchronization

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

    /// `items.map(transform)` on every core. The chunks are written in place into the result, not
    /// gathered and copied: on a VM, touching the pages of a second 17 MB array cost 10 ms.
    /// The work runs on Dispatch's threads, which may block, not on the cooperative pool's.
    static func map<T: Sendable, U: Sendable>(
        _ items: [T], _ transform: @escaping @Sendable (T) throws(StoreError) -> U
    ) async throws(StoreError) -> [U] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunkSize = max(Self.minimumChunk, (items.count + cores - 1) / cores)
        guard items.count > chunkSize else {
            return try items.map(transform)
        }
        let result: Result<[U], StoreError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    returning: Result { () throws(StoreError) in
                        try Self.mapInPlace(items, chunkSize: chunkSize, transform)
                    })
            }
        }
        return try result.get()
    }

    private static func mapInPlace<T: Sendable, U: Sendable>(
        _ items: [T], chunkSize: Int, _ transform: @escaping @Sendable (T) throws(StoreError) -> U
    ) throws(StoreError) -> [U] {
        let chunks = (items.count + chunkSize - 1) / chunkSize
        // Per failed chunk: its error and the end of the prefix it did initialize.
        let failures = Mutex<[Int: (error: StoreError, end: Int)]>([:])
        let output = try [U](unsafeUninitializedCapacity: items.count) { buffer, initialized throws(StoreError) in
            nonisolated(unsafe) let base = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let range = Self.range(of: chunk, size: chunkSize, count: items.count)
                var end = range.lowerBound
                do throws(StoreError) {
                    for index in range {
                        (base + index).initialize(to: try transform(items[index]))
                        end = index + 1
                    }
                } catch {
                    failures.withLock { $0[chunk] = (error, end) }
                }
            }
            let failed = failures.withLock { $0 }
            guard let first = failed.keys.min(), let error = failed[first]?.error else {
                initialized = items.count
                return
            }
            for chunk in 0..<chunks {
                let range = Self.range(of: chunk, size: chunkSize, count: items.count)
                let end = failed[chunk]?.end ?? range.upperBound
                (base + range.lowerBound).deinitialize(count: end - range.lowerBound)
            }
            throw error
        }
        return output
    }

    private static func range(of chunk: Int, size: Int, count: Int) -> Range<Int> {
        chunk * size..<min(count, (chunk + 1) * size)
    }
}
