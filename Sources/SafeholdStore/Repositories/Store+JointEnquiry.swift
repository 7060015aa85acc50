import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// A strategy discussion decided a joint enquiry: open an investigation held by the police team
    /// named (awaiting its officer), or link the investigation named, in the same transaction as the
    /// step. Either way the police team then reads the child's record while the enquiry is open.
    func startJointEnquiry(
        _ link: JointEnquiryLink, step: RecordedStep, child: UUID, access: RecordAccess, context: AuditContext,
        on db: any SQLDatabase
    ) async throws {
        guard case .strategyDiscussion(_, _, _, let shared, _, _) = step.step else { return }
        switch link {
        case .open(let team):
            guard
                let row = try await db.raw(
                    """
                    SELECT t.agency_id FROM teams t JOIN agencies a ON a.id = t.agency_id
                    WHERE t.id = \(bind: team.db) AND a.kind = 'police'
                    """
                ).first()
            else { throw SafeholdError.invalid([FieldError("policeTeamId", "is not a police team")]) }
            let investigation = Investigation(
                id: ids.next(), agencyId: try row.uuid("agency_id"), teamId: team, crimeReference: nil,
                incidentReference: nil, offences: [], officerId: nil, supervisorId: nil, status: .reported,
                people: [InvestigationPerson(personId: child, role: .victim)], episodeId: step.episodeId,
                strategyDiscussionId: step.id, jointEnquiryOpen: true, operationId: nil,
                summary: String(shared.prefix(4000)), intelligence: nil, openedAt: clock.now(), version: 1)
            try await insert(investigation, actor: access.actor, on: db)
            access.audit(
                context.event(
                    .create, "investigation", entityId: investigation.id, personId: child,
                    detail: "opened by a strategy discussion's joint enquiry"))
        case .link(let id):
            guard
                let owner = try await db.raw("SELECT agency_id, team_id FROM investigations WHERE id = \(bind: id.db)")
                    .first()
            else { throw SafeholdError.invalid([FieldError("investigationId", AccessPolicy.noVisibleRecord)]) }
            let current = try await loadInvestigation(id, on: db)
            var facts: [RecordAccessFacts] = []
            for c in current.childIds { facts.append(try await self.facts(c, on: db)) }
            let decision = policy.decidePoliceRecord(
                access.actor, .view,
                owner: RecordOwner(agencyId: try owner.uuid("agency_id"), teamId: try owner.uuid("team_id")),
                children: facts)
            guard decision.decision.isAllowed else {
                throw SafeholdError.invalid([FieldError("investigationId", AccessPolicy.noVisibleRecord)])
            }
            if current.jointEnquiryOpen {
                throw SafeholdError.conflict("That investigation is already part of an open joint enquiry.")
            }
            if !current.people.contains(where: { $0.personId == child }) {
                try await insertPeople([InvestigationPerson(personId: child, role: .victim)], investigation: id, on: db)
            } else if current.suspectIds.contains(child) {
                throw SafeholdError.invalid([
                    FieldError(
                        "investigationId", "this child is a suspect on that investigation, not a victim or witness")
                ])
            }
            try await db.raw(
                """
                UPDATE investigations SET episode_id = \(bind: step.episodeId.db),
                    strategy_step_id = \(bind: step.id.db),
                    joint_open = 1, version = version + 1 WHERE id = \(bind: id.db)
                """
            ).run()
            try await addEvent(
                id, kind: "joint_enquiry", detail: "linked to a strategy discussion's joint enquiry", shared: true,
                actor: access.actor, name: context.actorName, on: db)
            access.audit(
                context.event(.update, "investigation", entityId: id, personId: child, detail: "joint enquiry linked"))
        }
    }

    /// The section 47 enquiry concluded (or the episode closed): the police no longer read the child's
    /// record by the joint enquiry rule. The investigation itself goes on.
    func endJointEnquiries(episode: UUID, on db: any SQLDatabase) async throws {
        try await db.raw("UPDATE investigations SET joint_open = 0 WHERE episode_id = \(bind: episode.db)").run()
    }
}
