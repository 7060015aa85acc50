import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Counts the notes a background writer has added, so a test can take its backup mid-stream.
actor NoteTally {
    private(set) var written = 0
    func add() { written += 1 }
}

/// A folder for one test's backups and restores, removed at the end.
struct BackupScratch {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("safehold-backup-\(UUID().uuidString)")
    var backup: URL { root.appendingPathComponent("backup") }
    var restored: URL { root.appendingPathComponent("restored") }
    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// Whether PostgreSQL's pg_dump is on PATH (the PostgreSQL backup test needs it).
let pgDumpInstalled: Bool = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
    FileManager.default.isExecutableFile(atPath: "\($0)/pg_dump")
}

@Suite("Backup and restore")
struct BackupRestoreTests {
    /// Backs up `w`'s store into `scratch.backup` while a writer adds case notes, and returns the manifest.
    static func backUpWhileWriting(_ w: World, _ scratch: BackupScratch) async throws -> (BackupManifest, UUID) {
        let child = try await w.store.createPerson(Synthetic.child("Bea", "Backup"), context: w.ctx(w.alice))
        let doc = try await w.store.addDocument(
            to: .person(child.id), SampleFiles.draft(), bytes: SampleFiles.pdf, context: w.ctx(w.alice))
        let checkpoints = AuditCheckpointDirectory(path: scratch.root.appendingPathComponent("checkpoints").path)
        try checkpoints.write(try await w.store.audit.checkpoint())
        let tally = NoteTally()
        let writer = Task {
            for n in 0..<150 {
                let note = CaseNoteDraft(
                    notedOn: Synthetic.today, kind: .phoneCall, significant: false, body: "note \(n)")
                _ = try await w.store.addNote(to: child.id, note, context: w.ctx(w.alice))
                await tally.add()
            }
        }
        while await tally.written < 5 { try await Task.sleep(for: .milliseconds(5)) }
        let manifest = try await Backup.create(
            at: scratch.backup,
            from: BackupSource(
                location: w.env.location, documentsFolder: w.env.documentsFolder, checkpoints: checkpoints,
                auditKey: testAuditKey))
        try await writer.value
        let notes = manifest.tables["case_notes"] ?? -1
        #expect(notes >= 5 && notes <= 150, "the snapshot holds the notes committed when it was taken")
        #expect(manifest.files.keys.contains("documents/" + FileDocumentBlobStore.relativePath(of: doc.id)))
        #expect(!manifest.files.keys.contains { $0.hasPrefix("keys/") || $0.hasSuffix(".key") })
        #expect(manifest.auditHead.isSigned(by: testAuditKey))
        return (manifest, doc.id)
    }

    @Test("A SQLite backup taken while notes are written restores with the manifest's counts and audit chain")
    func sqliteBackupWhileWritingRestores() async throws {
        let scratch = BackupScratch()
        defer { scratch.remove() }
        try await withWorld(.sqlite) { w in
            let (manifest, docId) = try await Self.backUpWhileWriting(w, scratch)
            let report = try await Backup.restore(
                from: scratch.backup, into: .sqlite(dataDirectory: scratch.restored, force: false),
                auditKey: testAuditKey)
            #expect(report.problems.isEmpty)
            #expect(report.tables == manifest.tables)
            #expect(report.audit == .intact(entries: manifest.auditHead.seq))
            let blobs = try FileDocumentBlobStore(
                folder: scratch.restored.appendingPathComponent("documents"), key: testDocumentKey)
            #expect(try blobs.read(docId) == SampleFiles.pdf)
            let restored = try Database(.sqlite(path: scratch.restored.appendingPathComponent("safehold.sqlite").path))
            let checkpoints = try AuditCheckpointDirectory(
                path: scratch.restored.appendingPathComponent("audit-checkpoints").path
            ).load()
            let verified = try await Store(database: restored, auditKey: testAuditKey).audit.verify(
                checkpoints: checkpoints)
            await restored.shutdown()
            #expect(verified == .intact(entries: manifest.auditHead.seq))
        }
    }

