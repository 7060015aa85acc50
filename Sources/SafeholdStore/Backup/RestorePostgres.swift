import Foundation
import SQLKit
import SafeholdCore

extension Backup {
    /// `pg_restore` into an empty database (or, for a backup of one schema, a database without that
    /// schema's tables), then the same checks as SQLite; the documents and checkpoints are installed only
    /// when they pass. Objects are restored without their owner and grants: run `safehold migrate
    /// --grant-app-role ROLE` as the owner afterwards.
    static func restorePostgres(
        _ manifest: BackupManifest, from source: URL, url: String, documents: URL,
        checkpoints: AuditCheckpointDirectory, key: AuditKey
    ) async throws -> RestoreReport {
        let database = try Database(.postgres(url: url, schema: manifest.schema, poolSize: 1))
        do {
            let report = try await restorePostgres(manifest, from: source, database: database, url: url, key: key)
            await database.shutdown()
            if report.problems.isEmpty {
                try installPostgresFiles(manifest, from: source, documents: documents, checkpoints: checkpoints)
            }
            return report
        } catch {
            await database.shutdown()
            throw error
        }
    }

    private static func restorePostgres(
        _ manifest: BackupManifest, from source: URL, database: Database, url: String, key: AuditKey
    ) async throws -> RestoreReport {
        let (tables, version) = try await database.withConnection { db in
            let schema: SQLQueryString =
                manifest.schema.map { "\(bind: $0)" } ?? "current_schema()"
            let tables =
                try await db.raw(
                    "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = \(schema)"
                ).first()?.int("n") ?? 0
            let version =
                try await db.raw("SELECT current_setting('server_version_num')::int AS v").first()?.int("v") ?? 0
            return (tables, version)
        }
        guard tables == 0 else {
            throw BackupError(
                "the target database is not empty (\(tables) tables in schema \(manifest.schema ?? "public")): "
                    + "restore into a new, empty database")
        }
        let tools = PostgresTools(url: url)
        let pgRestore = try tools.tool("pg_restore", serverVersionNum: version)
        guard let name = try tools.environment()["PGDATABASE"] else {
            throw BackupError("the database URL names no database")
        }
        _ = try tools.run(
            pgRestore,
            [
                "--dbname=\(name)", "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction",
                source.appendingPathComponent(manifest.databaseFile).path,
            ])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safehold-restore-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try copyFiles(of: manifest, from: source, to: folder, database: nil)
        return try await verify(
            manifest, database: database, checkpoints: folder.appendingPathComponent("audit-checkpoints"), key: key)
    }

    /// Copies the documents into the server's folder and the checkpoints into its checkpoint folder,
    /// moving aside checkpoints there that are newer than the backup (they belong to the database replaced).
    private static func installPostgresFiles(
        _ manifest: BackupManifest, from source: URL, documents: URL, checkpoints: AuditCheckpointDirectory
    ) throws {
        let fm = FileManager.default
        let folder = URL(fileURLWithPath: checkpoints.path)
        let newer = try checkpoints.load().filter { $0.seq > manifest.auditHead.seq }
        if !newer.isEmpty {
            let stamp = Timestamp.string(Date()).filter { $0.isNumber }
            let aside = folder.deletingLastPathComponent()
                .appendingPathComponent(folder.lastPathComponent + "-replaced-\(stamp)")
            try fm.moveItem(at: folder, to: aside)
        }
        for relative in manifest.files.keys.sorted() {
            if relative.hasPrefix("documents/") {
                try BackupFiles.copy(
                    source.appendingPathComponent(relative),
                    to: documents.appendingPathComponent(String(relative.dropFirst("documents/".count))))
            } else if relative.hasPrefix("audit-checkpoints/") {
                try BackupFiles.copy(
                    source.appendingPathComponent(relative),
                    to: folder.appendingPathComponent(String(relative.dropFirst("audit-checkpoints/".count))))
            }
        }
    }
}
