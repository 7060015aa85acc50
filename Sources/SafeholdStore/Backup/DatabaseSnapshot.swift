import Foundation
import SQLKit
import SafeholdCore

/// What a backup records of a database as one snapshot sees it: every table's row count, the audit
/// chain's newest entry and the documents whose content lives outside the database.
struct DatabaseSnapshot: Sendable {
    var tables: [String: Int]
    var auditSeq: Int
    var auditHash: String
    var documentIds: [UUID]

    /// Reads it on `db`, which the caller holds in one transaction (or alone, for a copy).
    static func read(_ db: any SQLDatabase, dialect: SQLDialect) async throws -> DatabaseSnapshot {
        let names: SQLQueryString =
            dialect == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : """
            SELECT table_name AS name FROM information_schema.tables \
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
            """
        var tables: [String: Int] = [:]
        for row in try await db.raw(names).all() {
            let name = try row.string("name")
            tables[name] = try await db.raw("SELECT COUNT(*) AS n FROM \(ident: name)").first()?.int("n") ?? 0
        }
        let head = try await db.raw("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").first()
        let documents = try await db.raw("SELECT id FROM documents ORDER BY id").all()
        return DatabaseSnapshot(
            tables: tables, auditSeq: try head?.int("seq") ?? 0,
            auditHash: try head?.string("hash") ?? AuditChain.genesis,
            documentIds: try documents.map { row in
                let text = try row.string("id")
                guard let id = UUID(uuidString: text) else { throw BackupError("a document's id '\(text)' is no UUID") }
                return id
            })
    }

    /// The tables whose counts differ from `expected`, described one per line (empty when they agree).
    func differences(from expected: [String: Int]) -> [String] {
        Set(tables.keys).union(expected.keys).sorted().compactMap { name in
            let have = tables[name], want = expected[name]
            guard have != want else { return nil }
            return
                "\(name): \(have.map(String.init) ?? "no table") restored, "
                + "\(want.map(String.init) ?? "none") in the backup"
        }
    }
}
