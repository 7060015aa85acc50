import Foundation
import SafeholdCore
import SafeholdStore

/// Where documents are kept and the key that seals them: outside the database, by default in the data
/// folder (`<data-dir>/documents`, `<data-dir>/keys/documents.key`, created with mode 0600 at first start).
extension AppConfiguration {
    mutating func readDocumentSettings(_ r: inout SettingsReader) {
        if let v = r.number("SAFEHOLD_DOCUMENT_MAX_BYTES", in: 1...2_000_000_000) { documentMaxBytes = v }
        if let v = r.text("SAFEHOLD_DOCUMENT_KEY_FILE") { documentKeyFile = v }
        if let v = r.text("SAFEHOLD_DOCUMENTS_DIR") { documentsDirectory = v }
    }

    /// The encrypted documents folder with its key. A key file named by the operator must exist; the
    /// default one is created at the first start.
    public func documentBlobStore() throws -> FileDocumentBlobStore {
        let data = URL(fileURLWithPath: dataDirectory)
        let keyPath = documentKeyFile ?? data.appendingPathComponent("keys/documents.key").path
        let key = try DocumentKey.load(path: keyPath, createIfMissing: documentKeyFile == nil)
        let folder = documentsDirectory.map { URL(fileURLWithPath: $0) } ?? data.appendingPathComponent("documents")
        return try FileDocumentBlobStore(folder: folder, key: key)
    }
}
