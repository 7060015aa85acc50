import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Records the Public Law Outline's pre-proceedings stage for a child (the letter before
    /// proceedings, and the meeting and outcome when known).
    public func startPreProceedings(
        _ childId: UUID, _ form: PreProceedingsForm, context: AuditContext
    ) async throws -> PreProceedings {
        try await act(on: .person(childId), .edit, "pre_proceedings", context: context) { db, access in
            try Self.require(CourtAccess.mayRecord(access.actor))
            _ = try await self.courtChildBornOn(childId, on: db)
            let draft = try form.validated(today: self.today)
            let id = self.ids.next()
            try await db.raw(
                """
                INSERT INTO pre_proceedings (id, person_id, letter_sent_on, meeting_on, attendees, outcome, outcome_on,
                    meeting_entry_id, version, created_by, created_at)
                VALUES (\(bind: id.db), \(bind: childId.db), \(bind: draft.letterSentOn.description),
                    \(bind: draft.meetingOn?.description), \(bind: draft.attendees), \(bind: draft.outcome?.rawValue),
                    \(bind: draft.outcomeOn?.description), \(bind: self.ids.next().db), 1,
                    \(bind: access.actor.userId.db), \(bind: self.nowText))
                """
            ).run()
            access.audit(.create, "pre_proceedings", entityId: id, detail: "letter sent \(draft.letterSentOn)")
            return try await self.preProceedings(where: "id = \(bind: id.db)", on: db)[0]
        }
    }

    /// Updates the pre-proceedings stage (the meeting, its attendees, the outcome); stale is a 409.
    public func updatePreProceedings(
        _ id: UUID, _ form: PreProceedingsForm, expectedVersion: Int, context: AuditContext
    ) async throws -> PreProceedings {
        try Self.checkVersion(expectedVersion)
        return try await act(on: .courtRecord(id), .edit, "pre_proceedings", context: context) { db, access in
            try Self.require(CourtAccess.mayRecord(access.actor))
            guard try await self.preProceedings(where: "id = \(bind: id.db)", on: db).first != nil else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let draft = try form.validated(today: self.today)
            let rows = try await db.raw(
                """
                UPDATE pre_proceedings SET letter_sent_on = \(bind: draft.letterSentOn.description),
                    meeting_on = \(bind: draft.meetingOn?.description), attendees = \(bind: draft.attendees),
                    outcome = \(bind: draft.outcome?.rawValue), outcome_on = \(bind: draft.outcomeOn?.description),
                    version = version + 1
                WHERE id = \(bind: id.db) AND version = \(bind: expectedVersion) RETURNING id
                """
            ).all()
            guard rows.count == 1 else { throw SafeholdError.conflict(Self.staleProceedings) }
            access.audit(.update, "pre_proceedings", entityId: id, detail: draft.outcome?.rawValue)
            return try await self.preProceedings(where: "id = \(bind: id.db)", on: db)[0]
        }
    }

    /// Issues care proceedings for a child: one open set at a time and one set a case number (409).
    public func issueProceedings(
        _ childId: UUID, _ form: ProceedingsForm, context: AuditContext
    ) async throws -> CareProceedings {
        try await act(on: .person(childId), .edit, "care_proceedings", context: context) { db, access in
            try Self.require(CourtAccess.mayRecord(access.actor))
            _ = try await self.courtChildBornOn(childId, on: db)
            let draft = try form.validated(today: self.today)
            if let open = try await db.raw(
                """
                SELECT case_number FROM care_proceedings
                WHERE person_id = \(bind: childId.db) AND concluded_on IS NULL
                """
            ).first() {
                throw SafeholdError.conflict(
                    "This child's proceedings \(try open.string("case_number")) are still open: record their "
                        + "conclusion before issuing new ones.")
            }
            if try await db.raw(
                "SELECT 1 AS x FROM care_proceedings WHERE case_number = \(bind: draft.caseNumber)"
            ).first() != nil {
                throw SafeholdError.conflict(
                    "Case number \(draft.caseNumber) is already recorded for other proceedings.")
            }
            let id = self.ids.next()
            let due = self.ruleset.court.proceedingsDue(issuedOn: draft.issuedOn, extensionWeeks: 0)
            try await db.raw(
                """
                INSERT INTO care_proceedings (id, person_id, issued_on, court, case_number, due_on, version,
                    created_by, created_at)
                VALUES (\(bind: id.db), \(bind: childId.db), \(bind: draft.issuedOn.description), \(bind: draft.court),
                    \(bind: draft.caseNumber), \(bind: due.description), 1, \(bind: access.actor.userId.db),
                    \(bind: self.nowText))
                """
            ).run()
            for (i, party) in draft.parties.enumerated() { try await self.insertParty(party, id, position: i, on: db) }
            access.audit(
                .create, "care_proceedings", entityId: id, detail: "\(draft.caseNumber) issued \(draft.issuedOn)")
            return try await self.existingProceedings(id, on: db)
        }
    }

    /// Adds a hearing (listed or heard): before the issue is a 422 naming it, out of the Public Law
    /// Outline's order a 409.
    public func addHearing(
        to id: UUID, _ form: HearingForm, expectedVersion: Int, context: AuditContext
    ) async throws -> CareProceedings {
        try await editProceedings(id, expectedVersion, context: context) { db, access, proceedings in
            let draft = try form.validated(on: proceedings, today: self.today)
            try await db.raw(
                """
                INSERT INTO hearings (id, proceedings_id, person_id, kind, held_on, outcome, orders_made,
                    recorded_by_name, created_at)
                VALUES (\(bind: self.ids.next().db), \(bind: id.db), \(bind: proceedings.childId.db),
                    \(bind: draft.kind.rawValue), \(bind: draft.heldOn.description), \(bind: draft.outcome),
                    \(bind: draft.ordersMade), \(bind: access.actor.displayName), \(bind: self.nowText))
                """
            ).run()
            return "hearing \(draft.kind.rawValue) \(draft.heldOn)"
        }
    }

    /// Records the outcome of a hearing once heard, and the orders made at it.
    public func recordHearingOutcome(
        _ hearingId: UUID, of id: UUID, _ form: HearingOutcomeForm, expectedVersion: Int, context: AuditContext
    ) async throws -> CareProceedings {
        try await editProceedings(id, expectedVersion, context: context) { db, _, proceedings in
            guard let hearing = proceedings.hearings.first(where: { $0.id == hearingId }) else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let (outcome, orders) = try form.validated(hearing, today: self.today)
            try await db.raw(
                """
                UPDATE hearings SET outcome = \(bind: outcome), orders_made = \(bind: orders)
                WHERE id = \(bind: hearingId.db) AND proceedings_id = \(bind: id.db)
                """
            ).run()
            return "hearing outcome \(hearing.kind.rawValue) \(hearing.heldOn)"
        }
    }

    /// Extends the 26-week timetable by up to 8 weeks with a reason; none on concluded proceedings.
    public func extendProceedings(
        _ id: UUID, _ form: TimetableExtensionForm, expectedVersion: Int, context: AuditContext
    ) async throws -> CareProceedings {
        try await editProceedings(id, expectedVersion, context: context) { db, access, proceedings in
            let ext = try form.validated(on: proceedings, rules: self.ruleset.court, today: self.today)
            try await db.raw(
                """
                INSERT INTO proceedings_extensions (id, proceedings_id, position, granted_on, weeks, reason, by_name,
                    created_at)
                VALUES (\(bind: self.ids.next().db), \(bind: id.db), \(bind: proceedings.extensions.count),
                    \(bind: ext.grantedOn.description), \(bind: ext.weeks), \(bind: ext.reason),
                    \(bind: access.actor.displayName), \(bind: self.nowText))
                """
            ).run()
            let due = self.ruleset.court.proceedingsDue(
                issuedOn: proceedings.issuedOn, extensionWeeks: proceedings.extensionWeeks + ext.weeks)
            try await db.raw(
                "UPDATE care_proceedings SET due_on = \(bind: due.description) WHERE id = \(bind: id.db)"
            ).run()
            return "timetable extended \(ext.weeks) weeks to \(due)"
        }
    }

    /// Adds a party and their representatives.
    public func addParty(
        to id: UUID, _ form: PartyForm, expectedVersion: Int, context: AuditContext
    ) async throws -> CareProceedings {
        try await editProceedings(id, expectedVersion, context: context) { db, _, proceedings in
            let party = try form.validated()
            guard proceedings.parties.count < 20 else {
                throw SafeholdError.conflict("These proceedings already have 20 parties, the most recorded here.")
            }
            try await self.insertParty(party, id, position: proceedings.parties.count, on: db)
            return "party \(party.role.rawValue)"
        }
    }

    /// Concludes the proceedings, ending the interim orders made in them that are still in force.
    public func concludeProceedings(
        _ id: UUID, _ form: ConclusionForm, expectedVersion: Int, context: AuditContext
    ) async throws -> CareProceedings {
        try await editProceedings(id, expectedVersion, context: context) { db, access, proceedings in
            let (on, conclusion) = try form.validated(on: proceedings, today: self.today)
            try await db.raw(
                """
                UPDATE care_proceedings SET concluded_on = \(bind: on.description), conclusion = \(bind: conclusion),
                    conclusion_entry_id = \(bind: self.ids.next().db)
                WHERE id = \(bind: id.db)
                """
            ).run()
            for order in try await self.courtOrders(where: "o.proceedings_id = \(bind: id.db)", on: db)
            where order.kind.isInterim && order.outcome == .granted && order.endedOn == nil {
                let ends = max(on, order.startsOn ?? on)
                try await db.raw(
                    """
                    UPDATE court_orders SET ended_on = \(bind: ends.description),
                        end_reason = \(bind: CourtOrderEnding.proceedingsConcluded.rawValue),
                        end_entry_id = \(bind: self.ids.next().db), version = version + 1
                    WHERE id = \(bind: order.id.db)
                    """
                ).run()
                access.audit(.update, "court_order", entityId: order.id, detail: "ended with the proceedings \(on)")
            }
            return "concluded \(on)"
        }
    }

    static let staleProceedings = "Someone else changed these proceedings after you opened the page. Reload and check."

    /// One change to care proceedings by children's social care who may change the child's record: the
    /// body checks and writes, then the version moves on by compare-and-set (stale: 409, nothing kept).
    private func editProceedings(
        _ id: UUID, _ expectedVersion: Int, context: AuditContext,
        _ body: @escaping @Sendable (any SQLDatabase, RecordAccess, CareProceedings) async throws -> String
    ) async throws -> CareProceedings {
        try Self.checkVersion(expectedVersion)
        return try await act(on: .courtRecord(id), .edit, "care_proceedings", context: context) { db, access in
            try Self.require(CourtAccess.mayRecord(access.actor))
            let proceedings = try await self.existingProceedings(id, on: db)
            let detail = try await body(db, access, proceedings)
            guard proceedings.version == expectedVersion else { throw SafeholdError.conflict(Self.staleProceedings) }
            let rows = try await db.raw(
                """
                UPDATE care_proceedings SET version = version + 1
                WHERE id = \(bind: id.db) AND version = \(bind: expectedVersion) RETURNING id
                """
            ).all()
            guard rows.count == 1 else { throw SafeholdError.conflict(Self.staleProceedings) }
            access.audit(.update, "care_proceedings", entityId: id, detail: detail)
            return try await self.existingProceedings(id, on: db)
        }
    }

    private func insertParty(
        _ party: PartyDraft, _ proceedings: UUID, position: Int, on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO proceedings_parties (id, proceedings_id, position, role, name, guardian, solicitor, firm)
            VALUES (\(bind: ids.next().db), \(bind: proceedings.db), \(bind: position), \(bind: party.role.rawValue),
                \(bind: party.name), \(bind: party.guardian), \(bind: party.solicitor), \(bind: party.firm))
            """
        ).run()
    }
}
