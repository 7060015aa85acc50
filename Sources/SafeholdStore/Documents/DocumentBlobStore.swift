import Crypto
import Foundation
import SafeholdCore

/// Where the content of documents is kept, outside the database rows: the store writes a document's
/// bytes before its row and removes them when the row's transaction fails, so no row names nothing.
public protocol DocumentBlobStore: Sendable {
    /// Keeps `bytes` as the content of document `id`, encrypted; atomic (a reader sees all or nothing).
    func write(_ id: UUID, _ bytes: [UInt8]) throws
    /// The decrypted content of document `id`; throws `DocumentBlobError` when it is missing or altered.
    func read(_ id: UUID) throws -> [UInt8]
    /// Removes the content of document `id` (after a failed insert); no error when it is not there.
    func remove(_ id: UUID)
}

/// The content of a document is missing, or does not open with the key (altered or damaged).
public enum DocumentBlobError: Error, Equatable, CustomStringConvertible {
    case missing(UUID)
    case altered(UUID)

    public var description: String {
        switch self {
        case .missing(let id): "the content of document \(id) is missing from the documents folder"
        case .altered(let id): "the content of document \(id) does not open with the documents key"
        }
    }
}

/// Documents in a folder (`<data-dir>/documents/ab/<uuid>`), each sealed with AES-256-GCM under a key
/// held outside the database, the document's id bound in as associated data (a file copied over another
/// document's does not open). A file is written to a temporary name, synced, then renamed into place.
public struct FileDocumentBlobStore: DocumentBlobStore {
    public let folder: URL
    private let key: DocumentKey
    /// What every stored file starts with: the format's name and version.
    static let header = Array("SHDOC1".utf8)

    public init(folder: URL, key: DocumentKey) throws {
        self.folder = folder
        self.key = key
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Where document `id`'s file is: a sub-folder named by the id's first two characters.
    public func path(of id: UUID) -> URL {
        folder.appendingPathComponent(Self.relativePath(of: id))
    }

    /// Document `id`'s file inside the folder, `ab/<uuid>` (backups copy it under the same name).
    public static func relativePath(of id: UUID) -> String {
        let name = id.text.lowercased()
        return String(name.prefix(2)) + "/" + name
    }

    public func write(_ id: UUID, _ bytes: [UInt8]) throws {
        let sealed = try AES.GCM.seal(bytes, using: key.symmetric, authenticating: Array(id.text.utf8))
        guard let combined = sealed.combined else { throw DocumentBlobError.altered(id) }
        let target = path(of: id)
        let sub = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(
            at: sub, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = sub.appendingPathComponent(".upload-\(UUID().text)")
        let data = Data(Self.header + Array(combined))
        guard
            FileManager.default.createFile(
                atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteNoPermission) }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, target.path) != 0 { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    public func read(_ id: UUID) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(of: id).path) else {
            throw DocumentBlobError.missing(id)
        }
        let bytes = Array(data)
        guard bytes.starts(with: Self.header) else { throw DocumentBlobError.altered(id) }
        do {
            let box = try AES.GCM.SealedBox(combined: bytes.dropFirst(Self.header.count))
            return Array(try AES.GCM.open(box, using: key.symmetric, authenticating: Array(id.text.utf8)))
        } catch {
            throw DocumentBlobError.altered(id)
        }
    }

    public func remove(_ id: UUID) {
        try? FileManager.default.removeItem(at: path(of: id))
    }
}