    @Test("A restore into a data folder that holds anything but keys is refused and writes nothing")
    func restoreRefusesNonEmptyFolder() async throws {
        let scratch = BackupScratch()
        defer { scratch.remove() }
        try await withWorld(.sqlite) { w in
            _ = try await Self.backUpWhileWriting(w, scratch)
            try FileManager.default.createDirectory(at: scratch.restored, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: scratch.restored.appendingPathComponent("safehold.sqlite"))
            let error = await #expect(throws: BackupError.self) {
                try await Backup.restore(
                    from: scratch.backup, into: .sqlite(dataDirectory: scratch.restored, force: false),
                    auditKey: testAuditKey)
            }
            #expect(error?.description.contains("is not empty") == true)
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.restored.path) == ["safehold.sqlite"])
            #expect(FileManager.default.contents(atPath: scratch.restored.path + "/safehold.sqlite") == Data("x".utf8))
        }
    }

    @Test("With force, a restore moves the folder's old database and files aside into replaced-<time>/")
    func forcedRestoreMovesOldFilesAside() async throws {
        let scratch = BackupScratch()
        defer { scratch.remove() }
        try await withWorld(.sqlite) { w in
            let (manifest, _) = try await Self.backUpWhileWriting(w, scratch)
            let old = scratch.restored.appendingPathComponent("documents/ab")
            try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
            try Data("old".utf8).write(to: scratch.restored.appendingPathComponent("safehold.sqlite"))
            let report = try await Backup.restore(
                from: scratch.backup, into: .sqlite(dataDirectory: scratch.restored, force: true),
                auditKey: testAuditKey)
            #expect(report.problems.isEmpty && report.tables == manifest.tables)
            let names = try FileManager.default.contentsOfDirectory(atPath: scratch.restored.path)
            let aside = try #require(names.first { $0.hasPrefix("replaced-") })
            let moved = scratch.restored.appendingPathComponent(aside)
            #expect(FileManager.default.contents(atPath: moved.path + "/safehold.sqlite") == Data("old".utf8))
            #expect(FileManager.default.fileExists(atPath: moved.path + "/documents/ab"))
            #expect(Set(names).isSuperset(of: ["safehold.sqlite", "documents", "audit-checkpoints"]))
        }
    }

    @Test("A manifest altered after the backup (a row count changed) is refused before anything is written")
    func restoreRefusesAlteredManifest() async throws {
        let scratch = BackupScratch()
        defer { scratch.remove() }
        try await withWorld(.sqlite) { w in
            let (manifest, _) = try await Self.backUpWhileWriting(w, scratch)
            var altered = manifest
            altered.tables["case_notes"] = (manifest.tables["case_notes"] ?? 0) + 1
            try JSONEncoder().encode(altered).write(to: scratch.backup.appendingPathComponent("manifest.json"))
            let error = await #expect(throws: BackupError.self) {
                try await Backup.restore(
                    from: scratch.backup, into: .sqlite(dataDirectory: scratch.restored, force: false),
                    auditKey: testAuditKey)
            }
            #expect(error?.description.contains("altered") == true)
            #expect(!FileManager.default.fileExists(atPath: scratch.restored.path))
        }
    }

    @Test("A damaged database file in a backup is named and refused before anything is written")
    func restoreRefusesDamagedDatabaseFile() async throws {
        let scratch = BackupScratch()
        defer { scratch.remove() }
        try await withWorld(.sqlite) { w in
            _ = try await Self.backUpWhileWriting(w, scratch)
            let file = scratch.backup.appendingPathComponent("database.sqlite")
            var bytes = try Data(contentsOf: file)
            bytes[bytes.count / 2] ^= 0xFF
            try bytes.write(to: file)
            let error = await #expect(throws: BackupError.self) {
                try await Backup.restore(
                    from: scratch.backup, into: .sqlite(dataDirectory: scratch.restored, force: false),
                    auditKey: testAuditKey)
            }
            #expect(error?.description.contains("database.sqlite is damaged or altered") == true)
            #expect(!FileManager.default.fileExists(atPath: scratch.restored.path))
        }
    }

    @Test(
        "A PostgreSQL backup (pg_dump) taken while notes are written restores into a fresh database and verifies",
        .enabled(if: TestBackend.postgresURL != nil && pgDumpInstalled))
    func postgresBackupWhileWritingRestores() async throws {
        let scratch = BackupScratch()
        defer { scratch.remove() }
        let url = try #require(TestBackend.postgresURL)
        let name = "safehold_restore_" + UUID().uuidString.prefix(8).lowercased()
        let admin = try Database(.postgres(url: url, poolSize: 1))
        try await admin.withConnection { db in try await db.raw("CREATE DATABASE \(ident: name)").run() }
        do {
            try await withWorld(.postgres) { w in
                let (manifest, docId) = try await Self.backUpWhileWriting(w, scratch)
                #expect(manifest.databaseKind == "postgresql" && manifest.schema != nil)
                let documents = scratch.root.appendingPathComponent("restored-documents")
                let checkpoints = AuditCheckpointDirectory(path: scratch.root.appendingPathComponent("cps").path)
                let target = String(url[..<url.lastIndex(of: "/")!]) + "/" + name
                let report = try await Backup.restore(
                    from: scratch.backup,
                    into: .postgres(url: target, documentsFolder: documents, checkpoints: checkpoints),
                    auditKey: testAuditKey)
                #expect(report.problems.isEmpty)
                #expect(report.tables == manifest.tables)
                #expect(report.audit == .intact(entries: manifest.auditHead.seq))
                #expect(
                    try FileDocumentBlobStore(folder: documents, key: testDocumentKey).read(docId) == SampleFiles.pdf)
                #expect(try checkpoints.load().map(\.seq).max() == manifest.auditHead.seq)

                let error = await #expect(throws: BackupError.self) {
                    try await Backup.restore(
                        from: scratch.backup,
                        into: .postgres(
                            url: url, documentsFolder: scratch.root.appendingPathComponent("never"),
                            checkpoints: checkpoints),
                        auditKey: testAuditKey)
                }
                #expect(error?.description.contains("not empty") == true)
                #expect(!FileManager.default.fileExists(atPath: scratch.root.appendingPathComponent("never").path))
            }
        } catch {
            try? await admin.withConnection { db in try await db.raw("DROP DATABASE \(ident: name) WITH (FORCE)").run()
            }
            await admin.shutdown()
            throw error
        }
        // The pool is shut down even when the drop fails (a pool dropped unshut stops the whole test process).
        do {
            try await admin.withConnection { db in
                try await db.raw("DROP DATABASE \(ident: name) WITH (FORCE)").run()
            }
        } catch {
            await admin.shutdown()
            throw error
        }
        await admin.shutdown()
    }
}
