import Crypto
import Foundation
import SafeholdCore

/// SHA-256 of a file, read in 1 MB pieces (a database or a document may be large).
enum FileDigest {
    static func sha256(of file: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hash.update(data: chunk)
        }
        return Digits.hex(hash.finalize())
    }
}

/// File operations of a backup and a restore: folders only their owner may open, files copied whole.
enum BackupFiles {
    static func makeFolder(_ url: URL) throws {
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Copies `source` to `target` (its folder created), readable by its owner only.
    static func copy(_ source: URL, to target: URL) throws {
        try makeFolder(target.deletingLastPathComponent())
        if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
        try FileManager.default.copyItem(at: source, to: target)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
    }

    /// Every regular file under `folder`, as paths relative to it, sorted.
    static func files(under folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(relative).path, isDirectory: &isFolder),
                !isFolder.boolValue
            {
                found.append(relative)
            }
        }
        return found.sorted()
    }

    /// Whether `folder` is missing or holds nothing but the names in `allowed`.
    static func isEmpty(_ folder: URL, allowing allowed: Set<String> = []) throws -> Bool {
        guard FileManager.default.fileExists(atPath: folder.path) else { return true }
        return try Set(FileManager.default.contentsOfDirectory(atPath: folder.path)).subtracting(allowed).isEmpty
    }
}
