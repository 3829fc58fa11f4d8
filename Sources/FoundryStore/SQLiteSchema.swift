import Foundation
import GRDB

/// The SQLite backend's tables. `objects` holds the current objects; `changes` is the change log
/// keyed by resourceVersion, which watches in any process read; `meta` holds the counters.
enum SQLiteSchema {
    static let version: Int64 = 1

    static let statements = [
        """
        CREATE TABLE IF NOT EXISTS objects (
            kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
            uid TEXT NOT NULL UNIQUE, rv INTEGER NOT NULL, body BLOB NOT NULL,
            PRIMARY KEY (kind, namespace, name)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE IF NOT EXISTS owner_refs (
            owner_uid TEXT NOT NULL, kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
            PRIMARY KEY (owner_uid, kind, namespace, name)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE IF NOT EXISTS changes (
            rv INTEGER PRIMARY KEY, type TEXT NOT NULL,
            kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL, body BLOB NOT NULL
        )
        """,
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID",
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', \(version)), ('rv', 0), ('compacted_rv', 0)",
    ]

    /// A sealed constant that tells, on open, whether the key file is the database's key.
    static let keyCheckPlaintext = Data("foundry key check v1".utf8)

    /// Creates the tables when missing and checks the schema version and the encryption key.
    static func prepare(_ db: Database, cipher: SecretCipher, path: String) throws {
        for statement in self.statements {
            try db.execute(sql: statement)
        }
        let schema = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema'") ?? 0
        guard schema == self.version else {
            throw StoreError(
                .invalid, "\(path) has store schema \(schema); this foundry reads schema \(self.version)")
        }
        if let check = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'key_check'") {
            do {
                _ = try cipher.open(check, context: "key_check")
            } catch {
                throw StoreError(
                    .corrupt,
                    "\(path) was written with another encryption key: give its key file with --encryption-key-file")
            }
        } else {
            let sealed = try cipher.seal(self.keyCheckPlaintext, context: "key_check")
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('key_check', ?)", arguments: [sealed])
        }
    }

    static func counter(_ db: Database, _ name: String) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [name]) ?? 0
    }

    static func setCounter(_ db: Database, _ name: String, _ value: Int64) throws {
        try db.cachedStatement(sql: "UPDATE meta SET value = ? WHERE key = ?").execute(arguments: [value, name])
    }
}
