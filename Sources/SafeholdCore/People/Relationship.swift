import Foundation

/// How one person stands to another: "A is the mother of B".
public enum RelationshipKind: String, CaseIterable, Codable, Sendable {
    case mother, father, stepParent, adoptiveParent, fosterCarer, kinshipCarer, guardian
    case sibling, halfSibling, stepSibling, grandparent, auntOrUncle, cousin, otherRelative
    case partnerOfParent, partner, householdMember, friend, professional

    /// "mother of", "sibling of": how the subject stands to the other person.
    public var label: String {
        switch self {
        case .mother: "Mother"
        case .father: "Father"
        case .stepParent: "Step-parent"
        case .adoptiveParent: "Adoptive parent"
        case .fosterCarer: "Foster carer"
        case .kinshipCarer: "Kinship carer"
        case .guardian: "Special guardian"
        case .sibling: "Sibling"
        case .halfSibling: "Half-sibling"
        case .stepSibling: "Step-sibling"
        case .grandparent: "Grandparent"
        case .auntOrUncle: "Aunt or uncle"
        case .cousin: "Cousin"
        case .otherRelative: "Other relative"
        case .partnerOfParent: "Partner of parent"
        case .partner: "Partner"
        case .householdMember: "Household member"
        case .friend: "Family friend"
        case .professional: "Professional"
        }
    }

    /// How the other person stands to the subject, seen from their side.
    public var inverseLabel: String {
        switch self {
        case .mother, .father, .stepParent, .adoptiveParent: "Child"
        case .fosterCarer, .kinshipCarer, .guardian: "Child cared for"
        case .grandparent: "Grandchild"
        case .auntOrUncle: "Niece or nephew"
        case .partnerOfParent: "Partner's child"
        case .professional: "Works with"
        case .sibling, .halfSibling, .stepSibling, .cousin, .otherRelative, .partner, .householdMember, .friend: label
        }
    }

    /// True for kinds that are parents in law by default (birth mother).
    public var impliesParentalResponsibility: Bool { self == .mother || self == .adoptiveParent || self == .guardian }
}

/// A link between two people in the family network, read "person is `kind` of relatedPerson".
public struct Relationship: Identifiable, Hashable, Codable, Sendable {
    public let id: UUID
    public let personId: UUID
    public let relatedPersonId: UUID
    public var kind: RelationshipKind
    /// Parental responsibility is its own fact, not implied by the kind.
    public var parentalResponsibility: Bool
    /// The two live in the same household.
    public var livesTogether: Bool
    public let createdAt: Date

    public init(
        id: UUID, personId: UUID, relatedPersonId: UUID, kind: RelationshipKind,
        parentalResponsibility: Bool, livesTogether: Bool, createdAt: Date
    ) {
        self.id = id
        self.personId = personId
        self.relatedPersonId = relatedPersonId
        self.kind = kind
        self.parentalResponsibility = parentalResponsibility
        self.livesTogether = livesTogether
        self.createdAt = createdAt
    }
}

/// The input to link another person to a record: "the other person is the `kind` of this person".
public struct RelationshipDraft: Hashable, Codable, Sendable {
    public var otherPersonId: UUID
    public var kind: RelationshipKind
    public var parentalResponsibility: Bool
    public var livesTogether: Bool

    public init(otherPersonId: UUID, kind: RelationshipKind, parentalResponsibility: Bool, livesTogether: Bool) {
        self.otherPersonId = otherPersonId
        self.kind = kind
        self.parentalResponsibility = parentalResponsibility
        self.livesTogether = livesTogether
    }

    /// Refuses a link from a person to themself.
    public func validated(for personId: UUID) throws(SafeholdError) -> RelationshipDraft {
        if otherPersonId == personId {
            throw .invalid([FieldError("otherPersonId", "a person cannot be related to themself")])
        }
        return self
    }
}

/// A relationship as one person's page shows it: the other person, and how they stand to this one.
public struct RelatedPerson: Hashable, Sendable {
    public let relationship: Relationship
    public let other: PersonSummary
    /// "Mother", "Child", "Sibling": the other person as seen from this record.
    public let label: String

    public init(relationship: Relationship, other: PersonSummary, label: String) {
        self.relationship = relationship
        self.other = other
        self.label = label
    }
}
