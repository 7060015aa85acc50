import Foundation
import SQLKit
import SafeholdCore

/// The steps of an allegation after the referral, each through `allegationWrite` (LADO only, never the
/// subject, versioned, audited against the subject and every child the case names).
extension Store {
    /// The initial consideration: the threshold met, or no further LADO action (which closes the case).
    public func recordConsideration(
        _ id: UUID, decision: String?, reasons: String?, on: String?, expectedVersion: Int, context: AuditContext
    ) async throws -> Allegation {
        try await allegationWrite(id, expectedVersion: expectedVersion, context: context) { db, access, allegation in
            let made = try allegation.checkConsideration(
                decision: decision, reasons: reasons, on: on, today: self.today)
            let resolved = made.decision == .noFurtherAction ? made.on.description : nil
            try await db.raw(
                """
                UPDATE allegations SET consideration_decision = \(bind: made.decision.rawValue),
                    consideration_reasons = \(bind: made.reasons), considered_on = \(bind: made.on.description),
                    considered_by_name = \(bind: access.actor.displayName), resolved_on = \(bind: resolved)
                WHERE id = \(bind: id.db)
                """
            ).run()
            access.audit(.update, "allegation", detail: "initial consideration: \(made.decision.rawValue)")
        }
    }

    /// The strategy meeting or evaluation, with its attendees.
    public func recordAllegationMeeting(
        _ id: UUID, kind: String?, on: String?, attendees: [Attendee], notes: String?, expectedVersion: Int,
        context: AuditContext
    ) async throws -> Allegation {
        try await allegationWrite(id, expectedVersion: expectedVersion, context: context) { db, access, allegation in
            let meeting = try allegation.checkMeeting(
                kind: kind, on: on, attendees: attendees, notes: notes, today: self.today)
            try await db.raw(
                """
                UPDATE allegations SET meeting_kind = \(bind: meeting.kind.rawValue),
                    meeting_on = \(bind: meeting.on.description), meeting_notes = \(bind: meeting.notes)
                WHERE id = \(bind: id.db)
                """
            ).run()
            for (position, person) in meeting.attendees.enumerated() {
                try await db.raw(
                    """
                    INSERT INTO allegation_attendees (allegation_id, position, name, agency)
                    VALUES (\(bind: id.db), \(bind: position), \(bind: person.name), \(bind: person.agency))
                    """
                ).run()
            }
            access.audit(.update, "allegation", detail: "\(meeting.kind.rawValue) on \(meeting.on)")
        }
    }

    /// A new action for the employer, the police or children's social care.
    public func addAllegationAction(
        _ id: UUID, owner: String?, what: String?, dueOn: String?, expectedVersion: Int, context: AuditContext
    ) async throws -> Allegation {
        try await allegationWrite(id, expectedVersion: expectedVersion, context: context) { db, access, allegation in
            let action = try allegation.checkAction(owner: owner, what: what, dueOn: dueOn)
            try await db.raw(
                """
                INSERT INTO allegation_actions (id, allegation_id, owner, what, due_on, position)
                VALUES (\(bind: self.ids.next().db), \(bind: id.db), \(bind: action.owner.rawValue),
                    \(bind: action.what), \(bind: action.dueOn.description), \(bind: allegation.actions.count))
                """
            ).run()
            access.audit(.update, "allegation", detail: "action for \(action.owner.rawValue)")
        }
    }

    /// Marks an action done.
    public func completeAllegationAction(
        _ id: UUID, actionId: String?, doneOn: String?, expectedVersion: Int, context: AuditContext
    ) async throws -> Allegation {
        try await allegationWrite(id, expectedVersion: expectedVersion, context: context) { db, access, allegation in
            let (action, date) = try allegation.checkActionDone(actionId: actionId, doneOn: doneOn, today: self.today)
            try await db.raw(
                """
                UPDATE allegation_actions SET done_on = \(bind: date.description)
                WHERE id = \(bind: action.db) AND allegation_id = \(bind: id.db)
                """
            ).run()
            access.audit(.update, "allegation", detail: "action done")
        }
    }

