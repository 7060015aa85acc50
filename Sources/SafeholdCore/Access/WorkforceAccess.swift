import Foundation

/// Who may do what with supervision and welfare records. Supervision and welfare are about workers,
/// not children; the case discussions' entries on a child's record go through the child's own rules.
public enum WorkforceAccess {
    /// Whether `actor` supervises `worker`: an active team manager of the worker's team, never the
    /// worker themselves.
    public static func supervises(_ actor: Actor, _ worker: User) -> Bool {
        actor.role == .teamManager && worker.teamId != nil && actor.teamId == worker.teamId
            && actor.userId != worker.id
    }

    /// Why `actor` may not record a session for `worker` (403 when they are not the supervisor, 409
    /// when the worker is not one Safehold supervises), or nil when they may.
    public static func refusalToSupervise(_ actor: Actor, _ worker: User, rules: SupervisionRules) -> SafeholdError? {
        if !supervises(actor, worker) {
            return .forbidden(
                "Only \(worker.displayName)'s supervisor (a manager of their team) records their supervision.")
        }
        if !worker.active { return .conflict("\(worker.displayName)'s account is deactivated.") }
        if !rules.supervisedRoles.contains(worker.role) {
            return .conflict("A \(worker.role.label.lowercased()) is not supervised through Safehold.")
        }
        return nil
    }

    /// Who records private welfare check-ins: the service's own staff who do the work (not partner
    /// agencies' staff, whose welfare their own employer supports).
    public static func mayCheckIn(_ actor: Actor) -> Bool {
        actor.role.worksWithRecords && actor.role != .partner
    }

    /// The reflective part of a session is read only by the worker and the supervisor who recorded it:
    /// never another manager, an administrator or an auditor.
    public static func mayReadReflection(_ actor: Actor, workerId: UUID, supervisorId: UUID) -> Bool {
        actor.userId == workerId || actor.userId == supervisorId
    }

    /// A worker's qualification date is set by their supervisor or an administrator.
    public static func maySetQualifiedOn(_ actor: Actor, _ worker: User) -> Bool {
        supervises(actor, worker) || actor.role == .administrator
    }

    /// A child may be discussed in a worker's supervision when it is allocated to the worker or to
    /// their team.
    public static func mayDiscuss(_ child: RecordAccessFacts, worker: User) -> Bool {
        child.allocatedWorkerIds.contains(worker.id)
            || (worker.teamId.map { child.allocatedTeamIds.contains($0) } ?? false)
    }

    /// An oversight action may be owned by an active user who may open the child's record.
    public static func mayOwnAction(_ owner: User, child: RecordAccessFacts, policy: AccessPolicy) -> Bool {
        owner.active && owner.role.worksWithRecords && policy.decide(owner.actor, .view, child).isAllowed
    }

    /// Whose welfare check-in counts a reader sees: a team manager those of every team of their agency
    /// (counts by team and month, never content); nobody else.
    public static func welfareCountAgency(for actor: Actor) -> UUID? {
        actor.role == .teamManager ? actor.agencyId : nil
    }
}
