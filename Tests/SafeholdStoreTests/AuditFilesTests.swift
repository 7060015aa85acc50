import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// The audit key file and the checkpoint folder: both outside the database, owner-only.
@Suite("Audit key file and checkpoint folder")
struct AuditFilesTests {
    static func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("safehold-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) & 0o777
    }

    @Test("At the first start the key file is created with mode 0600 in a 0700 folder, and the same key is read back")
    func keyFileCreated() throws {
        try Self.withFolder { folder in
            let path = folder.appendingPathComponent("keys/audit.key").path
            let source = AuditKeySource.file(path: path)
            #expect(throws: AuditKeyError.self) { try source.load(createIfMissing: false) }
            #expect(!FileManager.default.fileExists(atPath: path), "verification never creates a key")
            let first = try source.load(createIfMissing: true)
            #expect(try Self.mode(path) == 0o600)
            #expect(try Self.mode(folder.appendingPathComponent("keys").path) == 0o700)
            #expect(try source.load(createIfMissing: true).id == first.id)
            #expect(try source.load(createIfMissing: false).id == first.id)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(AuditKey(base64: text)?.id == first.id)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("keys").path)
                    == ["audit.key"], "no temporary file is left behind")
        }
    }

    @Test(
        "A key file readable or writable by group or others is refused, as is one that holds no key",
        arguments: [0o640, 0o604, 0o620, 0o644, 0o666])
    func looseKeyFileRefused(mode: Int) throws {
        try Self.withFolder { folder in
            let path = folder.appendingPathComponent("audit.key").path
            _ = try AuditKeySource.file(path: path).load(createIfMissing: true)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            let error = #expect(throws: AuditKeyError.self) {
                try AuditKeySource.file(path: path).load(createIfMissing: true)
            }
            #expect(error?.description.contains("chmod 600") == true)

            try "not a key\n".write(toFile: path, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            #expect(throws: AuditKeyError.self) { try AuditKeySource.file(path: path).load(createIfMissing: true) }
        }
    }

    @Test("SAFEHOLD_AUDIT_KEY must be base64 of at least 32 bytes")
    func environmentKey() throws {
        let good = Data(repeating: 5, count: 32).base64EncodedString()
        #expect(try AuditKeySource.environment(good).load(createIfMissing: false).base64 == good)
        for bad in ["", "short", Data(repeating: 5, count: 16).base64EncodedString()] {
            #expect(throws: AuditKeyError.self) { try AuditKeySource.environment(bad).load(createIfMissing: true) }
        }
    }

    static func checkpoint(seq: Int, at: String) -> AuditCheckpoint {
        AuditCheckpoint.sign(
            seq: seq, head: String(repeating: "a", count: 64), at: Timestamp.date(at)!,
            key: testAuditKey)
    }

    @Test("Checkpoints are written whole (owner-only, no temporary file left) and read back in order")
    func checkpointsWrittenAndRead() throws {
        try Self.withFolder { folder in
            let directory = AuditCheckpointDirectory(path: folder.path)
            #expect(try directory.load() == [], "a folder that does not exist yet holds no checkpoint")
            let written = [
                Self.checkpoint(seq: 3, at: "2026-11-24T09:00:00.000Z"),
                Self.checkpoint(seq: 12, at: "2026-11-24T09:01:00.000Z"),
                Self.checkpoint(seq: 12, at: "2026-11-24T09:02:00.000Z"),
            ]
            for checkpoint in written { try directory.write(checkpoint) }
            #expect(try directory.load() == written)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(
                names == [
                    "checkpoint-000000000003-20261124T090000000Z.json",
                    "checkpoint-000000000012-20261124T090100000Z.json",
                    "checkpoint-000000000012-20261124T090200000Z.json",
                ])
            #expect(try Self.mode(folder.path) == 0o700)
            #expect(try Self.mode(folder.appendingPathComponent(names[0]).path) == 0o600)

            try "{}".write(
                toFile: folder.appendingPathComponent("checkpoint-000000000013-x.json").path,
                atomically: false, encoding: .utf8)
            #expect(throws: AuditCheckpointError.self) { try directory.load() }
        }
    }

    @Test("Old checkpoints are pruned: the newest N kept, and before them the newest of each day")
    func retention() throws {
        try Self.withFolder { folder in
            let directory = AuditCheckpointDirectory(path: folder.path, keepRecent: 3)
            let times = [
                "2026-11-20T10:00:00.000Z", "2026-11-20T23:59:00.000Z", "2026-11-21T08:00:00.000Z",
                "2026-11-21T09:00:00.000Z", "2026-11-22T00:01:00.000Z", "2026-11-22T00:02:00.000Z",
                "2026-11-22T00:03:00.000Z", "2026-11-22T00:04:00.000Z",
            ]
            for (i, time) in times.enumerated() { try directory.write(Self.checkpoint(seq: i + 1, at: time)) }
            #expect(try directory.load().map(\.seq) == [2, 4, 5, 6, 7, 8])
        }
    }
}
