import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Raises an escalation of professional disagreement about a child, at stage 1, by anyone who may
    /// open the child's record (a partner with a grant included). It goes to the team that holds the
    /// child (else the front door's) and tells the child's holders. A linked record must be a contact
    /// or a step on this child's record.
    public func raiseEscalation(
        about childId: UUID, decision: String?, linkedRecordId: String?, disagreement: String?,
        desiredOutcome: String?, context: AuditContext
    ) async throws -> Escalation {
        try await act(on: .person(childId), .view, "escalation", writes: true, context: context) { db, access in
            let draft = try EscalationDraft.validated(
                decision: decision, linkedRecordId: linkedRecordId, disagreement: disagreement,
                desiredOutcome: desiredOutcome)
            let child = try await self.fetchPerson(childId, on: db)
            guard let child, child.details.kind == .child || child.details.kind == .unborn else {
                throw SafeholdError.invalid([FieldError("personId", "an escalation is about a child's record")])
            }
            let label = try await draft.linkedRecordId.asyncMap { try await self.linkedLabel($0, of: childId, on: db) }
            guard let team = try await self.respondingTeam(of: childId, on: db) else {
                throw SafeholdError.conflict(
                    "No team holds this child or runs a front door to answer an escalation. Ring the service.")
            }
            let stage = try await self.escalationStage(1, on: db)
            let id = self.ids.next()
            let agency =
                try await db.raw("SELECT name FROM agencies WHERE id = \(bind: access.actor.agencyId.db)").first()?
                .string("name") ?? "Unknown agency"
            try await db.raw(
                """
                INSERT INTO escalations (id, person_id, team_id, raised_by, raised_by_name, raised_by_agency, raised_on,
                    decision, linked_record_id, linked_record_label, disagreement, desired_outcome, stage, version,
                    created_at)
                VALUES (\(bind: id.db), \(bind: childId.db), \(bind: team.db), \(bind: access.actor.userId.db),
                    \(bind: access.actor.displayName), \(bind: agency), \(bind: self.today.description),
                    \(bind: draft.decision), \(bind: draft.linkedRecordId?.db), \(bind: label),
                    \(bind: draft.disagreement),
                    \(bind: draft.desiredOutcome), 1, 1, \(bind: self.nowText))
                """
            ).run()
            try await self.addEscalationStep(id, stage, reason: draft.disagreement, by: access.actor, on: db)
            access.audit(.create, "escalation", entityId: id, detail: "stage 1")
            try await self.notifyResponders(
                child: childId, team: team, stage: 1,
                "\(access.actor.displayName) (\(agency)) raised an escalation about \(child.displayName): "
                    + "stage 1, \(stage.label.lowercased()).", on: db)
            return try await self.loadEscalation(id, on: db)
        }
    }

    /// Answers the current stage (the child's social care team; never the raiser). Tells the raiser.
    public func respondToEscalation(
        _ id: UUID, response: String?, expectedVersion: Int, context: AuditContext
    ) async throws -> Escalation {
        try await escalationWrite(id, .respond, expectedVersion: expectedVersion, context: context) {
            db, access, escalation, _ in
            let text = try escalation.checkResponse(response)
            let stage = escalation.current!.stage.number
            try await self.recordResponse(id, stage: stage, text, by: access.actor, on: db)
            access.audit(.update, "escalation", entityId: id, detail: "stage \(stage) responded")
            try await self.notify(
                [escalation.raisedBy], .escalation, about: escalation.personId,
                "\(access.actor.displayName) responded to your escalation about \(escalation.childName) "
                    + "(stage \(stage)).", on: db)
        }
    }

    /// Takes the escalation to the next stage, one at a time; the current stage is answered before or
    /// with the move. Tells the child's holders and the responding team's managers.
    public func escalate(
        _ id: UUID, toStage stage: String?, reason: String?, response: String?, expectedVersion: Int,
        context: AuditContext
    ) async throws -> Escalation {
        try await escalationWrite(id, .escalate, expectedVersion: expectedVersion, context: context) {
            db, access, escalation, standing in
            let (next, why, answer) = try escalation.checkEscalation(
                to: stage, reason: reason, response: response, stages: try await self.escalationStages(on: db),
                mayRespond: standing == .responder)
            if let answer {
                try await self.recordResponse(id, stage: next.number - 1, answer, by: access.actor, on: db)
            }
            try await self.addEscalationStep(id, next, reason: why, by: access.actor, on: db)
            try await db.raw("UPDATE escalations SET stage = \(bind: next.number) WHERE id = \(bind: id.db)").run()
            access.audit(.update, "escalation", entityId: id, detail: "escalated to stage \(next.number)")
            let team = try await db.raw("SELECT team_id FROM escalations WHERE id = \(bind: id.db)").first()!
                .uuid("team_id")
            let text =
                "The escalation about \(escalation.childName) raised by \(escalation.raisedByName) went to "
                + "stage \(next.number), \(next.label.lowercased()), by \(access.actor.displayName)."
            try await self.notifyResponders(child: escalation.personId, team: team, stage: next.number, text, on: db)
            if access.actor.userId != escalation.raisedBy {
                try await self.notify([escalation.raisedBy], .escalation, about: escalation.personId, text, on: db)
            }
        }
    }

    /// Resolves the escalation with an outcome (the raiser may withdraw it); the outcome goes onto the
    /// child's chronology and the raiser is told.
    public func resolveEscalation(
        _ id: UUID, outcome: String?, note: String?, expectedVersion: Int, context: AuditContext
    ) async throws -> Escalation {
        try await escalationWrite(id, .resolve, expectedVersion: expectedVersion, context: context) {
            db, access, escalation, _ in
            let resolution = try escalation.checkResolution(outcome: outcome, note: note)
            try await db.raw(
                """
                UPDATE escalations SET outcome = \(bind: resolution.outcome.rawValue),
                    outcome_note = \(bind: resolution.note),
                    resolved_by_name = \(bind: access.actor.displayName), resolved_on = \(bind: self.today.description),
                    resolution_id = \(bind: self.ids.next().db)
                WHERE id = \(bind: id.db)
                """
            ).run()
            access.audit(.update, "escalation", entityId: id, detail: "resolved: \(resolution.outcome.rawValue)")
            let text =
                "The escalation about \(escalation.childName) was resolved by \(access.actor.displayName): "
                + "\(resolution.outcome.label)."
            if access.actor.userId != escalation.raisedBy {
                try await self.notify([escalation.raisedBy], .escalation, about: escalation.personId, text, on: db)
            } else {
                try await self.notifyHolders(of: escalation.personId, .escalation, text, on: db)
            }
        }
    }

    /// A step on an escalation through `act`: the standing it needs, a fresh version (stale → 409),
    /// then `body`; the version moves on and the escalation is returned as it now stands.
    private func escalationWrite(
        _ id: UUID, _ step: EscalationAction, expectedVersion: Int, context: AuditContext,
        _ body: @escaping @Sendable (any SQLDatabase, RecordAccess, Escalation, EscalationStanding) async throws -> Void
    ) async throws -> Escalation {
        var v = Validation()
        v.version("version", expectedVersion)
        try v.check()
        return try await act(on: .escalation(id), .edit, "escalation", context: context) { db, access in
            let standing = try await self.escalationStep(step, id, access: access, on: db)
            let escalation = try await self.loadEscalation(id, on: db)
            let bumped = try await db.raw(
                """
                UPDATE escalations SET version = version + 1 WHERE id = \(bind: id.db)
                AND version = \(bind: expectedVersion) RETURNING id
                """
            ).all()
            guard escalation.version == expectedVersion, bumped.count == 1 else {
                throw SafeholdError.conflict(
                    "Someone else changed this escalation after you opened the page. Reload it and check.")
            }
            try await body(db, access, escalation, standing)
            return try await self.loadEscalation(id, on: db)
        }
    }

    private func addEscalationStep(
        _ id: UUID, _ stage: EscalationStage, reason: String, by actor: Actor, on db: any SQLDatabase
    ) async throws {
        let due = Escalation.due(stage, from: today, calendar: ruleset.calendar)
        try await db.raw(
            """
            INSERT INTO escalation_steps (id, escalation_id, stage, started_on, due_on, reason, moved_by_name)
            VALUES (\(bind: ids.next().db), \(bind: id.db), \(bind: stage.number), \(bind: today.description),
                \(bind: due.description), \(bind: reason), \(bind: actor.displayName))
            """
        ).run()
    }

    private func recordResponse(
        _ id: UUID, stage: Int, _ text: String, by actor: Actor, on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            UPDATE escalation_steps SET response = \(bind: text), responded_by = \(bind: actor.userId.db),
                responded_by_name = \(bind: actor.displayName), responded_on = \(bind: today.description)
            WHERE escalation_id = \(bind: id.db) AND stage = \(bind: stage) AND response IS NULL
            """
        ).run()
    }
}

extension Optional {
    /// `map` for an asynchronous, throwing transform.
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
