import Foundation
import SafeholdCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the key that seals TOTP secrets, outside the database: `SAFEHOLD_SECRET_KEY` (base64 of 32
/// bytes), else the file `SAFEHOLD_SECRET_KEY_FILE`, else `<data-dir>/keys/secrets.key`, created with
/// mode 0600 (in a 0700 folder) when missing. A key file that its group or others may read is refused.
enum SecretKeyFile {
    struct Refused: Error, CustomStringConvertible { let description: String }

    static func box(_ configuration: AppConfiguration) throws -> SecretBox {
        if let text = configuration.secretKey {
            return try decode(text, from: "SAFEHOLD_SECRET_KEY")
        }
        let path =
            configuration.secretKeyFile
            ?? URL(fileURLWithPath: configuration.dataDirectory).appendingPathComponent("keys/secrets.key").path
        if !FileManager.default.fileExists(atPath: path) {
            if configuration.secretKeyFile != nil {
                throw Refused(description: "The secret key file \(path) does not exist.")
            }
            try create(path)
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
        guard mode & 0o077 == 0 else {
            throw Refused(
                description: "The secret key file \(path) may be read by others (mode \(String(mode, radix: 8))). "
                    + "Run 'chmod 600 \(path)' and start again.")
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try decode(text, from: path)
    }

    private static func decode(_ text: String, from source: String) throws -> SecretBox {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32
        else {
            throw Refused(description: "The secret key in \(source) must be base64 of 32 random bytes.")
        }
        return try SecretBox(keyData: data)
    }

    /// Writes a new random key, readable by this user only, never overwriting a file.
    private static func create(_ path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw Refused(description: "Could not create the secret key file \(path).") }
        defer { close(fd) }
        let bytes = Array((SecretBox.newKeyData().base64EncodedString() + "\n").utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else {
            throw Refused(description: "Could not write the secret key file \(path).")
        }
    }
}
