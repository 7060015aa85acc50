import Foundation

/// A statement for court about a child, as stored: who wrote it, for which proceedings, its current
/// version and the last version a manager signed off.
public struct CourtStatement: Codable, Hashable, Sendable, Identifiable {
    public let id: UUID
    public let personId: UUID
    public let authorId: UUID
    public let authorName: String
    public let authorRole: StatementAuthorRole
    /// The author's team when the statement was started: its manager signs it off.
    public let teamId: UUID?
    /// The author's agency (a police statement is read by the author's force).
    public let agencyId: UUID
    public let title: String
    public let proceedings: String?
    /// The number of the latest version; a save names it and makes the next one.
    public let version: Int
    /// The latest version a manager signed off, if any.
    public let signedVersion: Int?
    public let createdAt: Date

    public init(
        id: UUID, personId: UUID, authorId: UUID, authorName: String, authorRole: StatementAuthorRole,
        teamId: UUID?, agencyId: UUID, title: String, proceedings: String?, version: Int, signedVersion: Int?,
        createdAt: Date
    ) {
        self.id = id
        self.personId = personId
        self.authorId = authorId
        self.authorName = authorName
        self.authorRole = authorRole
        self.teamId = teamId
        self.agencyId = agencyId
        self.title = title
        self.proceedings = proceedings
        self.version = version
        self.signedVersion = signedVersion
        self.createdAt = createdAt
    }

    /// Whether the latest version is the one signed off (frozen until the author saves a new version).
    public var isSigned: Bool { signedVersion == version }
}

/// One saved version of a statement: never changed after it is written, except that a manager's sign-off
/// is recorded on it once.
public struct StatementVersion: Codable, Hashable, Sendable {
    public let number: Int
    public let content: StatementDraft
    public let savedByName: String
    public let savedAt: Date
    public let signedByName: String?
    public let signedAt: Date?

    public init(
        number: Int, content: StatementDraft, savedByName: String, savedAt: Date, signedByName: String?,
        signedAt: Date?
    ) {
        self.number = number
        self.content = content
        self.savedByName = savedByName
        self.savedAt = savedAt
        self.signedByName = signedByName
        self.signedAt = signedAt
    }
}

/// The child's statements a reader may read, newest first, with the child's name.
public struct StatementList: Codable, Sendable {
    public let childName: String
    public let statements: [CourtStatement]

    public init(childName: String, statements: [CourtStatement]) {
        self.childName = childName
        self.statements = statements
    }
}

/// A statement with its versions, newest first.
public struct StatementFile: Codable, Sendable {
    public let childName: String
    public let statement: CourtStatement
    public let versions: [StatementVersion]
    public let canEdit: Bool
    public let canSignOff: Bool

    public init(
        childName: String, statement: CourtStatement, versions: [StatementVersion], canEdit: Bool, canSignOff: Bool
    ) {
        self.childName = childName
        self.statement = statement
        self.versions = versions
        self.canEdit = canEdit
        self.canSignOff = canSignOff
    }

    /// The latest version.
    public var current: StatementVersion? { versions.first }
}
