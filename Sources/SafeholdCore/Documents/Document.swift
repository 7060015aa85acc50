import Foundation

/// What a document is, as the worker files it.
public enum DocumentKind: String, CaseIterable, Codable, Sendable {
    case letter
    case medicalReport = "medical_report"
    case photograph
    case bodyMapPhoto = "body_map_photo"
    case courtDocument = "court_document"
    case other

    public var label: String {
        switch self {
        case .letter: "Letter"
        case .medicalReport: "Medical report"
        case .photograph: "Photograph"
        case .bodyMapPhoto: "Body map photograph"
        case .courtDocument: "Court document"
        case .other: "Other"
        }
    }
}

/// The record a document is attached to; that record's own access rules decide who sees it.
public enum DocumentOwner: Hashable, Codable, Sendable {
    case person(UUID)
    case episode(UUID)
    case investigation(UUID)

    public var kind: String {
        switch self {
        case .person: "person"
        case .episode: "episode"
        case .investigation: "investigation"
        }
    }

    public var id: UUID {
        switch self {
        case .person(let id), .episode(let id), .investigation(let id): id
        }
    }

    /// The owner from its stored kind and id; nil for a kind this release does not know.
    public init?(kind: String, id: UUID) {
        switch kind {
        case "person": self = .person(id)
        case "episode": self = .episode(id)
        case "investigation": self = .investigation(id)
        default: return nil
        }
    }

    private enum CodingKeys: String, CodingKey { case kind, id }

    /// `{"kind": "person", "id": "..."}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        guard let owner = DocumentOwner(kind: kind, id: try container.decode(UUID.self, forKey: .id)) else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown owner")
        }
        self = owner
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(id, forKey: .id)
    }

    /// The record whose access rules decide.
    public var record: RecordRef {
        switch self {
        case .person(let id): .person(id)
        case .episode(let id): .episode(id)
        case .investigation(let id): .investigation(id)
        }
    }
}

/// A document's metadata as the store keeps it; the content is held encrypted outside the database.
public struct Document: Identifiable, Hashable, Codable, Sendable {
    public let id: UUID
    public let owner: DocumentOwner
    public let title: String
    public let kind: DocumentKind
    public let fileName: String
    public let type: DocumentType
    public let size: Int
    /// SHA-256 of the plaintext, lower-case hex.
    public let sha256: String
    public let uploadedBy: String
    public let uploadedAt: Date
    public let thirdParty: Bool
    /// "Not to be disclosed to the family": a bundle or disclosure must leave it out or redact it.
    public let notForFamily: Bool
    public let description: String?

    public init(
        id: UUID, owner: DocumentOwner, title: String, kind: DocumentKind, fileName: String, type: DocumentType,
        size: Int, sha256: String, uploadedBy: String, uploadedAt: Date, thirdParty: Bool, notForFamily: Bool,
        description: String?
    ) {
        self.id = id
        self.owner = owner
        self.title = title
        self.kind = kind
        self.fileName = fileName
        self.type = type
        self.size = size
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
        self.thirdParty = thirdParty
        self.notForFamily = notForFamily
        self.description = description
    }
}

/// A document with its decrypted content, as the bundle and the download read it.
public struct DocumentContent: Sendable {
    public let document: Document
    public let bytes: [UInt8]

    public init(document: Document, bytes: [UInt8]) {
        self.document = document
        self.bytes = bytes
    }
}
