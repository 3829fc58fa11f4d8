import Foundation
import GRDB

/// Delivers the change log to this process's watches. Any process may have written a change, so
/// the feed polls its own connection's `PRAGMA data_version` (which moves only when another
/// connection commits, and costs no disk read) every `pollInterval` while watches are open, and
/// reads `changes` past its cursor when it moved. Local commits poke it at once.
actor ChangeFeed {
    private let connection: DatabaseQueue
    private let codec: ObjectCodec
    private let pollInterval: Duration
    private var watchers: WatcherSet
    /// Changes up to here were handed to the watches.
    private var cursor: Int64 = 0
    private var dataVersion: Int64?
    private var pollTask: Task<Void, Never>?
    private var closed = false

    static let pageSize = 500

    init(connection: DatabaseQueue, codec: ObjectCodec, pollInterval: Duration, bufferLimit: Int) {
        self.connection = connection
        self.codec = codec
        self.pollInterval = pollInterval
        self.watchers = WatcherSet(bufferLimit: bufferLimit)
    }

    func watch(_ kind: GroupKind?, options: WatchOptions) throws(StoreError) -> WatchStream {
        guard !self.closed else {
            throw StoreError(.unavailable, "the store is closed")
        }
        try self.catchUp()
        let start = options.resourceVersion ?? self.cursor
        let cursor = self.cursor
        let (backlog, compacted) = try SQLiteErrors.map {
            try self.connection.read { db in
                let compacted = try SQLiteSchema.counter(db, "compacted_rv")
                let backlog = start < compacted ? [] : try self.changes(db, after: start, through: cursor)
                return (backlog, compacted)
            }
        }
        if start < compacted {
            throw .expired(requested: start, oldest: compacted)
        }
        let (_, stream) = self.watchers.add(kind: kind, filter: options.filter, position: start) { [weak self] id in
            Task { await self?.stopWatch(id) }
        }
        self.watchers.deliver(try self.decode(backlog))
        self.startPolling()
        return stream
    }

    /// Called after a local commit so this process's watches hear of it without waiting.
    func poke() {
        guard !self.watchers.isEmpty else {
            return
        }
        self.pollOrEnd()
    }

    func close() {
        self.closed = true
        self.pollTask?.cancel()
        self.pollTask = nil
        self.watchers.finishAll()
    }

    private func stopWatch(_ id: UInt64) {
        self.watchers.remove(id)
    }

    /// Brings the cursor to the newest change; with no watch open there is nobody to tell about
    /// the changes in between, so it jumps there.
    private func catchUp() throws(StoreError) {
        if self.watchers.isEmpty {
            self.cursor = try SQLiteErrors.map { try self.connection.read { db in try SQLiteSchema.counter(db, "rv") } }
            self.dataVersion = nil
        } else {
            try self.poll()
        }
    }

    private func startPolling() {
        guard self.pollTask == nil else {
            return
        }
        let interval = self.pollInterval
        self.pollTask = Task { [weak self] in
            while !Task.isCancelled {
                guard let self, await self.tick() else {
                    return
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One poll; false ends the polling task (no watch left, or closed).
    private func tick() -> Bool {
        guard !self.closed, !self.watchers.isEmpty else {
            self.pollTask = nil
            return false
        }
        self.pollOrEnd()
        return !self.watchers.isEmpty
    }

    private func pollOrEnd() {
        do {
            try self.poll()
        } catch {
            self.watchers.finishAll(throwing: error)
        }
    }

    private func poll() throws(StoreError) {
        let version = try SQLiteErrors.map {
            try self.connection.inDatabase { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        }
        if version == self.dataVersion {
            return
        }
        self.dataVersion = version
        while true {
            let cursor = self.cursor
            let (rows, compacted) = try SQLiteErrors.map {
                try self.connection.read { db in
                    (
                        try self.changes(db, after: cursor, limit: Self.pageSize),
                        try SQLiteSchema.counter(db, "compacted_rv")
                    )
                }
            }
            if cursor < compacted {
                // This process slept through more changes than the log keeps.
                self.watchers.finishAll(throwing: .expired(requested: cursor, oldest: compacted))
                self.cursor = rows.last?.rv ?? compacted
                return
            }
            let events = try self.decode(rows)
            self.watchers.deliver(events)
            if let last = rows.last {
                self.cursor = last.rv
            }
            if rows.count < Self.pageSize {
                return
            }
        }
    }

    private struct ChangeRow: Sendable {
        var rv: Int64
        var type: String
        var key: ObjectKey
        var body: Data
    }

    private nonisolated func changes(
        _ db: Database,
        after start: Int64,
        through end: Int64 = .max,
        limit: Int = .max
    ) throws -> [ChangeRow] {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql:
                    "SELECT rv, type, kind, namespace, name, body FROM changes WHERE rv > ? AND rv <= ? ORDER BY rv LIMIT ?"
            ),
            arguments: [start, end, Int64(min(limit, Int(Int64.max)))])
        return rows.map { row in
            ChangeRow(
                rv: row[0], type: row[1],
                key: ObjectKey(kind: GroupKind(storageName: row[2]), namespace: row[3], name: row[4]),
                body: row[5])
        }
    }

    private func decode(_ rows: [ChangeRow]) throws(StoreError) -> [WatchEvent] {
        var events: [WatchEvent] = []
        events.reserveCapacity(rows.count)
        for row in rows {
            guard let type = WatchEvent.EventType(rawValue: row.type) else {
                throw StoreError(.corrupt, "change \(row.rv) has unknown type \"\(row.type)\"")
            }
            events.append(WatchEvent(type: type, object: try self.codec.decode(row.body, key: row.key)))
        }
        return events
    }
}
