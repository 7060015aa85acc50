import Foundation

/// What a contribution record (an invitation with its report, a plan action assigned to a core group
/// member) says about who may reach it, beside the child's own facts.
public struct ContributionFacts: Hashable, Sendable {
    /// The user invited, when the invitee has a Safehold account.
    public var inviteeUserId: UUID?
    /// The user of the core group member an action is assigned to.
    public var assigneeUserId: UUID?

    public init(inviteeUserId: UUID? = nil, assigneeUserId: UUID? = nil) {
        self.inviteeUserId = inviteeUserId
        self.assigneeUserId = assigneeUserId
    }
}

/// In what capacity a user reaches a contribution record. A partner agency's professional reaches
/// only their own invitation's slice (the child's name and date of birth, the meeting, their own
/// invitation and report, the decision shared) or the actions assigned to them: never the rest of
/// the child's record.
public struct ContributionStanding: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// May open the child's record (their social worker, team, manager, a grant): sees every report.
    public static let readsRecord = ContributionStanding(rawValue: 1)
    /// May change the child's record.
    public static let editsRecord = ContributionStanding(rawValue: 2)
    /// The invited professional of this invitation.
    public static let invitee = ContributionStanding(rawValue: 4)
    /// The core group member this action is assigned to.
    public static let coreGroupMember = ContributionStanding(rawValue: 8)
}

/// One named reason a user reaches a contribution record.
public struct ContributionRule: Sendable {
    public let name: String
    let grants: @Sendable (Actor, ContributionFacts, [RecordAccessFacts]) -> ContributionStanding

    /// Whoever may open (or change) every child the record concerns, under the one access policy.
    public static let childsRecord = ContributionRule(name: "child's record") { actor, _, children in
        let policy = AccessPolicy()
        guard !children.isEmpty else { return [] }
        var standing: ContributionStanding = []
        if children.allSatisfy({ policy.decide(actor, .view, $0).isAllowed }) { standing.insert(.readsRecord) }
        if children.allSatisfy({ policy.decide(actor, .edit, $0).isAllowed }) { standing.insert(.editsRecord) }
        return standing
    }

    /// The invited professional: their own invitation, their own report, the decision shared with them.
    public static let invitedProfessional = ContributionRule(name: "invited professional") { actor, facts, _ in
        ContributionAccess.mayBeInvited(actor.role) && facts.inviteeUserId == actor.userId ? .invitee : []
    }

    /// A core group member with an account: the plan actions assigned to them, and their status only.
    public static let coreGroupMember = ContributionRule(name: "core group member") { actor, facts, _ in
        ContributionAccess.mayBeInvited(actor.role) && facts.assigneeUserId == actor.userId ? .coreGroupMember : []
    }
}

/// What one may do with a contribution record.
public enum ContributionTask: String, Sendable, CaseIterable {
    /// Read it (the invitee their slice, the child's holders everything).
    case read
    /// Write or change the agency's report: the invited professional only.
    case writeReport
    /// Invite, record attendance, share the decision: children's social care who may change the record.
    case recordForMeeting
    /// Move an assigned action to a new status: the core group member it is assigned to.
    case updateActionStatus
}

/// The rules for invitations, agency reports and core group members' actions (issue 8, item 3).
public enum ContributionAccess {
    public static let rules: [ContributionRule] = [.childsRecord, .invitedProfessional, .coreGroupMember]

    /// Roles that may be invited to a meeting or linked to the core group: professionals outside
    /// children's social care who work with children's records (partner agencies, police, LADO, MAPPA).
    public static func mayBeInvited(_ role: Role) -> Bool {
        role.worksWithRecords && !role.isChildrensSocialCare
    }

    /// Everything `actor` holds on a record with these facts.
    public static func standing(
        _ actor: Actor, _ facts: ContributionFacts, children: [RecordAccessFacts]
    ) -> ContributionStanding {
        rules.reduce(into: []) { $0.formUnion($1.grants(actor, facts, children)) }
    }

    /// Decides `task`: allowed, or refused with a reason that may be shown (403) when the caller
    /// reaches the record at all, otherwise the one 404 answer.
    public static func decide(
        _ actor: Actor, _ task: ContributionTask, _ facts: ContributionFacts, children: [RecordAccessFacts]
    ) -> (decision: AccessDecision, standing: ContributionStanding, seesRecord: Bool) {
        let standing = standing(actor, facts, children: children)
        let sees = !standing.isDisjoint(with: [.readsRecord, .invitee, .coreGroupMember])
        guard sees else { return (.denied(AccessPolicy.noVisibleRecord), standing, false) }
        return (decide(task, actor: actor, standing: standing), standing, true)
    }

    /// Decides `task` for someone who reaches the record in `standing`.
    public static func decide(
        _ task: ContributionTask, actor: Actor, standing: ContributionStanding
    ) -> AccessDecision {
        switch task {
        case .read:
            return .allowed
        case .writeReport:
            return standing.contains(.invitee)
                ? .allowed
                : .denied(
                    "Only the professional invited writes their agency's report. Your agency was not invited "
                        + "to this meeting.")
        case .recordForMeeting:
            return mayRecordForMeeting(actor, standing: standing)
        case .updateActionStatus:
            return standing.contains(.coreGroupMember)
                ? .allowed
                : .denied("Only the core group member this action is assigned to updates it here.")
        }
    }

    /// Invitations, attendance and the decisions shared are recorded by children's social care who
    /// may change the child's record (the social worker, their manager, the conference chair).
    public static func mayRecordForMeeting(_ actor: Actor, standing: ContributionStanding) -> AccessDecision {
        guard actor.role.isChildrensSocialCare else {
            return .denied(
                "Invitations, attendance and the decisions shared are recorded by the child's social worker, "
                    + "their manager or the conference chair.")
        }
        return standing.contains(.editsRecord)
            ? .allowed
            : .denied(
                "You may not change this child's record: it is not allocated to you or your team and you hold "
                    + "no grant to edit it.")
    }

    /// The directory of professionals who may be invited is for those who invite: children's social care.
    public static func mayListProfessionals(_ actor: Actor) -> AccessDecision {
        actor.role.isChildrensSocialCare
            ? .allowed
            : .denied("The directory of professionals is for the social workers, managers and chairs who invite them.")
    }

    /// Whose invitations a user's list shows: their own, when their role may be invited at all.
    public static func invitationsListed(for actor: Actor) -> UUID? {
        mayBeInvited(actor.role) ? actor.userId : nil
    }

    /// Whose assigned actions a user's list shows: their own, when their role may join a core group.
    public static func actionsListed(for actor: Actor) -> UUID? {
        mayBeInvited(actor.role) ? actor.userId : nil
    }
}
