import Foundation
import GRDB

/// `StoreTransaction` on one SQLite write transaction: objects and their owner references in
/// tables, and every change appended to the change log with its resourceVersion as the key.
struct SQLiteTransaction: StoreTransaction {
    let db: Database
    let codec: ObjectCodec
    var version: Int64

    func object(_ key: ObjectKey) throws(StoreError) -> StoredObject? {
        let row = try SQLiteErrors.map {
            try Row.fetchOne(
                self.db.cachedStatement(sql: "SELECT body FROM objects WHERE kind = ? AND namespace = ? AND name = ?"),
                arguments: [key.kind.storageName, key.namespace, key.name])
        }
        guard let row else {
            return nil
        }
        return try self.codec.decode(row[0], key: key)
    }

    func dependents(ofOwner uid: String) throws(StoreError) -> [ObjectKey] {
        try SQLiteErrors.map {
            try Row.fetchAll(
                self.db.cachedStatement(sql: "SELECT kind, namespace, name FROM owner_refs WHERE owner_uid = ?"),
                arguments: [uid]
            ).map { row in
                ObjectKey(kind: GroupKind(storageName: row[0]), namespace: row[1], name: row[2])
            }
        }
    }

    func containsObject(uid: String) throws(StoreError) -> Bool {
        try SQLiteErrors.map {
            try Row.fetchOne(self.db.cachedStatement(sql: "SELECT 1 FROM objects WHERE uid = ?"), arguments: [uid])
                != nil
        }
    }

    mutating func nextResourceVersion() -> Int64 {
        self.version += 1
        return self.version
    }

    func record(_ event: WatchEvent) throws(StoreError) {
        let object = event.object
        let key = object.key
        let body = try self.codec.encode(object)
        let keyArguments: StatementArguments = [key.kind.storageName, key.namespace, key.name]
        try SQLiteErrors.map {
            try self.db.cachedStatement(sql: "DELETE FROM owner_refs WHERE kind = ? AND namespace = ? AND name = ?")
                .execute(arguments: keyArguments)
            switch event.type {
            case .added, .modified:
                try self.db.cachedStatement(
                    sql:
                        "INSERT OR REPLACE INTO objects (kind, namespace, name, uid, rv, body) VALUES (?, ?, ?, ?, ?, ?)"
                ).execute(arguments: keyArguments + [object.metadata.uid ?? "", event.resourceVersion, body])
                for owner in Set((object.metadata.ownerReferences ?? []).map(\.uid)) {
                    try self.db.cachedStatement(
                        sql: "INSERT INTO owner_refs (owner_uid, kind, namespace, name) VALUES (?, ?, ?, ?)"
                    ).execute(arguments: [owner] + keyArguments)
                }
            case .deleted:
                try self.db.cachedStatement(sql: "DELETE FROM objects WHERE kind = ? AND namespace = ? AND name = ?")
                    .execute(arguments: keyArguments)
            }
            try self.db.cachedStatement(
                sql: "INSERT INTO changes (rv, type, kind, namespace, name, body) VALUES (?, ?, ?, ?, ?, ?)"
            ).execute(arguments: [event.resourceVersion, event.type.rawValue] + keyArguments + [body])
        }
    }
}

enum SQLiteErrors {
    /// Runs GRDB work, turning its errors into `StoreError`.
    static func map<T>(_ work: () throws -> T) throws(StoreError) -> T {
        do {
            return try work()
        } catch {
            throw self.storeError(error)
        }
    }

    static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError {
            return error
        }
        guard let database = error as? DatabaseError else {
            return StoreError(.unavailable, "database error: \(error)", underlying: error)
        }
        switch database.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(
                .unavailable, "the database is locked by another process (busy timeout reached)", underlying: error)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StoreError(
                .corrupt, "the database file is damaged: \(database.message ?? "\(database)")", underlying: error)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            return StoreError(
                .unavailable, "cannot write the database: \(database.message ?? "\(database)")", underlying: error)
        default:
            return StoreError(.unavailable, "database error: \(database.message ?? "\(database)")", underlying: error)
        }
    }
}
