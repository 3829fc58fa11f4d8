import Foundation
import GRDB

/// Group commit: writes that arrive while a transaction is being committed wait and go together
/// in the next one, so many concurrent writers share one fsync. Each write runs in its own
/// savepoint (a failed write does not undo the others) and is acknowledged only after the
/// transaction holding it is durable.
actor WriteBatcher {
    enum Output: Sendable {
        case object(StoredObject)
        case delete(DeleteResult)
    }

    typealias Operation = @Sendable (StoreEngine, inout SQLiteTransaction) throws(StoreError) -> Output

    private struct Pending {
        var operation: Operation
        var continuation: CheckedContinuation<Result<Output, StoreError>, Never>
    }

    private let pool: DatabasePool
    private let codec: ObjectCodec
    private let options: StoreOptions
    private let afterCommit: @Sendable () async -> Void
    private var pending: [Pending] = []
    private var draining = false

    /// At most this many writes share a transaction, to bound how long the write lock is held.
    static let batchLimit = 1000

    init(
        pool: DatabasePool, codec: ObjectCodec, options: StoreOptions, afterCommit: @escaping @Sendable () async -> Void
    ) {
        self.pool = pool
        self.codec = codec
        self.options = options
        self.afterCommit = afterCommit
    }

    func submit(_ operation: @escaping Operation) async -> Result<Output, StoreError> {
        await withCheckedContinuation { continuation in
            self.pending.append(Pending(operation: operation, continuation: continuation))
            if !self.draining {
                self.draining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !self.pending.isEmpty {
            let count = min(self.pending.count, Self.batchLimit)
            let batch = Array(self.pending.prefix(count))
            self.pending.removeFirst(count)
            let results = await self.commit(batch.map(\.operation))
            for (pending, result) in zip(batch, results) {
                pending.continuation.resume(returning: result)
            }
            await self.afterCommit()
        }
        self.draining = false
    }

    /// Runs the operations in one transaction; when the commit fails, every one of them fails.
    private nonisolated func commit(_ operations: [Operation]) async -> [Result<Output, StoreError>] {
        let codec = self.codec
        let options = self.options
        do {
            return try await self.pool.write { db in
                try Self.run(operations, db: db, codec: codec, options: options)
            }
        } catch {
            let failure = SQLiteErrors.storeError(error)
            return operations.map { _ in .failure(failure) }
        }
    }

    private static func run(
        _ operations: [Operation],
        db: Database,
        codec: ObjectCodec,
        options: StoreOptions
    ) throws -> [Result<Output, StoreError>] {
        let start = try SQLiteSchema.counter(db, "rv")
        var transaction = SQLiteTransaction(db: db, codec: codec, version: start)
        var results: [Result<Output, StoreError>] = []
        results.reserveCapacity(operations.count)
        for operation in operations {
            let before = transaction.version
            var result: Result<Output, StoreError> = .failure(StoreError(.unavailable, "not run"))
            try db.inSavepoint {
                do throws(StoreError) {
                    result = .success(try operation(options.engine(), &transaction))
                    return .commit
                } catch {
                    result = .failure(error)
                    transaction.version = before
                    return .rollback
                }
            }
            results.append(result)
        }
        if transaction.version != start {
            try SQLiteSchema.setCounter(db, "rv", transaction.version)
            try self.compact(db, version: transaction.version, limit: Int64(options.changeLogLimit))
        }
        return results
    }

    /// Keeps the change log to about `limit` entries, trimming in chunks of a tenth.
    private static func compact(_ db: Database, version: Int64, limit: Int64) throws {
        let compacted = try SQLiteSchema.counter(db, "compacted_rv")
        let keepFrom = version - limit
        guard keepFrom - compacted > max(limit / 10, 1) else {
            return
        }
        try db.execute(sql: "DELETE FROM changes WHERE rv <= ?", arguments: [keepFrom])
        try SQLiteSchema.setCounter(db, "compacted_rv", keepFrom)
    }
}
