import Crypto
import Foundation
import SQLKit
import SafeholdCore

/// Documents attached to a child's record, an episode or a police investigation. Every read and write
/// goes through `act` on the record the document is attached to, so that record's own rules decide
/// (then `DocumentAccess` narrows them); the content is sealed in `documentBlobs`, never in a row.
extension Store {
    /// Attaches a document to `owner`: the metadata and the content are checked (type read from the bytes,
    /// size, name), the encrypted file written, then the row inserted with its audit entry in one
    /// transaction. When anything fails after the file was written, the file is removed: nothing is kept.
    public func addDocument(
        to owner: DocumentOwner, _ draft: DocumentDraft, bytes: [UInt8], context: AuditContext
    ) async throws -> Document {
        let blobs = try requireDocumentBlobs()
        let id = ids.next()
        let maxBytes = documentMaxBytes
        do {
            return try await act(on: owner.record, DocumentAccess.writeAction, "document", context: context) {
                db, access in
                try Self.checkDocumentAccess(access)
                let clean = try draft.validated(bytes: bytes, maxBytes: maxBytes)
                let person = try await self.documentPerson(of: owner, on: db)
                try blobs.write(id, bytes)
                try await db.raw(
                    """
                    INSERT INTO documents (id, owner_kind, owner_id, person_id, title, kind, file_name, content_type,
                        size_bytes, sha256, third_party, not_for_family, description, uploaded_by, uploaded_by_name,
                        uploaded_at)
                    VALUES (\(bind: id.db), \(bind: owner.kind), \(bind: owner.id.db), \(bind: person?.db),
                        \(bind: clean.title), \(bind: clean.kind.rawValue), \(bind: clean.fileName),
                        \(bind: clean.type.rawValue), \(bind: clean.size), \(bind: clean.sha256),
                        \(bind: clean.thirdParty.db), \(bind: clean.notForFamily.db), \(bind: clean.description),
                        \(bind: access.actor.userId.db), \(bind: context.actorName), \(bind: self.nowText))
                    """
                ).run()
                access.audit(.create, "document", entityId: id, detail: clean.title)
                return try await self.loadDocuments(where: "d.id = \(bind: id.db)", on: db)[0]
            }
        } catch {
            blobs.remove(id)
            throw error
        }
    }

    /// The documents on a record (for a child: those on the child's record and on the child's episodes),
    /// newest first; an audited read of the list, decided by the record's rules.
    public func documents(on owner: DocumentOwner, context: AuditContext) async throws -> [Document] {
        try await act(on: owner.record, DocumentAccess.readAction, "documents", context: context) { db, access in
            try await self.documents(on: owner, access: access, on: db)
        }
    }

    /// `owner`'s documents for an access the policy admitted, refused to a reader who may not read documents;
    /// the listing is audited with its count.
    /// `present` false: the record has none (`PersonLists`), and only the reader's access is checked.
    func documents(
        on owner: DocumentOwner, access: RecordAccess, present: Bool = true, on db: any SQLDatabase
    ) async throws -> [Document] {
        try Self.checkDocumentAccess(access)
        let filter: SQLQueryString =
            switch owner {
            case .person(let id): "d.person_id = \(bind: id.db)"
            case .episode, .investigation:
                "d.owner_kind = \(bind: owner.kind) AND d.owner_id = \(bind: owner.id.db)"
            }
        let found = present ? try await self.loadDocuments(where: filter, on: db) : []
        access.audit(.read, "documents", detail: "\(found.count) documents listed")
        return found
    }

    /// One document's metadata, audited as a view of that document.
    public func document(_ id: UUID, context: AuditContext) async throws -> Document {
        try await actOnDocument(id, "document", context: context) { _, access, document in
            access.audit(.read, "document", entityId: id, detail: "metadata viewed")
            return document
        }
    }

