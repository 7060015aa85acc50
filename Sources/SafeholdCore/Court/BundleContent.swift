import Foundation

/// A court bundle request as kept: who asked for it, when, and what goes in.
public struct CourtBundle: Codable, Hashable, Sendable, Identifiable {
    public let id: UUID
    public let personId: UUID
    public let request: BundleDraft
    public let requestedByName: String
    public let createdAt: Date

    public init(id: UUID, personId: UUID, request: BundleDraft, requestedByName: String, createdAt: Date) {
        self.id = id
        self.personId = personId
        self.request = request
        self.requestedByName = requestedByName
        self.createdAt = createdAt
    }
}

/// A document chosen for section E, with its content as the documents store returns it (decrypted).
public struct BundleDocument: Hashable, Sendable {
    public let id: UUID
    public let title: String
    public let mediaType: String
    public let data: Data
    public let date: LocalDate

    public init(id: UUID, title: String, mediaType: String, data: Data, date: LocalDate) {
        self.id = id
        self.title = title
        self.mediaType = mediaType
        self.data = data
        self.date = date
    }
}

/// One application, order or hearing for section A, as plain lines.
public struct BundleProceedingsItem: Hashable, Sendable {
    public let title: String
    public let date: LocalDate?
    public let lines: [String]

    public init(title: String, date: LocalDate?, lines: [String]) {
        self.title = title
        self.date = date
        self.lines = lines
    }
}

/// Everything a bundle's PDF shows, read through the record path at the moment it is produced; the redactions
/// are applied when it is laid out (`Redaction`), never stored into the record.
public struct BundleContent: Sendable {
    public let bundle: CourtBundle
    public let childName: String
    public let childBornOn: LocalDate?
    public let preparedBy: String
    public let preparedOn: LocalDate
    public let proceedings: [BundleProceedingsItem]
    public let statements: [(statement: CourtStatement, version: StatementVersion)]
    public let chronology: [ChronologyEntry]
    public let records: [PrintableRecord]
    public let documents: [BundleDocument]

    public init(
        bundle: CourtBundle, childName: String, childBornOn: LocalDate?, preparedBy: String, preparedOn: LocalDate,
        proceedings: [BundleProceedingsItem], statements: [(statement: CourtStatement, version: StatementVersion)],
        chronology: [ChronologyEntry], records: [PrintableRecord], documents: [BundleDocument]
    ) {
        self.bundle = bundle
        self.childName = childName
        self.childBornOn = childBornOn
        self.preparedBy = preparedBy
        self.preparedOn = preparedOn
        self.proceedings = proceedings
        self.statements = statements
        self.chronology = chronology
        self.records = records
        self.documents = documents
    }
}

/// The bundles requested for a child and the records a bundle may hold.
public struct BundleOverview: Sendable {
    public let childName: String
    public let bundles: [CourtBundle]
    public let records: [PrintableRecord]

    public init(childName: String, bundles: [CourtBundle], records: [PrintableRecord]) {
        self.childName = childName
        self.bundles = bundles
        self.records = records
    }
}
