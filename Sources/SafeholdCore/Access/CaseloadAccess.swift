import Foundation

/// Who manages a team's caseload, allocates its children and approves explicit access grants. The
/// store asks these rules before every allocation, grant and caseload read.
public enum CaseloadAccess {
    /// How much of a team's caseload a reader sees.
    public enum View: Sendable {
        /// The children by name (each audited): the team's own managers.
        case children
        /// Counts and weights per worker, no child named: administrators.
        case counts
    }

    /// Roles that may be a child's allocated worker: those that work with records and hold cases. A
    /// partner agency's professional never holds a child's case (they are given a grant to read).
    public static func holdsCases(_ role: Role) -> Bool { role.worksWithRecords && role != .partner }

    /// The team's managers see its children; the senior roles (administrators, auditors, performance analysts)
    /// see counts (they never open records).
    public static func caseloadView(_ actor: Actor, team: UUID) -> View? {
        if actor.role == .teamManager && actor.teamId == team { return .children }
        if TrainingAccess.seniorRoles.contains(actor.role) { return .counts }
        return nil
    }

    /// A manager of a team that holds the child allocates it; so may an administrator (a worker leaving).
    public static func mayAllocate(_ actor: Actor, holdingTeams: Set<UUID>) -> AccessDecision {
        if actor.role == .administrator { return .allowed }
        if actor.role == .teamManager, let team = actor.teamId, holdingTeams.contains(team) { return .allowed }
        return .denied("Only a manager of the team that holds this child (or an administrator) allocates the child.")
    }

    /// A manager of a team allocated the child approves, makes or revokes an explicit grant.
    public static func mayDecideGrant(_ actor: Actor, _ facts: RecordAccessFacts) -> AccessDecision {
        if actor.role == .teamManager, let team = actor.teamId, facts.allocatedTeamIds.contains(team) {
            return .allowed
        }
        return .denied("Only a manager of a team allocated this child approves, makes or revokes access grants.")
    }

    /// Who may ask for a grant: anyone who works with records, for themselves, when they may find the
    /// child by name; for someone else, only who may already open the record.
    public static func mayRequestGrant(_ actor: Actor, for user: UUID?, _ facts: RecordAccessFacts) -> AccessDecision {
        let policy = AccessPolicy()
        let action: PersonAction = user == actor.userId ? .findByName : .view
        guard actor.role.worksWithRecords else {
            return .denied("Your role (\(actor.role.label)) does not give access to children's records.")
        }
        return policy.decide(actor, action, facts)
    }

    /// Whether `role` may be granted access, and to edit: roles that work with records; a partner agency
    /// reads only. Nil when allowed, else the message for the field.
    public static func grantProblem(role: Role, active: Bool, canEdit: Bool) -> (field: String, message: String)? {
        if !active { return ("userId", "is not an active user") }
        if !role.worksWithRecords {
            return ("userId", "has a role (\(role.label)) that does not work with children's records")
        }
        if canEdit && role == .partner {
            return ("canEdit", "a partner agency's professional may be granted to read only")
        }
        return nil
    }

    /// Whether `user` may be allocated children of `team`: active, a member of the team (an embedded
    /// member of another agency included) and a role that holds cases. Nil when allowed.
    public static func allocationProblem(_ user: User, team: UUID) -> String? {
        if !user.active { return "is deactivated: choose an active worker" }
        if user.teamId != team { return "is not a member of the team that holds the child" }
        if !holdsCases(user.role) { return "has a role (\(user.role.label)) that does not hold children's cases" }
        return nil
    }

    /// Whether a user with `role` of `userAgency` may join a team of `teamAgency`. Anyone joins their own
    /// agency's team; a member of another agency (embedded in a joint team) keeps their own role and
    /// policy and gains the team's relationship to its children, so a partner agency's professional,
    /// who sees only what is shared with them, is never embedded. Nil when allowed.
    public static func membershipProblem(role: Role, userAgency: UUID, teamAgency: UUID) -> String? {
        guard userAgency != teamAgency else { return nil }
        if role == .partner {
            return "a partner agency's professional cannot join another agency's team: share with them or grant access"
        }
        return nil
    }
}
