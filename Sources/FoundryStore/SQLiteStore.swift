import Foundation
import FoundryModel
import GRDB
import GRDBSQLite
import Synchronization

/// The embedded backend: one SQLite file (the system libsqlite3, through GRDB) in WAL mode, shared
/// safely by any number of processes on the machine.
///
/// - Durability: with `.full` (the default) SQLite fsyncs the WAL on every commit
///   (`synchronous=FULL`), and a write is acknowledged only after its commit returns, so an
///   acknowledged write survives a crash of the process or of the machine. Concurrent writers in
///   one process share commits (`WriteBatcher`), which keeps throughput up despite the fsyncs.
///   `.processCrashSafe` (`synchronous=NORMAL`) survives the process being killed, not a power loss.
/// - Across processes: every change is appended to the `changes` table in the transaction that
///   makes it; watches in every process read that table (`ChangeFeed`), so a change made by the CLI
///   reaches the operator's watch within one poll interval (10 ms by default).
/// - Secrets are sealed with AES-GCM under the key in `keyFilePath` (created on first use, mode
///   0600, next to the database unless given); the database and its WAL are mode 0600.
public final class SQLiteStore: ResourceStore {
    public enum Durability: Sendable {
        case full
        case processCrashSafe
    }

    public let path: String
    public let keyFilePath: String
    private let pool: DatabasePool
    private let codec: ObjectCodec
    private let batcher: WriteBatcher
    private let feed: ChangeFeed
    private let closed = Mutex(false)
    private let decoded = DecodedCache()

    /// Waits this long for another process's write lock before failing with `.unavailable`.
    public static let busyTimeout: TimeInterval = 30

