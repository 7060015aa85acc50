import Foundation
import SQLKit
import SafeholdCore

/// Where a backup is restored to.
public enum RestoreTarget: Sendable {
    /// A data folder for the embedded database: empty (or holding only `keys/`) unless `force`, when
    /// the database, documents and checkpoints already there are moved aside into `replaced-<time>/`.
    case sqlite(dataDirectory: URL, force: Bool)
    /// An empty PostgreSQL database (or schema, when the backup was of one), with the folders the
    /// server keeps documents and checkpoints in.
    case postgres(url: String, documentsFolder: URL, checkpoints: AuditCheckpointDirectory)
}

/// What a restore found: the restored database's row counts and audit chain against the manifest's.
public struct RestoreReport: Sendable {
    public let manifest: BackupManifest
    public let tables: [String: Int]
    public let audit: AuditLog.Verification
    /// Every way the restored copy differs from the manifest; empty when it agrees.
    public let problems: [String]
}

extension Backup {
    /// Checks the backup in `source` (manifest signature, every file's SHA-256) before writing anything,
    /// restores it, verifies the audit chain (as `safehold audit verify` does) and the row counts against
    /// the manifest. SQLite is restored into a hidden folder and moved into place only when both agree.
    public static func restore(
        from source: URL, into target: RestoreTarget, auditKey: AuditKey
    ) async throws -> RestoreReport {
        let manifest = try BackupManifest.load(from: source, key: auditKey)
        switch target {
        case .sqlite(let dataDirectory, let force):
            guard manifest.databaseKind == "sqlite" else {
                throw BackupError("this is a \(manifest.databaseKind) backup: restore it with --database-url")
            }
            return try await restoreSQLite(manifest, from: source, into: dataDirectory, force: force, key: auditKey)
        case .postgres(let url, let documents, let checkpoints):
            guard manifest.databaseKind == "postgresql" else {
                throw BackupError("this is a \(manifest.databaseKind) backup: restore it with --data-dir")
            }
            return try await restorePostgres(
                manifest, from: source, url: url, documents: documents, checkpoints: checkpoints, key: auditKey)
        }
    }

    static let restoredItems = ["safehold.sqlite", "documents", "audit-checkpoints"]

    private static func restoreSQLite(
        _ manifest: BackupManifest, from source: URL, into target: URL, force: Bool, key: AuditKey
    ) async throws -> RestoreReport {
        guard try force || BackupFiles.isEmpty(target, allowing: ["keys"]) else {
            throw BackupError(
                "\(target.path) is not empty: restore into an empty data folder (it may hold keys/), "
                    + "or add --force to move what is there aside")
        }
        let created = !FileManager.default.fileExists(atPath: target.path)
        let staging = target.appendingPathComponent(".restore-\(UUID().text)")
        do {
            try BackupFiles.makeFolder(staging)
            try copyFiles(of: manifest, from: source, to: staging, database: "safehold.sqlite")
            let report = try await SQLiteFile.with(staging.appendingPathComponent("safehold.sqlite")) { database in
                try await verify(
                    manifest, database: database, checkpoints: staging.appendingPathComponent("audit-checkpoints"),
                    key: key)
            }
            if report.problems.isEmpty {
                try install(staging, into: target, force: force)
            }
            try? FileManager.default.removeItem(at: staging)
            if !report.problems.isEmpty && created { try? FileManager.default.removeItem(at: target) }
            return report
        } catch {
            try? FileManager.default.removeItem(at: staging)
            if created { try? FileManager.default.removeItem(at: target) }
            throw error
        }
    }

    /// Copies the manifest's files into `folder`, the database file under the name `database`.
    static func copyFiles(of manifest: BackupManifest, from source: URL, to folder: URL, database: String?) throws {
        for relative in manifest.files.keys.sorted() {
            let name = relative == manifest.databaseFile ? database : relative
            guard let name else { continue }
            try BackupFiles.copy(source.appendingPathComponent(relative), to: folder.appendingPathComponent(name))
        }
    }

    /// Moves the staged database, documents and checkpoints into the data folder; with `force`, what
    /// was there first goes into `replaced-<time>/`.
    private static func install(_ staging: URL, into target: URL, force: Bool) throws {
        let fm = FileManager.default
        let stamp = Timestamp.string(Date()).filter { $0.isNumber }
        let aside = target.appendingPathComponent("replaced-\(stamp)")
        for name in restoredItems + ["safehold.sqlite-wal", "safehold.sqlite-shm"] {
            let existing = target.appendingPathComponent(name)
            guard force, fm.fileExists(atPath: existing.path) else { continue }
            try BackupFiles.makeFolder(aside)
            try fm.moveItem(at: existing, to: aside.appendingPathComponent(name))
        }
        for name in restoredItems where fm.fileExists(atPath: staging.appendingPathComponent(name).path) {
            try fm.moveItem(at: staging.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
    }

    /// Reads the restored database's counts and verifies its audit chain with the backup's checkpoints.
    static func verify(
        _ manifest: BackupManifest, database: Database, checkpoints folder: URL, key: AuditKey
    ) async throws -> RestoreReport {
        let checkpoints = try AuditCheckpointDirectory(path: folder.path).load()
        let snapshot = try await database.withConnection { db in
            try await DatabaseSnapshot.read(db, dialect: database.dialect)
        }
        let audit = try await AuditLog(database: database, key: key, clock: SystemClock())
            .verify(checkpoints: checkpoints)
        var problems = snapshot.differences(from: manifest.tables)
        switch audit {
        case .intact(let entries) where entries == manifest.auditHead.seq: break
        case .intact(let entries):
            problems.append("the audit log holds \(entries) entries, the backup \(manifest.auditHead.seq)")
        case .broken(let seq, let reason): problems.append("the audit chain is broken at entry \(seq): \(reason)")
        }
        if snapshot.auditHash != manifest.auditHead.head {
            problems.append("the audit chain's newest entry is not the one the backup recorded")
        }
        return RestoreReport(manifest: manifest, tables: snapshot.tables, audit: audit, problems: problems)
    }
}
