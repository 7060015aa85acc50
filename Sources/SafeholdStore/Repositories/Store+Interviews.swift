import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Records an ABE accreditation a user holds (an administrator's or a police supervisor's entry) in the
    /// training register (`training_records`, the one register of every course and accreditation).
    public func addAccreditation(
        user: UUID, kind: Accreditation.Kind, validFrom: LocalDate?, expiresOn: LocalDate?, context: AuditContext
    ) async throws -> Accreditation {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard actor.role == .administrator || actor.role == .police else {
            throw SafeholdError.forbidden("Only administrators and police supervisors record accreditations.")
        }
        guard actor.role == .administrator || user != actor.userId else {
            throw SafeholdError.forbidden("Someone else records your own accreditation.")
        }
        try Accreditation.validate(validFrom: validFrom, expiresOn: expiresOn)
        guard let validFrom, let expiresOn else {
            throw SafeholdError.invalid([FieldError("validFrom", "is required")])
        }
        let accreditation = Accreditation(
            id: ids.next(), userId: user, kind: kind, validFrom: validFrom, expiresOn: expiresOn)
        return try await database.transaction { db in
            let target = try await db.raw(
                "SELECT agency_id FROM users WHERE id = \(bind: user.db) AND active = 1"
            ).first()?.uuid("agency_id")
            guard let target, actor.role == .administrator || target == actor.agencyId else {
                throw SafeholdError.invalid([FieldError("userId", "is not an active user you may accredit")])
            }
            try await db.raw(
                """
                INSERT INTO training_records (id, user_id, course, completed_on, expires_on, recorded_at, recorded_by,
                    recorded_by_name)
                VALUES (\(bind: accreditation.id.db), \(bind: user.db), \(bind: kind.rawValue),
                    \(bind: validFrom.description), \(bind: expiresOn.description), \(bind: self.nowText),
                    \(bind: actor.userId.db), \(bind: context.actorName))
                """
            ).run()
            try await self.audit.append(
                [
                    context.event(
                        .update, "accreditation", entityId: user, detail: "\(kind.rawValue) until \(expiresOn)")
                ],
                on: db)
            return accreditation
        }
    }

    /// The ABE accreditations `users` hold, read from the training register.
    func accreditations(of users: [UUID], on db: any SQLDatabase) async throws -> [Accreditation] {
        let kinds = Accreditation.Kind.allCases.map(\.rawValue)
        return try await trainingRecords(of: users, on: db).compactMap { r in
            guard kinds.contains(r.course), let kind = Accreditation.Kind(rawValue: r.course) else { return nil }
            return Accreditation(
                id: r.id, userId: r.userId, kind: kind, validFrom: r.completedOn,
                expiresOn: r.expiresOn ?? LocalDate.acceptedRange.upperBound)
        }
    }

    /// Plans an ABE interview of a child on the investigation. Each interviewer must be a police
    /// officer of the force with an ABE accreditation current on the planned date; an interview that
    /// follows a police protection cannot be planned before the removal.
    public func planInterview(
        _ plan: InterviewPlan, investigation: UUID, context: AuditContext
    ) async throws -> AbeInterview {
        let plan = try plan.validated()
        return try await act(on: .investigation(investigation), .edit, "abe_interview", context: context) {
            db, access in
            let current = try await self.loadInvestigation(investigation, on: db)
            guard current.childIds.contains(plan.childId) else {
                throw SafeholdError.invalid([FieldError("childId", "is not a child on this investigation")])
            }
            let id = self.ids.next()
            try await self.checkInterviewers(
                plan, at: plan.plannedFor, actor: access.actor, usedFor: "interview \(id)", context: context, on: db)
            try await self.checkAfterRemoval(plan, at: plan.plannedFor, field: "plannedFor", on: db)
            let interview = AbeInterview(id: id, investigationId: investigation, plan: plan, record: nil, version: 1)
            try await db.raw(
                """
                INSERT INTO abe_interviews (id, investigation_id, person_id, planned_for, interview_type, rationale,
                    interviewers, intermediary, special_measures, protection_id, version, created_at, created_by)
                VALUES (\(bind: interview.id.db), \(bind: investigation.db), \(bind: plan.childId.db),
                    \(bind: Timestamp.string(plan.plannedFor)), \(bind: plan.type.rawValue), \(bind: plan.rationale),
                    \(bind: try Self.jsonText(plan.interviewerIds)), \(bind: plan.intermediary),
                    \(bind: try Self.jsonText(plan.specialMeasures)), \(bind: plan.followsProtectionId?.db), 1,
                    \(bind: self.nowText), \(bind: access.actor.userId.db))
                """
            ).run()
            try await self.addEvent(
                investigation, kind: "interview_planned", detail: plan.type.label, shared: false, actor: access.actor,
                name: context.actorName, on: db)
            access.audit(.create, "abe_interview", entityId: interview.id)
            return interview
        }
    }

    /// Records what happened at a planned interview. Interviewers are checked again on the day held.
    public func recordInterview(
        _ id: UUID, investigation: UUID, _ record: InterviewRecord, expectedVersion: Int, context: AuditContext
    ) async throws -> AbeInterview {
        let record = try record.validated(now: clock.now(), ruleset: ruleset)
        return try await act(on: .interview(id, investigation: investigation), .edit, "abe_interview", context: context)
        {
            db, access in
            guard let row = try await db.raw("SELECT * FROM abe_interviews WHERE id = \(bind: id.db)").first() else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let interview = try Self.interview(row)
            if interview.isHeld { throw SafeholdError.conflict("This interview has already been recorded as held.") }
            guard interview.version == expectedVersion else {
                throw SafeholdError.conflict(
                    "Someone else changed this interview after you opened it. Reload the page.")
            }
            try await self.checkInterviewers(
                interview.plan, at: record.heldAt, actor: access.actor, usedFor: "interview \(id)", context: context,
                on: db)
            try await self.checkAfterRemoval(interview.plan, at: record.heldAt, field: "heldAt", on: db)
            let updated = try await db.raw(
                """
                UPDATE abe_interviews SET held_at = \(bind: Timestamp.string(record.heldAt)),
                    consent_by = \(bind: record.consentBy),
                    present = \(bind: record.present), recording_reference = \(bind: record.recordingReference),
                    storage_location = \(bind: record.storageLocation),
                        review_on = \(bind: record.reviewOn.description),
                    destroy_on = \(bind: record.destroyOn.description),
                        account_summary = \(bind: record.accountSummary),
                    version = version + 1
                WHERE id = \(bind: id.db) AND version = \(bind: expectedVersion) AND held_at IS NULL RETURNING id
                """
            ).all()
            guard updated.count == 1 else {
                throw SafeholdError.conflict(
                    "Someone else changed this interview after you opened it. Reload the page.")
            }
            try await self.addEvent(
                investigation, kind: "interview_held", detail: interview.plan.type.label, shared: true,
                actor: access.actor, name: context.actorName, on: db)
            access.audit(.update, "abe_interview", detail: "held")
            var held = interview
            held.record = record
            held.version += 1
            return held
        }
    }

    /// Each interviewer must be an officer of the force with an ABE accreditation current on the day (from
    /// the training register), or a supervisor's override of the gate for them, which this interview uses.
    private func checkInterviewers(
        _ plan: InterviewPlan, at instant: Date, actor: Actor, usedFor: String, context: AuditContext,
        on db: any SQLDatabase
    ) async throws {
        for id in plan.interviewerIds {
            let ok = try await db.raw(
                """
                SELECT 1 AS x FROM users WHERE id = \(bind: id.db) AND role = 'police' AND active = 1
                AND agency_id = \(bind: actor.agencyId.db)
                """
            ).first()
            if ok == nil {
                throw SafeholdError.invalid([
                    FieldError("interviewerIds", "\(id) is not a police officer of your force")
                ])
            }
        }
        let day = ruleset.date(of: instant)
        let held = try await accreditations(of: plan.interviewerIds, on: db)
        var checked: [UUID] = []
        for id in plan.interviewerIds {
            let current = held.contains { $0.userId == id && $0.kind == .abeInterviewing && $0.isCurrent(on: day) }
            if current { continue }
            if try await useOverride(.abeInterviewer, worker: id, usedFor: usedFor, context: context, on: db) {
                continue
            }
            checked.append(id)
        }
        try InterviewPlan.checkAccreditation(
            checked, names: try await userNames(checked, on: db), accreditations: held, on: day)
    }

    private func checkAfterRemoval(
        _ plan: InterviewPlan, at instant: Date, field: String, on db: any SQLDatabase
    ) async throws {
        guard let protection = plan.followsProtectionId else { return }
        guard
            let row = try await db.raw(
                """
                SELECT removed_at FROM police_protections WHERE id = \(bind: protection.db)
                AND person_id = \(bind: plan.childId.db)
                """
            ).first()
        else {
            throw SafeholdError.invalid([
                FieldError("followsProtectionId", "is not a police protection of this child")
            ])
        }
        if instant < (try row.timestamp("removed_at")) {
            throw SafeholdError.invalid([
                FieldError(field, "cannot be before the child's removal into police protection")
            ])
        }
    }
}
