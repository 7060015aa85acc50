import Foundation
import SafeholdCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the audit key is kept, outside the database: base64 text in an environment variable, or a
/// key file only its owner may read (created, mode 0600, at the first start of an installation).
public enum AuditKeySource: Sendable, Equatable {
    /// Base64 of at least 32 bytes (`SAFEHOLD_AUDIT_KEY`).
    case environment(String)
    /// A file holding base64 of at least 32 bytes (`SAFEHOLD_AUDIT_KEY_FILE`, default `<data-dir>/keys/audit.key`).
    case file(path: String)

    /// Loads the key. With `createIfMissing`, a missing key file is created with a new random key;
    /// without it (verification), a missing key is an error: a new key could verify nothing.
    public func load(createIfMissing: Bool) throws -> AuditKey {
        switch self {
        case .environment(let text):
            guard let key = AuditKey(base64: text) else {
                throw AuditKeyError("SAFEHOLD_AUDIT_KEY is not base64 of at least \(AuditKey.minimumBytes) bytes")
            }
            return key
        case .file(let path):
            if !FileManager.default.fileExists(atPath: path) {
                guard createIfMissing else {
                    throw AuditKeyError(
                        "there is no audit key at \(path): give the key the server uses "
                            + "(SAFEHOLD_AUDIT_KEY_FILE or SAFEHOLD_AUDIT_KEY)")
                }
                try Self.create(at: path)
            }
            return try Self.read(path)
        }
    }

    private static func read(_ path: String) throws -> AuditKey {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var info = stat()
        guard stat(target, &info) == 0 else { throw AuditKeyError("the audit key file \(path) cannot be read") }
        let mode = Int(info.st_mode) & 0o777
        guard mode & 0o077 == 0 else {
            throw AuditKeyError(
                "the audit key file \(path) may be read or changed by others (mode "
                    + String(mode, radix: 8) + "): allow its owner only (chmod 600 \(path))")
        }
        guard let data = FileManager.default.contents(atPath: target), let text = String(data: data, encoding: .utf8),
            let key = AuditKey(base64: text)
        else {
            throw AuditKeyError(
                "the audit key file \(path) does not hold base64 of at least "
                    + "\(AuditKey.minimumBytes) bytes")
        }
        return key
    }

    /// Writes a new key with mode 0600 (its folder 0700): into a temporary file first, then linked
    /// into place, so no reader ever sees half a key and, when another process created the file
    /// first, its key is the one everybody uses.
    private static func create(at path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let temporary = folder.appendingPathComponent(".audit-key-\(UUID().text)").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw AuditKeyError("the audit key file \(path) cannot be created (errno \(errno))") }
        defer { unlink(temporary) }
        let bytes = Array((AuditKey.generate().base64 + "\n").utf8)
        let written = write(fd, bytes, bytes.count) == bytes.count && fsync(fd) == 0
        close(fd)
        guard written else { throw AuditKeyError("the audit key file \(path) cannot be written (errno \(errno))") }
        if link(temporary, path) != 0 && errno != EEXIST {
            throw AuditKeyError("the audit key file \(path) cannot be created (errno \(errno))")
        }
    }
}

/// The audit key is missing, malformed or kept where others can read it.
public struct AuditKeyError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
