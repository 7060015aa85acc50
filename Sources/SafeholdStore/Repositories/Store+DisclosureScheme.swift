import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Receives an application under the child sex offender disclosure scheme: by a police officer (or a
    /// MAPPA coordinator) in a team, which holds it from then on; about an adult and for a child both found
    /// by name. Its decision is due by the scheme's timescale (ruleset data). Audited against the child and
    /// the adult asked about.
    public func receiveDisclosureApplication(
        _ draft: DisclosureApplicationDraft, context: AuditContext
    ) async throws -> DisclosureApplication {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        if case .denied(let reason) = DisclosureSchemeAccess.mayReceive(actor) {
            try await audit.recordReads([context.event(.denied, "disclosure_application", detail: reason)])
            throw SafeholdError.forbidden(reason)
        }
        let draft = try draft.validated(today: today)
        let id = ids.next()
        let due = DisclosureApplicationDraft.decisionDue(receivedOn: draft.receivedOn, ruleset: ruleset)
        try await database.transaction { db in
            var v = Validation()
            try await self.checkFindable(draft.subjectId, kinds: [.adult], field: "subjectId", actor: actor, &v, db)
            try await self.checkFindable(
                draft.childId, kinds: [.child, .unborn], field: "childId", actor: actor, &v, db)
            try v.check()
            try await db.raw(
                """
                INSERT INTO csod_applications (id, agency_id, team_id, applicant_name, applicant_contact, relationship,
                    relationship_other, subject_id, child_id, received_on, due_on, recorded_by, recorded_by_name,
                    recorded_at, version)
                VALUES (\(bind: id.db), \(bind: actor.agencyId.db), \(bind: actor.teamId?.db),
                    \(bind: draft.applicantName), \(bind: draft.applicantContact), \(bind: draft.relationship.rawValue),
                    \(bind: draft.relationshipOther), \(bind: draft.subjectId.db), \(bind: draft.childId.db),
                    \(bind: draft.receivedOn.description), \(bind: due.description), \(bind: actor.userId.db),
                    \(bind: actor.displayName), \(bind: self.nowText), 1)
                """
            ).run()
            try await self.audit.append(
                [draft.childId, draft.subjectId].map {
                    context.event(
                        .create, "disclosure_application", entityId: id, personId: $0,
                        detail: "received \(draft.receivedOn), decision due \(due)")
                }, on: db)
        }
        return try await disclosureApplication(id, context: context)
    }

    /// Records a check, the decision or what was disclosed, in the scheme's order (`DisclosureSchemeRules`:
    /// a step out of order, a second decision or a stale version is a conflict). Audited against the child
    /// and the adult asked about.
    public func recordDisclosureSchemeStep(
        _ step: DisclosureSchemeStep, on id: UUID, expectedVersion: Int, context: AuditContext
    ) async throws -> DisclosureApplication {
        var v = Validation()
        v.version("version", expectedVersion)
        try v.check()
        let today = self.today
        try await act(on: .disclosureApplication(id), .edit, "disclosure_application", context: context) {
            db, access in
            guard let current = try await self.fetchApplications([id], on: db).first else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let step = try step.validated(
                receivedOn: current.receivedOn, decidedOn: current.decision?.decidedOn, today: today)
            if current.version != expectedVersion {
                throw SafeholdError.conflict("Someone else changed this application after you opened it. Reload it.")
            }
            if let refusal = DisclosureSchemeRules.refusal(of: step, on: current) {
                throw SafeholdError.conflict(refusal)
            }
            let actor = access.actor
            let detail = try await self.write(step, on: id, current: current, actor: actor, db)
            let bumped = try await db.raw(
                """
                UPDATE csod_applications SET version = version + 1
                WHERE id = \(bind: id.db) AND version = \(bind: expectedVersion) RETURNING id
                """
            ).all()
            guard bumped.count == 1 else {
                throw SafeholdError.conflict("Someone else changed this application after you opened it. Reload it.")
            }
            for person in [current.child.id, current.subject.id] {
                access.audit(
                    access.context.event(
                        .update, "disclosure_application", entityId: id, personId: person, detail: detail))
            }
        }
        return try await disclosureApplication(id, context: context)
    }

    /// Writes one step; returns the audit detail (codes and dates only, never the free text).
    private func write(
        _ step: DisclosureSchemeStep, on id: UUID, current: DisclosureApplication, actor: Actor,
        _ db: any SQLDatabase
    ) async throws -> String {
        switch step {
        case .check(let kind, let result, let on):
            try await db.raw(
                """
                INSERT INTO csod_checks (id, application_id, position, kind, result, checked_on, checked_by,
                    checked_by_name)
                VALUES (\(bind: ids.next().db), \(bind: id.db), \(bind: current.checks.count + 1),
                    \(bind: kind.rawValue), \(bind: result), \(bind: on.description), \(bind: actor.userId.db),
                    \(bind: actor.displayName))
                """
            ).run()
            return "check \(kind.rawValue) on \(on)"
        case .decision(let outcome, let reasons, let on):
            try await db.raw(
                """
                UPDATE csod_applications SET outcome = \(bind: outcome.rawValue), reasons = \(bind: reasons),
                    decided_on = \(bind: on.description), decided_by = \(bind: actor.userId.db),
                    decided_by_name = \(bind: actor.displayName)
                WHERE id = \(bind: id.db) AND outcome IS NULL
                """
            ).run()
            return "decision \(outcome.rawValue) on \(on)"
        case .disclosure(let to, let on, let what):
            try await db.raw(
                """
                UPDATE csod_applications SET disclosed_to = \(bind: to), disclosed_on = \(bind: on.description),
                    disclosed_what = \(bind: what), disclosure_recorded_by_name = \(bind: actor.displayName)
                WHERE id = \(bind: id.db) AND outcome = 'disclose' AND disclosed_on IS NULL
                """
            ).run()
            return "disclosure made on \(on)"
        }
    }

    /// `act`'s admission for an application: decided by `DisclosureSchemeAccess` (the holding police team,
    /// the force's MAPPA coordinators), never by the child's record rules. Everyone else, whether or not
    /// they may open the child, gets the one 404, audited against the child.
    func admitDisclosureApplication(
        _ id: UUID, _ entity: String, children: [UUID], actor: Actor, context: AuditContext,
        on db: any SQLDatabase
    ) async throws -> RecordAccess {
        let row = try await db.raw("SELECT agency_id, team_id FROM csod_applications WHERE id = \(bind: id.db)")
            .first()
        let holder = try row.map { RecordOwner(agencyId: try $0.uuid("agency_id"), teamId: try $0.uuid("team_id")) }
        guard let holder, DisclosureSchemeAccess.mayHandle(actor, holder: holder) else {
            let reason = holder == nil ? "no such record" : "not the holding police team or MAPPA"
            let events =
                children.isEmpty
                ? [context.event(.denied, entity, entityId: id, detail: reason)]
                : children.map { context.event(.denied, entity, entityId: id, personId: $0, detail: reason) }
            throw AccessRefused(events: events, error: .notFound(AccessPolicy.noVisibleRecord))
        }
        return RecordAccess(
            actor: actor, ref: .disclosureApplication(id), children: children,
            facts: try await facts(of: children, on: db), policy: policy, context: context)
    }

    /// A person named on a record made outside their file must be one the actor may find by name, of the
    /// right kind; otherwise the field is named (without saying whether the person exists).
    func checkFindable(
        _ person: UUID, kinds: Set<PersonKind>, field: String, actor: Actor, _ v: inout Validation,
        _ db: any SQLDatabase
    ) async throws {
        let kind = try await db.raw("SELECT kind FROM persons WHERE id = \(bind: person.db)").first()?.string("kind")
        guard let kind, case .allowed = policy.decide(actor, .findByName, try await facts(person, on: db)) else {
            v.add(field, "is not a person known to Safehold")
            return
        }
        if !kinds.contains(where: { $0.rawValue == kind }) {
            v.add(field, kinds == [.adult] ? "must be an adult" : "must be a child")
        }
    }
}