    public init(
        path: String,
        keyFile: String? = nil,
        options: StoreOptions = StoreOptions(),
        durability: Durability = .full,
        pollInterval: Duration = .milliseconds(10)
    ) throws(StoreError) {
        let path = (path as NSString).standardizingPath
        self.path = path
        self.keyFilePath = keyFile ?? "\(path).key"
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileModes.ensureDirectory(directory)
        }
        let cipher = SecretCipher(key: try KeyFile.loadOrCreate(at: self.keyFilePath))
        // SQLite creates the -wal and -shm files with the database file's mode.
        try FileModes.ensurePrivateFile(path)
        self.codec = ObjectCodec(cipher: cipher)
        do {
            self.pool = try DatabasePool(path: path, configuration: Self.configuration(durability: durability))
            try self.pool.write { db in try SQLiteSchema.prepare(db, cipher: cipher, path: path) }
            var feedConfiguration = Configuration()
            feedConfiguration.busyMode = .timeout(Self.busyTimeout)
            let connection = try DatabaseQueue(path: path, configuration: feedConfiguration)
            self.feed = ChangeFeed(
                connection: connection, codec: self.codec, pollInterval: pollInterval,
                bufferLimit: options.watchBufferLimit)
        } catch {
            throw SQLiteErrors.storeError(error)
        }
        let feed = self.feed
        self.batcher = WriteBatcher(pool: self.pool, codec: self.codec, options: options) {
            await feed.poke()
        }
    }

    /// Opens the store off the caller's thread: opening reads and may create files, and checks
    /// the schema in a durable transaction, which must not hold up an async caller's executor.
    public static func open(
        path: String,
        keyFile: String? = nil,
        options: StoreOptions = StoreOptions(),
        durability: Durability = .full,
        pollInterval: Duration = .milliseconds(10)
    ) async throws(StoreError) -> SQLiteStore {
        let result: Result<SQLiteStore, StoreError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                do throws(StoreError) {
                    continuation.resume(
                        returning: .success(
                            try SQLiteStore(
                                path: path, keyFile: keyFile, options: options, durability: durability,
                                pollInterval: pollInterval)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    private static func configuration(durability: Durability) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.prepareDatabase { db in
            switch durability {
            case .full: try db.execute(sql: "PRAGMA synchronous = FULL")
            case .processCrashSafe: try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        return configuration
    }

    public func create(_ object: StoredObject) async throws(StoreError) -> StoredObject {
        try await self.writeObject { engine, transaction throws(StoreError) in
            try engine.create(object, in: &transaction)
        }
    }

    public func get(_ key: ObjectKey) async throws(StoreError) -> StoredObject {
        try self.checkOpen()
        let codec = self.codec
        let object = try await self.read { db throws(StoreError) in
            try SQLiteTransaction(db: db, codec: codec, version: 0).object(key)
        }
        guard let object else {
            throw .notFound(key)
        }
        return object
    }

    public func list(_ kind: GroupKind?, options: ListOptions) async throws(StoreError) -> ObjectList {
        let codec = self.codec
        let rows = try await self.rows(kind, namespace: options.namespace)
        let objects = try await ParallelDecoding.map(rows.items) { row throws(StoreError) in
            try codec.decode(row.body, key: row.key)
        }
        return ObjectList(items: objects.filter(options.matches), resourceVersion: rows.version)
    }

    /// Decodes each row straight into `R`, skipping `StoredObject`, on every core, and only when
    /// its resourceVersion moved since the last list: a list of 10,000 hosts is mostly decoding.
    public func decodedList<R: Resource>(_ type: R.Type, options: ListOptions) async throws(StoreError) -> TypedList<R>
    {
        let codec = self.codec
        let kind = GroupKind(type)
        let rows = try await self.rows(kind, namespace: options.namespace)
        let snapshot = self.decoded.snapshot(kind)
        let cachedItems = snapshot?.items as? [R] ?? []
        let reusable = DecodedCache.reusable(rows.items, in: snapshot)
        var items = try await ParallelDecoding.map(Array(rows.items.indices)) { index throws(StoreError) in
            if let cached = reusable[index], cached < cachedItems.count {
                return cachedItems[cached]
            }
            let row = rows.items[index]
            return try codec.decode(row.body, key: row.key, as: R.self)
        }
        let unchanged = cachedItems.count == items.count && !reusable.contains(nil)
        if options.namespace == nil && !unchanged {
            self.decoded.store(
                kind,
                DecodedCache.Snapshot(
                    keys: rows.items.map(\.key), versions: rows.items.map(\.resourceVersion), items: items))
        }
        if options.labelFilter != nil {
            items.removeAll { !options.matches($0.metadata) }
        }
        return TypedList(items: items, resourceVersion: rows.version)
    }

    /// The stored bodies in key order (the primary key's, so SQLite does not sort), with the
    /// store's resourceVersion in the same read transaction.
    private func rows(
        _ kind: GroupKind?, namespace: String?
    ) async throws(StoreError) -> (items: [StoredRow], version: Int64) {
        try self.checkOpen()
        return try await self.read { db throws(StoreError) in
            try SQLiteErrors.map {
                let version = try SQLiteSchema.counter(db, "rv")
                var sql = "SELECT kind, namespace, name, rv, body FROM objects"
                var arguments: StatementArguments = []
                var conditions: [String] = []
                if let kind {
                    conditions.append("kind = ?")
                    arguments += [kind.storageName]
                }
                if let namespace {
                    conditions.append("namespace = ?")
                    arguments += [namespace]
                }
                if !conditions.isEmpty {
                    sql += " WHERE " + conditions.joined(separator: " AND ")
                }
                sql += " ORDER BY kind, namespace, name"
                return (try Self.storedRows(db, sql: sql, arguments: arguments), version)
            }
        }
    }

    /// Columns straight from SQLite's statement: GRDB's typed row access cost a third of the
    /// read of 10,000 rows. Rows come grouped by kind, so a kind's name is parsed once.
    private static func storedRows(_ db: Database, sql: String, arguments: StatementArguments) throws -> [StoredRow] {
        let statement = try db.makeStatement(sql: sql)
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        let handle = statement.sqliteStatement
        var items: [StoredRow] = []
        var kind = (name: "", value: GroupKind(group: "", kind: ""))
        while try rows.next() != nil {
            let kindName = Self.text(handle, 0)
            if kindName != kind.name {
                kind = (kindName, GroupKind(storageName: kindName))
            }
            let key = ObjectKey(kind: kind.value, namespace: Self.text(handle, 1), name: Self.text(handle, 2))
            // The pointer first, then its length, as SQLite asks.
            let blob = sqlite3_column_blob(handle, 4)
            let count = Int(sqlite3_column_bytes(handle, 4))
            let body = blob.map { Data(bytes: $0, count: count) } ?? Data()
            items.append(StoredRow(key: key, resourceVersion: sqlite3_column_int64(handle, 3), body: body))
        }
        return items
    }

    private static func text(_ handle: SQLiteStatement, _ column: Int32) -> String {
        sqlite3_column_text(handle, column).map { String(cString: $0) } ?? ""
    }

    public func update(_ object: StoredObject) async throws(StoreError) -> StoredObject {
        try await self.writeObject { engine, transaction throws(StoreError) in
            try engine.update(object, in: &transaction)
        }
    }

    public func updateStatus(_ object: StoredObject) async throws(StoreError) -> StoredObject {
        try await self.writeObject { engine, transaction throws(StoreError) in
            try engine.updateStatus(object, in: &transaction)
        }
    }

    public func delete(_ key: ObjectKey, preconditions: DeletePreconditions) async throws(StoreError) -> DeleteResult {
        try self.checkOpen()
        let result = await self.batcher.submit { engine, transaction throws(StoreError) in
            .delete(try engine.delete(key, preconditions: preconditions, in: &transaction))
        }
        switch result {
        case .success(.delete(let outcome)): return outcome
        case .success(.object(let object)): return .deleted(object)
        case .failure(let error): throw error
        }
    }

    public func watch(_ kind: GroupKind?, options: WatchOptions) async throws(StoreError) -> WatchStream {
        try self.checkOpen()
        return try await self.feed.watch(kind, options: options)
    }

    public func close() async {
        let wasClosed = self.closed.withLock { closed in
            defer { closed = true }
            return closed
        }
        guard !wasClosed else {
            return
        }
        await self.feed.close()
        try? self.pool.close()
    }

    private func checkOpen() throws(StoreError) {
        if self.closed.withLock({ $0 }) {
            throw StoreError(.unavailable, "the store is closed")
        }
    }

    private func writeObject(
        _ operation: @escaping @Sendable (StoreEngine, inout SQLiteTransaction) throws(StoreError) -> StoredObject
    ) async throws(StoreError) -> StoredObject {
        try self.checkOpen()
        let result = await self.batcher.submit { engine, transaction throws(StoreError) in
            .object(try operation(engine, &transaction))
        }
        switch result {
        case .success(.object(let object)): return object
        case .success(.delete(let outcome)): return outcome.object
        case .failure(let error): throw error
        }
    }

    private func read<T: Sendable>(
        _ work: @escaping @Sendable (Database) throws(StoreError) -> T
    ) async throws(StoreError) -> T {
        do {
            return try await self.pool.read { db in try work(db) }
        } catch {
            throw SQLiteErrors.storeError(error)
        }
    }
}
