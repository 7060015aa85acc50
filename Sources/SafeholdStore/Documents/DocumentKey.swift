import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The 256-bit key that seals documents' content. It is never in the database: it is kept in a key
/// file only its owner may read, named by `SAFEHOLD_DOCUMENT_KEY_FILE` or created (mode 0600) at the first
/// start as `<data-dir>/keys/documents.key`, as the audit key is.
public struct DocumentKey: Sendable {
    private let bytes: Data

    /// A key of exactly 32 bytes; nil otherwise.
    public init?(bytes: some DataProtocol) {
        guard bytes.count == 32 else { return nil }
        self.bytes = Data(bytes)
    }

    /// A new random key.
    public static func generate() -> DocumentKey {
        DocumentKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })!
    }

    var symmetric: SymmetricKey { SymmetricKey(data: bytes) }

    /// Loads the key from `path`. With `createIfMissing` (the default key file), a missing file is
    /// created with a new key; a file named by the operator must exist. A file that its group or
    /// others may read, or that does not hold base64 of 32 bytes, is refused.
    public static func load(path: String, createIfMissing: Bool) throws -> DocumentKey {
        if !FileManager.default.fileExists(atPath: path) {
            guard createIfMissing else {
                throw AuditKeyError("there is no documents key at \(path) (SAFEHOLD_DOCUMENT_KEY_FILE)")
            }
            try create(at: path)
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw AuditKeyError("the documents key file \(path) cannot be read") }
        let mode = Int(info.st_mode) & 0o777
        guard mode & 0o077 == 0 else {
            throw AuditKeyError(
                "the documents key file \(path) may be read or changed by others (mode "
                    + String(mode, radix: 8) + "): allow its owner only (chmod 600 \(path))")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8),
            let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let key = DocumentKey(bytes: raw)
        else { throw AuditKeyError("the documents key file \(path) does not hold base64 of 32 bytes") }
        return key
    }

    /// Writes a new key with mode 0600 (its folder 0700), linked into place so a second process that
    /// raced to create it uses the same key.
    private static func create(at path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = folder.appendingPathComponent(".documents-key-\(UUID().uuidString)").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw AuditKeyError("the documents key file \(path) cannot be created (errno \(errno))") }
        defer { unlink(temporary) }
        let text = generate().bytes.base64EncodedString() + "\n"
        let bytes = Array(text.utf8)
        let written = write(fd, bytes, bytes.count) == bytes.count && fsync(fd) == 0
        close(fd)
        guard written else { throw AuditKeyError("the documents key file \(path) cannot be written (errno \(errno))") }
        if link(temporary, path) != 0 && errno != EEXIST {
            throw AuditKeyError("the documents key file \(path) cannot be created (errno \(errno))")
        }
    }
}
