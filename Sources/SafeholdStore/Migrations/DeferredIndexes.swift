import Foundation
import SQLKit

/// Indexes dropped for a bulk load and built again after it (`Store.loadingPeopleInBulk`, SQLite).
///
/// An index whose keys arrive in no particular order (names, dates of birth, postcodes) gains an entry on a
/// different page for almost every row loaded, so each batch rewrites most of its pages. Built once after the
/// load, from sorted keys, it is written once. The indexes' statements are kept in `settings` under
/// `deferred_indexes` by the transaction that drops them, so a load that stops part-way (a crash, a killed
/// process) leaves a record of what is missing, and the next `migrate` (every server start runs it) builds them.
/// Only plain indexes are deferred: a unique index enforces a rule while the rows arrive, and stays.
package enum DeferredIndexes {
    static let key = "deferred_indexes"
    private static let plain = "CREATE INDEX "

    /// Drops those of `names` that exist and are not unique, recording their statements first. Returns the names
    /// dropped.
    package static func drop(_ names: [String], on db: any SQLDatabase) async throws -> [String] {
        var pending = try await recorded(on: db)
        var dropped: [String] = []
        for name in names {
            let row = try await db.raw(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = \(bind: name)"
            ).first()
            guard let sql = try row?.decode(column: "sql", as: String?.self), sql.hasPrefix(plain) else { continue }
            pending.append(sql)
            dropped.append(name)
        }
        guard !dropped.isEmpty else { return [] }
        try await record(pending, on: db)
        for name in dropped { try await db.raw("DROP INDEX \(ident: name)").run() }
        return dropped
    }

    /// Builds every recorded index that is missing, then clears the record.
    package static func build(on db: any SQLDatabase) async throws {
        let pending = try await recorded(on: db)
        guard !pending.isEmpty else { return }
        // Only what `drop` records: one plain index's statement as SQLite stored it (never with a `;`).
        for sql in pending where sql.hasPrefix(plain) && !sql.contains(";") {
            try await db.raw(SQLQueryString("CREATE INDEX IF NOT EXISTS " + sql.dropFirst(plain.count))).run()
        }
        try await db.raw("DELETE FROM settings WHERE key = \(bind: key)").run()
    }

    /// The statements of the indexes dropped and not yet built.
    package static func recorded(on db: any SQLDatabase) async throws -> [String] {
        guard
            let text = try await db.raw("SELECT value FROM settings WHERE key = \(bind: key)").first()?.decode(
                column: "value", as: String.self)
        else { return [] }
        return try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    private static func record(_ statements: [String], on db: any SQLDatabase) async throws {
        let text = String(decoding: try JSONEncoder().encode(statements), as: UTF8.self)
        try await db.raw("DELETE FROM settings WHERE key = \(bind: key)").run()
        try await db.raw("INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: text))").run()
    }
}
