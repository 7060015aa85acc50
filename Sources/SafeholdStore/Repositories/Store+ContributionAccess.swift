import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The contribution rules (`ContributionAccess`) for an invitation or an assigned action: loads the
    /// children's facts and who the record names (the invitee, the assigned member's user), and admits
    /// anyone who reaches it in some capacity, keeping that capacity on the `RecordAccess` so each
    /// operation asks for the task it does (`RecordAccess.require`). Anyone else gets the one 404,
    /// audited against the child.
    func admitContribution(
        _ ref: RecordRef, _ entity: String, children: [UUID], actor: Actor, context: AuditContext,
        on db: any SQLDatabase
    ) async throws -> RecordAccess {
        guard !children.isEmpty else {
            throw AccessRefused(
                events: [context.event(.denied, entity, entityId: ref.entityId, detail: "no such record")],
                error: .notFound(AccessPolicy.noVisibleRecord))
        }
        let facts = try await self.facts(of: children, on: db)
        guard children.allSatisfy({ facts[$0] != nil }) else {
            throw SafeholdError.notFound("There is no record with that id.")
        }
        let named = try await contributionFacts(of: ref, on: db)
        let (decision, standing, _) = ContributionAccess.decide(
            actor, .read, named, children: children.compactMap { facts[$0] })
        if case .denied(let reason) = decision {
            throw AccessRefused(
                events: children.map {
                    context.event(.denied, entity, entityId: ref.entityId, personId: $0, detail: reason)
                }, error: .notFound(AccessPolicy.noVisibleRecord))
        }
        return RecordAccess(
            actor: actor, ref: ref, children: children, facts: facts, contribution: standing, policy: policy,
            context: context)
    }

    /// Who an invitation or an assigned action names.
    private func contributionFacts(of ref: RecordRef, on db: any SQLDatabase) async throws -> ContributionFacts {
        switch ref {
        case .invitation(let id):
            let row = try await db.raw("SELECT invitee_user_id FROM invitations WHERE id = \(bind: id.db)").first()
            return ContributionFacts(inviteeUserId: try row?.optionalUUID("invitee_user_id"))
        case .assignedAction(let id):
            let row = try await db.raw(
                """
                SELECT m.user_id FROM plan_actions a JOIN core_group_members m ON m.id = a.member_id
                WHERE a.id = \(bind: id.db)
                """
            ).first()
            return ContributionFacts(assigneeUserId: try row?.optionalUUID("user_id"))
        default:
            return ContributionFacts()
        }
    }
}

extension RecordAccess {
    /// Refuses (403, audited against the child) unless the actor's standing allows `task`. On an
    /// ordinary record (an episode) the standing is read from the one access policy.
    func require(_ task: ContributionTask) throws {
        var standing = contribution ?? []
        if contribution == nil {
            if may(.view) { standing.insert(.readsRecord) }
            if may(.edit) { standing.insert(.editsRecord) }
        }
        if case .denied(let reason) = ContributionAccess.decide(task, actor: actor, standing: standing) {
            throw SafeholdError.forbidden(reason)
        }
    }
}
