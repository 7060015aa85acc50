import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// `act`'s admission for an escalation: decided by the escalation rules (its raiser, the child's
    /// holders, the team it was sent to) rather than by the child's record rules, so a partner who
    /// raised it follows it without seeing the record. Everyone else gets the one 404, audited against
    /// the child. `.view` reads; `.edit` is any step on it (which step, the body asks `escalationStep`).
    func admitEscalation(
        _ id: UUID, _ action: PersonAction, _ entity: String, children: [UUID], actor: Actor,
        context: AuditContext, on db: any SQLDatabase
    ) async throws -> RecordAccess {
        let refused = { (reason: String, error: SafeholdError) -> AccessRefused in
            let events =
                children.isEmpty
                ? [context.event(.denied, entity, entityId: id, detail: reason)]
                : children.map { context.event(.denied, entity, entityId: id, personId: $0, detail: reason) }
            return AccessRefused(events: events, error: error)
        }
        guard let facts = try await escalationFacts(id, children: children, on: db) else {
            throw refused("no such record", .notFound(AccessPolicy.noVisibleRecord))
        }
        let wanted: EscalationAction = action == .view ? .view : .escalate
        let (decision, sees) = policy.decideEscalation(actor, wanted, facts.escalation)
        if case .denied(let reason) = decision {
            throw refused(reason, sees ? .forbidden(reason) : .notFound(AccessPolicy.noVisibleRecord))
        }
        return RecordAccess(
            actor: actor, ref: .escalation(id), children: children, facts: facts.children, policy: policy,
            context: context)
    }

    /// The facts an escalation's access is decided on, or nil when there is no such escalation.
    func escalationFacts(
        _ id: UUID, children: [UUID], on db: any SQLDatabase
    ) async throws -> (escalation: EscalationFacts, children: [UUID: RecordAccessFacts])? {
        guard let child = children.first,
            let row = try await db.raw("SELECT raised_by, team_id FROM escalations WHERE id = \(bind: id.db)").first()
        else { return nil }
        let facts = try await self.facts(of: children, on: db)
        guard let childFacts = facts[child] else { return nil }
        return (
            EscalationFacts(
                raisedBy: try row.uuid("raised_by"), respondingTeamId: try row.uuid("team_id"), child: childFacts),
            facts
        )
    }

    /// Inside an escalation's `act`: refuses (403, audited) a step the actor's standing does not allow,
    /// such as the raiser answering their own escalation; returns the standing.
    func escalationStep(
        _ step: EscalationAction, _ id: UUID, access: RecordAccess, on db: any SQLDatabase
    ) async throws -> EscalationStanding {
        guard let facts = try await escalationFacts(id, children: access.children, on: db),
            let standing = policy.standing(access.actor, facts.escalation)
        else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
        if case .denied(let reason) = policy.decideEscalation(access.actor, step, facts.escalation).decision {
            throw SafeholdError.forbidden(reason)
        }
        return standing
    }
}
