import Foundation

/// A person known to the service: a child, an unborn child, an adult or a professional.
public struct Person: Identifiable, Hashable, Codable, Sendable {
    public let id: UUID
    /// The local person id shown to workers (`SH-000123`).
    public let localId: String
    public var details: PersonDetails
    /// A restricted record (adoption, staff as clients, high-profile) is visible only to named people.
    public var restricted: Bool
    /// Bumped on every change; an edit made against an older version is refused.
    public var version: Int
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, localId: String, details: PersonDetails, restricted: Bool = false,
        version: Int = 1, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.localId = localId
        self.details = details
        self.restricted = restricted
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var displayName: String { details.displayName }

    /// Names of the fields that differ between two versions, for the history of changes.
    public static func changedFields(from old: PersonDetails, to new: PersonDetails) -> [String] {
        let lhs = Mirror(reflecting: old).children
        let rhs = Mirror(reflecting: new).children
        return zip(lhs, rhs).compactMap { a, b in
            String(describing: a.value) == String(describing: b.value) ? nil : a.label
        }
    }
}

/// What someone without a relationship to the record may see: the name and nothing else.
public struct PersonName: Hashable, Codable, Sendable {
    public let id: UUID
    public let displayName: String

    public init(id: UUID, displayName: String) {
        self.id = id
        self.displayName = displayName
    }
}
