import Foundation

/// Something a user should know about, kept in their notification list until read: a look-up of a
/// child they hold, information shared with them, a decision on a concern they raised, an invitation,
/// an escalation, a due item.
public struct UserNotification: Sendable, Equatable, Identifiable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case planLookup = "plan_lookup"
        case informationShared = "information_shared"
        case concernDecided = "concern_decided"
        case invitation
        case escalation
        case due
        case adviceGiven = "advice_given"
        case actionAssigned = "action_assigned"
        case serviceReferral = "service_referral"
        case informationRequest = "information_request"
        case allocated
        case accessGrant = "access_grant"

        public var label: String {
            switch self {
            case .planLookup: "Look-up by unscheduled care"
            case .informationShared: "Information shared with you"
            case .concernDecided: "Decision on a concern you raised"
            case .invitation: "Invitation"
            case .escalation: "Escalation"
            case .due: "Due"
            case .adviceGiven: "Safeguarding advice given"
            case .actionAssigned: "Plan action assigned to you"
            case .serviceReferral: "Referral to a service"
            case .informationRequest: "Request for information"
            case .allocated: "Child allocated"
            case .accessGrant: "Access to a child's record"
            }
        }
    }

    public let id: UUID
    public let userId: UUID
    public let kind: Kind
    /// The child it is about, when it is about one (its reading is audited against them).
    public let personId: UUID?
    public let text: String
    public let createdAt: Date
    public let readAt: Date?

    public init(
        id: UUID, userId: UUID, kind: Kind, personId: UUID?, text: String, createdAt: Date, readAt: Date?
    ) {
        self.id = id
        self.userId = userId
        self.kind = kind
        self.personId = personId
        self.text = text
        self.createdAt = createdAt
        self.readAt = readAt
    }
}
