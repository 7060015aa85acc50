import Foundation
import SQLKit
import SafeholdCore

/// What a backup is taken from: the database, the documents' content and the audit checkpoints, with
/// the audit key that signs the manifest. The keys themselves are never copied into a backup.
public struct BackupSource: Sendable {
    public var location: DatabaseLocation
    public var documentsFolder: URL
    public var checkpoints: AuditCheckpointDirectory
    public var auditKey: AuditKey

    public init(
        location: DatabaseLocation, documentsFolder: URL, checkpoints: AuditCheckpointDirectory, auditKey: AuditKey
    ) {
        self.location = location
        self.documentsFolder = documentsFolder
        self.checkpoints = checkpoints
        self.auditKey = auditKey
    }
}

/// Online backups: one consistent snapshot of the database taken while the server writes (SQLite's
/// `VACUUM INTO`; `pg_dump` on a snapshot exported by the transaction that also counts the rows), the
/// encrypted content of every document that snapshot names, the checkpoints it reaches, and a signed
/// manifest. Written into a hidden folder beside the destination and renamed into place when whole.
public enum Backup {
    /// Makes a backup in `destination`, which must not exist or be an empty folder.
    @discardableResult
    public static func create(
        at destination: URL, from source: BackupSource, clock: any WallClock = SystemClock()
    ) async throws -> BackupManifest {
        guard try BackupFiles.isEmpty(destination) else {
            throw BackupError("\(destination.path) is not empty: back up into a new folder")
        }
        let staging = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).partial-\(UUID().text)")
        try BackupFiles.makeFolder(staging)
        do {
            let manifest = try await write(into: staging, from: source, clock: clock)
            if FileManager.default.fileExists(atPath: destination.path) {
                try FileManager.default.removeItem(at: destination)
            }
            try FileManager.default.moveItem(at: staging, to: destination)
            return manifest
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }

    private static func write(
        into staging: URL, from source: BackupSource, clock: any WallClock
    ) async throws -> BackupManifest {
        // Read before the snapshot, so none of them is newer than it (a newer one is left out below).
        let checkpoints = try source.checkpoints.load()
        let kind: String, file: String, schema: String?, snapshot: DatabaseSnapshot
        switch source.location {
        case .sqlite(let path):
            (kind, file, schema) = ("sqlite", "database.sqlite", nil)
            snapshot = try await copySQLite(path, to: staging.appendingPathComponent(file))
        case .postgres(let url, let confinedTo, _):
            (kind, file, schema) = ("postgresql", "database.pgdump", confinedTo)
            snapshot = try await dumpPostgres(source.location, url: url, schema: confinedTo, to: staging, file: file)
        }
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o600], ofItemAtPath: staging.appendingPathComponent(file).path)
        for id in snapshot.documentIds {
            let relative = FileDocumentBlobStore.relativePath(of: id)
            let original = source.documentsFolder.appendingPathComponent(relative)
            guard FileManager.default.fileExists(atPath: original.path) else {
                throw BackupError("the content of document \(id) is missing from \(source.documentsFolder.path)")
            }
            try BackupFiles.copy(original, to: staging.appendingPathComponent("documents/" + relative))
        }
        let head = AuditCheckpoint.sign(
            seq: snapshot.auditSeq, head: snapshot.auditHash, at: clock.now(), key: source.auditKey)
        let folder = AuditCheckpointDirectory(path: staging.appendingPathComponent("audit-checkpoints").path)
        for checkpoint in checkpoints where checkpoint.seq <= head.seq { try folder.write(checkpoint) }
        try folder.write(head)
        var files: [String: String] = [:]
        for relative in BackupFiles.files(under: staging) {
            files[relative] = try FileDigest.sha256(of: staging.appendingPathComponent(relative))
        }
        var manifest = BackupManifest(
            formatVersion: BackupManifest.currentFormat, createdAt: head.at, databaseKind: kind,
            databaseFile: file, schema: schema, tables: snapshot.tables, auditHead: head, files: files,
            signature: "")
        try manifest.sign(with: source.auditKey)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let target = staging.appendingPathComponent(BackupManifest.fileName)
        guard
            FileManager.default.createFile(
                atPath: target.path, contents: try encoder.encode(manifest), attributes: [.posixPermissions: 0o600])
        else { throw BackupError("cannot write \(target.path)") }
        return manifest
    }

    /// `VACUUM INTO` reads one snapshot while the server goes on writing; the copy is then read alone.
    private static func copySQLite(_ path: String, to copy: URL) async throws -> DatabaseSnapshot {
        guard FileManager.default.fileExists(atPath: path) else { throw BackupError("there is no database at \(path)") }
        let database = try Database(.sqlite(path: path))
        do {
            try await database.withConnection { db in try await db.raw("VACUUM INTO \(bind: copy.path)").run() }
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
        return try await SQLiteFile.with(copy) { database in
            try await database.withConnection { db in try await DatabaseSnapshot.read(db, dialect: .sqlite) }
        }
    }

    /// Counts in a repeatable-read transaction, exports its snapshot and has `pg_dump` dump that same
    /// snapshot, so the manifest's counts are the dump's.
    private static func dumpPostgres(
        _ location: DatabaseLocation, url: String, schema: String?, to staging: URL, file: String
    ) async throws -> DatabaseSnapshot {
        let database = try Database(location)
        do {
            let snapshot = try await database.withConnection { db in
                try await db.raw("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").run()
                do {
                    let id = try await db.raw("SELECT pg_export_snapshot() AS id").first()?.string("id") ?? ""
                    let version =
                        try await db.raw("SELECT current_setting('server_version_num')::int AS v").first()?.int("v")
                        ?? 0
                    let snapshot = try await DatabaseSnapshot.read(db, dialect: .postgres)
                    let tools = PostgresTools(url: url)
                    let pgDump = try tools.tool("pg_dump", serverVersionNum: version)
                    var arguments = ["--format=custom", "--snapshot=\(id)", "--file=\(staging.path)/\(file)"]
                    if let schema { arguments.append("--schema=\(schema)") }
                    _ = try tools.run(pgDump, arguments)
                    try await db.raw("COMMIT").run()
                    return snapshot
                } catch {
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
            }
            await database.shutdown()
            return snapshot
        } catch {
            await database.shutdown()
            throw error
        }
    }
}

/// Opens a SQLite file on its own pool, runs `body`, and closes it; the last connection to close folds
/// the WAL back into the file, so the file is whole on its own afterwards (checked).
enum SQLiteFile {
    static func with<T: Sendable>(_ file: URL, _ body: (Database) async throws -> T) async throws -> T {
        let database = try Database(.sqlite(path: file.path))
        let result: T
        do {
            result = try await body(database)
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
        let fm = FileManager.default
        let wal = file.path + "-wal"
        if let size = (try? fm.attributesOfItem(atPath: wal))?[.size] as? Int, size > 0 {
            throw BackupError("\(file.path) still has a write-ahead log after closing")
        }
        try? fm.removeItem(atPath: wal)
        try? fm.removeItem(atPath: file.path + "-shm")
        return result
    }
}