    /// One document's metadata and decrypted content (a download, a bundle), audited as a download of that
    /// document. Content that is missing, does not open with the key, or does not match the checksum taken
    /// at upload is refused, never served.
    public func documentContent(_ id: UUID, context: AuditContext) async throws -> DocumentContent {
        let blobs = try requireDocumentBlobs()
        return try await actOnDocument(id, "document", context: context) { _, access, document in
            let bytes: [UInt8]
            do {
                bytes = try blobs.read(id)
            } catch {
                throw SafeholdError.conflict(
                    "The stored file of \"\(document.title)\" cannot be opened: it is missing or has been altered. "
                        + "Nothing was served; tell the system administrator.")
            }
            guard Digits.hex(SHA256.hash(data: bytes)) == document.sha256 else {
                throw SafeholdError.conflict(
                    "The stored file of \"\(document.title)\" does not match the checksum taken when it was uploaded. "
                        + "Nothing was served; tell the system administrator.")
            }
            access.audit(.read, "document", entityId: id, detail: "content read: \(document.fileName)")
            return DocumentContent(document: document, bytes: bytes)
        }
    }

    /// Acts on one document through the record it is attached to: a document that does not exist, and one
    /// on a record the caller may not see, get the same audited 404.
    func actOnDocument<T: Sendable>(
        _ id: UUID, _ entity: String, action: PersonAction = DocumentAccess.readAction, context: AuditContext,
        _ body: @escaping @Sendable (any SQLDatabase, RecordAccess, Document) async throws -> T
    ) async throws -> T {
        let owner = try await database.withConnection { db in
            try await db.raw("SELECT owner_kind, owner_id FROM documents WHERE id = \(bind: id.db)").first().flatMap {
                DocumentOwner(kind: try $0.string("owner_kind"), id: try $0.uuid("owner_id"))
            }
        }
        guard let owner else {
            try await audit.recordReads([context.event(.denied, entity, entityId: id, detail: "no such record")])
            throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
        }
        return try await act(on: owner.record, action, entity, context: context) { db, access in
            try Self.checkDocumentAccess(access)
            guard let document = try await self.loadDocuments(where: "d.id = \(bind: id.db)", on: db).first else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            return try await body(db, access, document)
        }
    }

    /// `DocumentAccess` on top of the record's rules: a refusal here is a `forbidden`, audited by `act`.
    static func checkDocumentAccess(_ access: RecordAccess) throws {
        if case .denied(let reason) = DocumentAccess.decide(access.actor, policeView: access.policeView) {
            throw SafeholdError.forbidden(reason)
        }
    }

    func requireDocumentBlobs() throws -> any DocumentBlobStore {
        guard let documentBlobs else {
            throw SafeholdError.conflict("This server keeps no documents: it was started without a documents folder.")
        }
        return documentBlobs
    }

    /// The child whose record a document is on: the person, or the episode's child; none for an investigation.
    private func documentPerson(of owner: DocumentOwner, on db: any SQLDatabase) async throws -> UUID? {
        switch owner {
        case .person(let id): id
        case .episode(let id):
            try await db.raw("SELECT person_id FROM episodes WHERE id = \(bind: id.db)").first()?.uuid("person_id")
        case .investigation: nil
        }
    }

    func loadDocuments(where filter: SQLQueryString, on db: any SQLDatabase) async throws -> [Document] {
        try await db.raw("SELECT d.* FROM documents d WHERE \(filter) ORDER BY d.uploaded_at DESC, d.id DESC").all()
            .map { row in
                guard let owner = DocumentOwner(kind: try row.string("owner_kind"), id: try row.uuid("owner_id")) else {
                    throw SafeholdError.conflict(
                        "A document is attached to a kind of record this release does not know.")
                }
                return Document(
                    id: try row.uuid("id"), owner: owner, title: try row.string("title"),
                    kind: try row.code("kind"), fileName: try row.string("file_name"),
                    type: try row.code("content_type"), size: try row.int("size_bytes"),
                    sha256: try row.string("sha256"), uploadedBy: try row.string("uploaded_by_name"),
                    uploadedAt: try row.timestamp("uploaded_at"), thirdParty: try row.flag("third_party"),
                    notForFamily: try row.flag("not_for_family"), description: try row.optionalString("description"))
            }
    }
}