    /// A change of the subject's employment status (kept as a history).
    public func recordEmployment(
        _ id: UUID, status: String?, from: String?, note: String?, expectedVersion: Int, context: AuditContext
    ) async throws -> Allegation {
        try await allegationWrite(id, expectedVersion: expectedVersion, context: context) { db, access, allegation in
            let (code, date, text) = try allegation.checkEmployment(
                status: status, from: from, note: note, today: self.today)
            try await db.raw(
                """
                INSERT INTO allegation_employment (allegation_id, position, status, from_on, note, by_name, at)
                VALUES (\(bind: id.db), \(bind: allegation.employment.count), \(bind: code.rawValue),
                    \(bind: date.description), \(bind: text), \(bind: access.actor.displayName), \(bind: self.nowText))
                """
            ).run()
            access.audit(.update, "allegation", detail: "employment: \(code.rawValue)")
        }
    }

    /// The outcome, only after the strategy meeting or evaluation (409 before); a malicious allegation is
    /// marked for removal under the retention rules on the outcome's date.
    public func recordAllegationOutcome(
        _ id: UUID, _ input: Allegation.OutcomeInput, expectedVersion: Int, context: AuditContext
    ) async throws -> Allegation {
        try await allegationWrite(id, expectedVersion: expectedVersion, context: context) { db, access, allegation in
            let o = try allegation.checkOutcome(input, today: self.today)
            try await db.raw(
                """
                UPDATE allegations SET outcome = \(bind: o.outcome.rawValue), outcome_on = \(bind: o.on.description),
                    outcome_notes = \(bind: o.notes), dbs_referred_on = \(bind: o.dbsReferredOn?.description),
                    regulator_referred_on = \(bind: o.regulatorReferredOn?.description),
                    regulator_name = \(bind: o.regulatorName),
                    marked_for_removal_on = \(bind: o.markedForRemovalOn?.description),
                    resolved_on = \(bind: o.on.description)
                WHERE id = \(bind: id.db)
                """
            ).run()
            access.audit(.update, "allegation", detail: "outcome: \(o.outcome.rawValue)")
        }
    }

    /// Names one more child the allegation concerns (a child the LADO may find by name).
    public func linkAllegationChild(
        _ id: UUID, childId: String?, expectedVersion: Int, context: AuditContext
    ) async throws -> Allegation {
        try await allegationWrite(id, expectedVersion: expectedVersion, context: context) {
            db, access, allegation in
            var v = Validation()
            let child = AllegationDraft.readChild(childId, &v)
            try v.check()
            if allegation.children.contains(where: { $0.id == child }) {
                throw SafeholdError.invalid([FieldError("childId", "this child is already named on the allegation")])
            }
            if child == allegation.subjectId {
                throw SafeholdError.invalid([FieldError("childId", "is the subject of the allegation")])
            }
            try await self.checkAllegationChild(child!, actor: access.actor, on: db)
            try await self.insertAllegationChild(id, child!, position: allegation.children.count, on: db)
            access.audit(context.event(.update, "allegation", entityId: id, personId: child!, detail: "child named"))
            access.audit(.update, "allegation", detail: "child named")
        }
    }

