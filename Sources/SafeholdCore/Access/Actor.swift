import Foundation

/// Who is acting: the signed-in user as the access policy and the audit see them.
public struct Actor: Hashable, Sendable {
    public let userId: UUID
    public let role: Role
    public let agencyId: UUID
    public let teamId: UUID?
    public let displayName: String

    public init(userId: UUID, role: Role, agencyId: UUID, teamId: UUID?, displayName: String) {
        self.userId = userId
        self.role = role
        self.agencyId = agencyId
        self.teamId = teamId
        self.displayName = displayName
    }
}

/// A record's relationships to the workforce, loaded once and handed to the policy.
public struct RecordAccessFacts: Hashable, Sendable {
    public var allocatedWorkerIds: Set<UUID>
    public var allocatedTeamIds: Set<UUID>
    /// Users granted access explicitly, each with whether the grant lets them edit.
    public var grants: [UUID: Bool]
    public var restricted: Bool
    /// A contact about the child is waiting for the front door's decision.
    public var awaitingTriage: Bool
    /// Police teams running an investigation of the child jointly with social care while the joint
    /// section 47 enquiry is open.
    public var jointEnquiryTeamIds: Set<UUID>
    /// The person is the subject of an allegation (LADO): a restricted record by rule.
    public var allegationSubject: Bool
    /// Safehold users recorded as the subject of an allegation about this person.
    public var subjectUserIds: Set<UUID>

    public init(
        allocatedWorkerIds: Set<UUID> = [], allocatedTeamIds: Set<UUID> = [],
        grants: [UUID: Bool] = [:], restricted: Bool = false, awaitingTriage: Bool = false,
        jointEnquiryTeamIds: Set<UUID> = [], allegationSubject: Bool = false, subjectUserIds: Set<UUID> = []
    ) {
        self.allegationSubject = allegationSubject
        self.subjectUserIds = subjectUserIds
        self.awaitingTriage = awaitingTriage
        self.jointEnquiryTeamIds = jointEnquiryTeamIds
        self.allocatedWorkerIds = allocatedWorkerIds
        self.allocatedTeamIds = allocatedTeamIds
        self.grants = grants
        self.restricted = restricted
    }
}

/// Things one may do with a person's record.
public enum PersonAction: String, Sendable, CaseIterable {
    /// Find the person in search by name, without any detail.
    case findByName
    /// Open the full record.
    case view
    /// Change the record or its relationships.
    case edit
    /// See who has looked at and changed the record.
    case viewAccessLog
}
