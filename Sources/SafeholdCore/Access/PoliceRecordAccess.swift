import Foundation

/// How much of a police record (an investigation, an interview, a police protection, an operation) a
/// user may see.
public enum PoliceRecordView: String, Sendable {
    /// Everything, police-only intelligence included: the team that holds the record.
    case full
    /// What the police share with social care: status, officer, next key date, decisions; never
    /// police-only fields unless a police user shared them.
    case shared
}

/// The team and agency that hold a police record.
public struct RecordOwner: Hashable, Sendable {
    public let agencyId: UUID
    public let teamId: UUID

    public init(agencyId: UUID, teamId: UUID) {
        self.agencyId = agencyId
        self.teamId = teamId
    }
}

/// One named reason a user may reach a police record.
public struct PoliceRecordRule: Sendable {
    public let name: String
    let grants: @Sendable (Actor, RecordOwner, [RecordAccessFacts]) -> PoliceRecordView?

    /// Police officers of the team that holds the record see and change all of it.
    public static let investigatingTeam = PoliceRecordRule(name: "investigating team") { actor, owner, _ in
        actor.role == .police && actor.teamId == owner.teamId ? .full : nil
    }

    /// Children's social care (`Role.isChildrensSocialCare`) who may open every child's record on it
    /// (their social worker, team, manager) sees what is shared. Nobody else reaches a police record
    /// through a child's record: not a partner agency (school, health, probation) with grants on every
    /// child, not the police of another team; they get the one 404 answer.
    public static let childsSocialCare = PoliceRecordRule(name: "child's social care") { actor, _, children in
        guard actor.role.isChildrensSocialCare else { return nil }
        let policy = AccessPolicy()
        let sees = !children.isEmpty && children.allSatisfy { policy.decide(actor, .view, $0).isAllowed }
        return sees ? .shared : nil
    }
}

extension AccessPolicy {
    /// The rules for police records, strongest first.
    public static let policeRecordRules: [PoliceRecordRule] = [.investigatingTeam, .childsSocialCare]

    /// Decides `action` on a police record held by `owner` concerning `children`: what the caller sees
    /// (only the holding team edits), or why not. A caller who may not see it gets the one 404 answer.
    public func decidePoliceRecord(
        _ actor: Actor, _ action: PersonAction, owner: RecordOwner, children: [RecordAccessFacts]
    ) -> (decision: AccessDecision, view: PoliceRecordView?, seesRecord: Bool) {
        let view = Self.policeRecordRules.lazy.compactMap { $0.grants(actor, owner, children) }.first
        switch (action, view) {
        case (.view, let view?):
            return (.allowed, view, true)
        case (.edit, .full):
            return (.allowed, .full, true)
        case (.edit, .shared):
            return (.denied("Only the police team that holds this record changes it."), .shared, true)
        default:
            return (.denied(Self.noVisibleRecord), nil, false)
        }
    }
}
