import Foundation
import SafeholdCore

/// `manifest.json`, at the top of every backup: what the backup holds and how to check it. Signed
/// with the audit key, so a restore refuses a manifest changed after the backup was made; each file
/// it lists carries its SHA-256, so a damaged or altered file is refused before anything is written.
public struct BackupManifest: Codable, Equatable, Sendable {
    /// The layout's version; a restore refuses versions it does not know.
    public static let currentFormat = 1
    public static let fileName = "manifest.json"

    public var formatVersion: Int
    /// When the database snapshot was taken (UTC, stored text).
    public var createdAt: String
    /// `sqlite` or `postgresql`.
    public var databaseKind: String
    /// The database file inside the backup (`database.sqlite` or `database.pgdump`).
    public var databaseFile: String
    /// The PostgreSQL schema dumped, when the server was confined to one (tests); nil for the whole database.
    public var schema: String?
    /// Every table's row count in the snapshot.
    public var tables: [String: Int]
    /// The audit chain's newest entry in the snapshot, signed like a checkpoint.
    public var auditHead: AuditCheckpoint
    /// Every file of the backup but this one, by path relative to the backup folder, with its SHA-256 (hex).
    public var files: [String: String]
    /// HMAC of the rest of the manifest with the audit key (`AuditKey.signBackupManifest`).
    public var signature: String

    /// The manifest's bytes as signed: sorted keys, the signature left empty.
    func canonicalText() throws -> Data {
        var unsigned = self
        unsigned.signature = ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(unsigned)
    }

    mutating func sign(with key: AuditKey) throws {
        signature = key.signBackupManifest(try canonicalText())
    }

    func isSigned(by key: AuditKey) -> Bool {
        guard let text = try? canonicalText() else { return false }
        return key.signBackupManifest(text) == signature
    }

    /// Reads and checks the manifest of the backup in `folder`: its format, its signature with `key`,
    /// and every file's SHA-256. Throws `BackupError` naming the first problem.
    public static func load(from folder: URL, key: AuditKey) throws -> BackupManifest {
        let path = folder.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path.path) else {
            throw BackupError("\(folder.path) is not a Safehold backup: it has no \(fileName)")
        }
        let manifest: BackupManifest
        do {
            manifest = try JSONDecoder().decode(BackupManifest.self, from: data)
        } catch {
            throw BackupError("the backup's \(fileName) cannot be read: \(error)")
        }
        guard manifest.formatVersion == currentFormat else {
            throw BackupError("the backup's format \(manifest.formatVersion) is not one this version restores")
        }
        guard manifest.auditHead.keyId == key.id else {
            throw BackupError(
                "the backup was made with audit key \(manifest.auditHead.keyId), not the key given (\(key.id)): "
                    + "restore with the key of the server that made it")
        }
        guard manifest.isSigned(by: key) else {
            throw BackupError("the backup's \(fileName) was altered after the backup was made (its signature fails)")
        }
        guard manifest.files[manifest.databaseFile] != nil else {
            throw BackupError("the backup's manifest lists no database file")
        }
        for (relative, expected) in manifest.files.sorted(by: { $0.key < $1.key }) {
            guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
                throw BackupError("the backup's manifest names a file outside the backup: \(relative)")
            }
            let file = folder.appendingPathComponent(relative)
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw BackupError("the backup is incomplete: \(relative) is missing")
            }
            guard try FileDigest.sha256(of: file) == expected else {
                throw BackupError("the backup's \(relative) is damaged or altered: its SHA-256 is not the manifest's")
            }
        }
        return manifest
    }
}

/// A backup or restore could not be made; the description says why.
public struct BackupError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
