import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// `act`'s admission for an allegation: decided by the allegation rules (the LADO service, never the
    /// subject themselves) rather than by the children's record rules. Everyone else gets the one 404,
    /// audited against the subject and every child the case names.
    func admitAllegation(
        _ id: UUID, _ entity: String, people: [UUID], actor: Actor, context: AuditContext, on db: any SQLDatabase
    ) async throws -> RecordAccess {
        let refused = { (reason: String) -> AccessRefused in
            let events =
                people.isEmpty
                ? [context.event(.denied, entity, entityId: id, detail: reason)]
                : people.map { context.event(.denied, entity, entityId: id, personId: $0, detail: reason) }
            return AccessRefused(events: events, error: .notFound(AccessPolicy.noVisibleRecord))
        }
        guard
            let subject = try await db.raw("SELECT subject_id FROM allegations WHERE id = \(bind: id.db)").first()?
                .uuid("subject_id")
        else { throw refused("no such record") }
        let facts = try await self.facts(of: people, on: db)
        guard let subjectFacts = facts[subject] else { throw refused("no such record") }
        if case .denied(let reason) = policy.decideAllegation(actor, subject: subjectFacts) {
            throw refused(actor.role == .lado ? "the subject of the allegation" : reason)
        }
        return RecordAccess(
            actor: actor, ref: .allegation(id), children: people, facts: facts, policy: policy, context: context)
    }
}
