import Foundation
import SafeholdCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder of signed audit checkpoints, outside the database (`SAFEHOLD_AUDIT_CHECKPOINT_DIR`,
/// default `<data-dir>/audit-checkpoints`). One JSON file per checkpoint, named so that names sort by
/// sequence number then time. It keeps the newest `keepRecent` files and, older than those, the
/// newest of each UTC day; the rest are removed as new ones arrive.
public struct AuditCheckpointDirectory: Sendable {
    public let path: String
    public let keepRecent: Int

    public init(path: String, keepRecent: Int = 60) {
        self.path = path
        self.keepRecent = max(1, keepRecent)
    }

    /// Writes `checkpoint` atomically (a temporary file, flushed to disk, renamed into place), then
    /// removes the checkpoints the retention rule no longer keeps.
    public func write(_ checkpoint: AuditCheckpoint) throws {
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let bytes = Array(try encoder.encode(checkpoint)) + Array("\n".utf8)
        let temporary = path + "/.checkpoint-\(UUID().text).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw AuditCheckpointError("cannot create a file in \(path) (errno \(errno))") }
        let written = writeAll(fd, bytes) && fsync(fd) == 0
        close(fd)
        guard written, rename(temporary, path + "/" + Self.fileName(checkpoint)) == 0 else {
            unlink(temporary)
            throw AuditCheckpointError("cannot write a checkpoint in \(path) (errno \(errno))")
        }
        let folder = open(path, O_RDONLY)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
        try prune()
    }

    /// Every checkpoint in the folder (none when the folder does not exist); throws naming a
    /// checkpoint file that cannot be read.
    public func load() throws -> [AuditCheckpoint] {
        try names().map { name in
            let file = path + "/" + name
            guard let data = FileManager.default.contents(atPath: file),
                let checkpoint = try? JSONDecoder().decode(AuditCheckpoint.self, from: data)
            else {
                throw AuditCheckpointError("the checkpoint file \(file) cannot be read as a checkpoint")
            }
            return checkpoint
        }
    }

    /// Checkpoint file names, oldest (lowest sequence number) first.
    func names() throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: path)
            .filter { $0.hasPrefix("checkpoint-") && $0.hasSuffix(".json") }
            .sorted()
    }

    private func prune() throws {
        let all = try names()
        let older = all.dropLast(keepRecent)
        let newestOfDay = Dictionary(grouping: older, by: Self.day).compactMap { $0.value.max() }
        for name in Set(older).subtracting(newestOfDay) {
            unlink(path + "/" + name)
        }
    }

    /// `checkpoint-000000001234-20261124T090000123Z.json`.
    static func fileName(_ checkpoint: AuditCheckpoint) -> String {
        let time = checkpoint.at.filter { $0 != "-" && $0 != ":" && $0 != "." }
        let seq = String(checkpoint.seq)
        return "checkpoint-" + String(repeating: "0", count: max(0, 12 - seq.count)) + seq + "-" + time + ".json"
    }

    /// The UTC day in a file name (`20261124`).
    private static func day(_ name: String) -> Substring {
        name.dropFirst("checkpoint-000000000000-".count).prefix(8)
    }
}

/// Writes every byte to an open file (the struct's own `write` hides the system call's name).
private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            #if canImport(Glibc)
            let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            #else
            let n = Darwin.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            #endif
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}

/// A checkpoint could not be written or read.
public struct AuditCheckpointError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
