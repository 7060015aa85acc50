import Foundation

/// A line in a list or a search result. When `canView` is false it carries the name only.
public struct PersonSummary: Hashable, Codable, Sendable, Identifiable {
    public let id: UUID
    public let localId: String?
    public let kind: PersonKind?
    public let givenName: String?
    public let familyName: String
    public let dateOfBirth: LocalDate?
    /// Whether the viewer may open the full record.
    public let canView: Bool

    public init(
        id: UUID, localId: String?, kind: PersonKind?, givenName: String?, familyName: String,
        dateOfBirth: LocalDate?, canView: Bool
    ) {
        self.id = id
        self.localId = localId
        self.kind = kind
        self.givenName = givenName
        self.familyName = familyName
        self.dateOfBirth = dateOfBirth
        self.canView = canView
    }

    /// The line of a record already read.
    public init(_ person: Person, canView: Bool) {
        self.init(
            id: person.id, localId: person.localId, kind: person.details.kind, givenName: person.details.givenName,
            familyName: person.details.familyName, dateOfBirth: person.details.dateOfBirth, canView: canView)
    }

    /// The same line with every detail but the name removed, for a viewer without a relationship.
    public var nameOnly: PersonSummary {
        PersonSummary(
            id: id, localId: nil, kind: nil, givenName: givenName, familyName: familyName,
            dateOfBirth: nil, canView: false)
    }

    /// For someone who audits access: the name, local id and kind, so records with the same name can be told apart.
    public var forAuditor: PersonSummary {
        PersonSummary(
            id: id, localId: localId, kind: kind, givenName: givenName, familyName: familyName,
            dateOfBirth: nil, canView: false)
    }

    public var displayName: String {
        if kind == .unborn && givenName == nil { return "Unborn \(familyName)" }
        return [givenName, familyName].compactMap { $0 }.joined(separator: " ")
    }
}
