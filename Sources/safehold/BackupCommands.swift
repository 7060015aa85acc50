import ArgumentParser
import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb

/// `safehold backup DEST`: an online backup of the database, the documents and the audit checkpoints,
/// with a signed manifest; never the keys (see docs/operations.md).
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up the database (while the server runs), documents and audit checkpoints into DEST.")
    @OptionGroup var common: CommonOptions
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (the same as --database).")
    var databaseURL: String?
    @Argument(help: "A new or empty folder for the backup.") var destination: String

    func run() async throws {
        var config = try common.configuration()
        if let databaseURL { config.databaseURL = databaseURL }
        let key = try config.auditKeySource.load(createIfMissing: false)
        let started = Date()
        let manifest = try await Backup.create(
            at: URL(fileURLWithPath: destination),
            from: BackupSource(
                location: config.databaseLocation, documentsFolder: config.documentsFolder,
                checkpoints: config.auditCheckpoints, auditKey: key))
        let rows = manifest.tables.values.reduce(0, +)
        let documents = manifest.files.keys.filter { $0.hasPrefix("documents/") }.count
        say(
            "Backed up \(manifest.databaseKind) to \(destination) in "
                + String(format: "%.1f", Date().timeIntervalSince(started)) + " s: \(manifest.tables.count) tables, "
                + "\(rows) rows, \(documents) documents, audit entry \(manifest.auditHead.seq) at "
                + "\(manifest.createdAt). "
                + "The keys are not in it: keep them apart (docs/operations.md).")
    }
}

/// `safehold restore SRC`: restores a backup into an empty data folder or PostgreSQL database, then
/// verifies the audit chain and the row counts against the backup's manifest.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into an empty data folder or database and verify it against its manifest.")
    @OptionGroup var common: CommonOptions
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (the same as --database).")
    var databaseURL: String?
    @Flag(help: "Restore into a data folder that is not empty, moving its database and files aside.")
    var force = false
    @Argument(help: "The backup folder.") var source: String

    func run() async throws {
        var config = try common.configuration()
        if let databaseURL { config.databaseURL = databaseURL }
        guard common.dataDirectory != nil || config.databaseURL != nil else {
            throw ValidationError("Name where to restore: --data-dir FOLDER or --database-url URL.")
        }
        let key = try config.auditKeySource.load(createIfMissing: false)
        let target: RestoreTarget =
            if let url = config.databaseURL {
                .postgres(url: url, documentsFolder: config.documentsFolder, checkpoints: config.auditCheckpoints)
            } else {
                .sqlite(dataDirectory: URL(fileURLWithPath: config.dataDirectory), force: force)
            }
        let report = try await Backup.restore(from: URL(fileURLWithPath: source), into: target, auditKey: key)
        say("Table                              backup   restored")
        for name in Set(report.manifest.tables.keys).union(report.tables.keys).sorted() {
            let want = report.manifest.tables[name].map(String.init) ?? "-"
            let have = report.tables[name].map(String.init) ?? "-"
            say(name.padding(toLength: 32, withPad: " ", startingAt: 0) + pad(want, 9) + pad(have, 11))
        }
        switch report.audit {
        case .intact(let entries):
            say("Audit: \(entries) entries, chain intact (backup: \(report.manifest.auditHead.seq)).")
        case .broken(let seq, let reason): say("Audit: BROKEN at entry \(seq): \(reason)")
        }
        guard report.problems.isEmpty else {
            say("RESTORE FAILED: the restored copy differs from the backup's manifest:")
            for problem in report.problems { say("  - " + problem) }
            if config.databaseURL == nil {
                say("Nothing was written to \(config.dataDirectory).")
            } else {
                say("The database was restored but differs: drop it; the documents and checkpoints were not copied.")
            }
            throw ExitCode(1)
        }
        say("Restored and verified: counts equal the manifest's and the audit chain is intact.")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

extension AppConfiguration {
    /// The folder holding documents' encrypted content (`SAFEHOLD_DOCUMENTS_DIR`, default `<data-dir>/documents`).
    var documentsFolder: URL {
        documentsDirectory.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: dataDirectory).appendingPathComponent("documents")
    }
}