    /// Raises a contact to the front door about a child the allegation concerns, through the same path as
    /// every contact: it appears on the child's record, awaits the front door's decision (due a working day
    /// later) and the child's holders are told. The subject is not named in the notification.
    public func raiseContactFromAllegation(
        _ id: UUID, childId: String?, concern: String?, expectedVersion: Int, context: AuditContext
    ) async throws -> (allegation: Allegation, contactId: UUID) {
        let contactId = ids.next()
        let allegation = try await allegationWrite(id, expectedVersion: expectedVersion, context: context) {
            db, access, allegation in
            var v = Validation()
            let child = AllegationDraft.readChild(childId, &v)
            try v.check()
            let text = try allegation.checkContact(childId: child!, concern: concern)
            let agency =
                try await db.raw("SELECT name FROM agencies WHERE id = \(bind: access.actor.agencyId.db)").first()?
                .string("name")
            let draft = try ContactDraft(
                receivedAt: self.clock.now(), source: .laOtherDepartment,
                referrerName: "\(access.actor.displayName) (LADO)",
                referrerAgency: agency.map { String($0.prefix(100)) },
                childIds: [child!], concern: text
            ).validated(now: self.clock.now())
            _ = try await self.insertContact(draft, actor: access.actor, id: contactId, ruleset: self.ruleset, on: db)
            try await db.raw(
                """
                INSERT INTO allegation_contacts (allegation_id, contact_id, person_id, raised_on)
                VALUES (\(bind: id.db), \(bind: contactId.db), \(bind: child!.db), \(bind: self.today.description))
                """
            ).run()
            access.audit(context.event(.create, "contact", entityId: contactId, personId: child!, detail: "from LADO"))
            access.audit(.update, "allegation", detail: "contact raised")
            let name = allegation.children.first { $0.id == child }?.name ?? "a child"
            try await self.notifyHolders(
                of: child!, .informationShared,
                "The LADO service raised a contact about \(name) to the front door; "
                    + "it awaits the front door's decision.",
                on: db)
        }
        return (allegation, contactId)
    }
}

extension Store {
    /// The LADO grants a named user (the police officer in the case, say) access to the subject's record
    /// to read: they then find and open it; nobody else outside the LADO service does. Never the subject.
    public func grantSubjectAccess(
        _ id: UUID, userId: String?, reason: String?, expectedVersion: Int, context: AuditContext
    ) async throws -> Allegation {
        try await allegationWrite(id, expectedVersion: expectedVersion, context: context) {
            db, access, allegation in
            var v = Validation()
            let user = AllegationDraft.readId("userId", userId, &v, what: "a user")
            if userId.nonBlank == nil { v.add("userId", "choose the user to grant access to") }
            v.text("reason", reason, required: true, max: 500)
            try v.check()
            guard
                let row = try await db.raw("SELECT role, active FROM users WHERE id = \(bind: user!.db)").first(),
                try row.flag("active")
            else { throw SafeholdError.invalid([FieldError("userId", "there is no active user with that id")]) }
            let facts = access.facts[allegation.subjectId] ?? RecordAccessFacts()
            if user == allegation.subjectUserId || facts.subjectUserIds.contains(user!) {
                throw SafeholdError.invalid([FieldError("userId", "is the subject of the allegation")])
            }
            try await db.raw(
                """
                INSERT INTO access_grants (id, person_id, user_id, can_edit, reason, granted_by, granted_at)
                VALUES (\(bind: self.ids.next().db), \(bind: allegation.subjectId.db), \(bind: user!.db), 0,
                    \(bind: reason!.trimmingCharacters(in: .whitespacesAndNewlines)), \(bind: access.actor.userId.db),
                    \(bind: self.nowText))
                """
            ).run()
            access.audit(
                context.event(
                    .grant, "access_grant", entityId: user!, personId: allegation.subjectId,
                    detail: "LADO granted access to the subject's record"))
            access.audit(.update, "allegation", detail: "access granted to a named user")
        }
    }
}

extension AllegationDraft {
    /// Reads one child's record id (the link and contact forms).
    static func readChild(_ text: String?, _ v: inout Validation) -> UUID? {
        if text.nonBlank == nil {
            v.add("childId", "choose a child")
            return nil
        }
        guard let id = UUID(uuidString: text!.trimmingCharacters(in: .whitespaces)) else {
            v.add("childId", "\(Validation.shown(text!)) is not the id of a child's record")
            return nil
        }
        return id
    }
}
