import Foundation
import SQLKit
import SafeholdCore

/// What an invited professional sees of a child: the child's name and date of birth (to be sure of
/// the child), the meeting, their own invitation and report, and the decision once shared. Nothing
/// else of the record.
public struct InvitationSlice: Sendable {
    public let childName: String
    public let childDateOfBirth: LocalDate?
    public let meeting: Meeting
    public let invitation: Invitation
    public let report: AgencyReport?
}

extension Store {
    /// The signed-in professional's own invitations, newest meeting first: a list audited as one
    /// entry naming every child shown. Roles that are never invited see none.
    public func myInvitations(context: AuditContext) async throws -> [InvitationSlice] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let invitee = ContributionAccess.invitationsListed(for: actor)
        let rows = try await list(
            "invitation", detail: "my invitations", context: context, people: { [$0.child] }
        ) { (db: any SQLDatabase, _: ListScope) -> [SliceRow] in
            guard let invitee else { return [] }
            return try await self.slices(where: "i.invitee_user_id = \(bind: invitee.db)", on: db)
        }
        return rows.map(\.slice)
    }

    /// One invitation as its invitee (or anyone who may open the child's record) sees it.
    public func invitation(_ id: UUID, context: AuditContext) async throws -> InvitationSlice {
        try await act(on: .invitation(id), .view, "invitation", context: context) { db, _ in
            guard let row = try await self.slices(where: "i.id = \(bind: id.db)", on: db).first else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            return row.slice
        }
    }

    /// Writes the invited professional's agency report (version 0 for the first) or changes it (the
    /// version they read; a stale one is a conflict), until the meeting is held. Nobody else writes
    /// it, not even the child's social worker. The first report tells the child's holders.
    public func submitReport(
        invitation id: UUID, whatWeKnow: String?, worries: String?, workingWell: String?, recommendation: String?,
        expectedVersion: Int?, context: AuditContext
    ) async throws -> AgencyReport {
        try await act(on: .invitation(id), .edit, "agency_report", context: context) { db, access in
            try access.require(.writeReport)
            let draft = try AgencyReport.Draft.validated(
                whatWeKnow: whatWeKnow, worries: worries, workingWell: workingWell, recommendation: recommendation)
            let version = try AgencyReport.validatedVersion(expectedVersion)
            guard let child = access.children.first,
                let row = try await self.slices(where: "i.id = \(bind: id.db)", on: db).first
            else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
            try row.slice.meeting.requireOpenForReports()
            let stale = SafeholdError.conflict(
                "Your report was changed after you opened it (perhaps in another window). Reload it and check.")
            if version == 0 {
                if row.slice.report != nil { throw stale }
                try await db.raw(
                    """
                    INSERT INTO agency_reports (invitation_id, person_id, what_we_know, worries, working_well,
                        recommendation, author_id, author_name, agency_name, submitted_on, submitted_at, updated_at,
                        version)
                    VALUES (\(bind: id.db), \(bind: child.db), \(bind: draft.whatWeKnow), \(bind: draft.worries),
                        \(bind: draft.workingWell), \(bind: draft.recommendation), \(bind: access.actor.userId.db),
                        \(bind: access.actor.displayName), \(bind: row.slice.invitation.agencyName),
                        \(bind: self.today.description), \(bind: self.nowText), \(bind: self.nowText), 1)
                    """
                ).run()
                try await self.notifyHolders(
                    of: child, .informationShared,
                    "\(row.slice.invitation.agencyName) sent its report for the "
                        + "\(row.slice.meeting.title.lowercased()) about \(row.slice.childName).", on: db)
                access.audit(.create, "agency_report", detail: row.slice.meeting.kind.rawValue)
            } else {
                let updated = try await db.raw(
                    """
                    UPDATE agency_reports
                    SET what_we_know = \(bind: draft.whatWeKnow), worries = \(bind: draft.worries),
                        working_well = \(bind: draft.workingWell), recommendation = \(bind: draft.recommendation),
                        author_name = \(bind: access.actor.displayName), updated_at = \(bind: self.nowText),
                        version = version + 1
                    WHERE invitation_id = \(bind: id.db) AND version = \(bind: version) RETURNING invitation_id
                    """
                ).all()
                guard updated.count == 1 else { throw stale }
                access.audit(.update, "agency_report", detail: "version \(version + 1)")
            }
            guard let saved = try await self.slices(where: "i.id = \(bind: id.db)", on: db).first?.slice.report else {
                throw stale
            }
            return saved
        }
    }

    /// Agency reports on the child's chronology: each one a part of the record once sent.
    func agencyReportChronology(of childId: UUID, on db: any SQLDatabase) async throws -> [ChronologyEntry] {
        try await db.raw(
            """
            SELECT r.*, m.kind, m.meets_on FROM agency_reports r JOIN invitations i ON i.id = r.invitation_id
            JOIN meetings m ON m.id = i.meeting_id WHERE r.person_id = \(bind: childId.db) ORDER BY r.submitted_at
            """
        ).all().map { row in
            let kind = try row.code("kind", as: MeetingKind.self)
            return ChronologyEntry(
                id: try row.uuid("invitation_id"), date: try row.date("submitted_on"), kind: .agencyReport,
                title: "Agency report for the \(kind.label.lowercased()) on \(try row.date("meets_on").display)",
                detail: "What we know: \(try row.string("what_we_know")) What we are worried about: "
                    + "\(try row.string("worries")) What is working well: \(try row.string("working_well")) "
                    + "Our view and recommendation: \(try row.string("recommendation"))",
                source: "\(try row.string("agency_name")): \(try row.string("author_name"))")
        }
    }

    struct SliceRow: Sendable {
        let child: UUID
        let slice: InvitationSlice
    }

    /// Invitations with their meeting, the child's name and date of birth, and the report.
    private func slices(where condition: SQLQueryString, on db: any SQLDatabase) async throws -> [SliceRow] {
        let rows = try await db.raw(
            """
            SELECT i.*, m.id AS m_id, m.episode_id, m.kind, m.meets_on, m.held_at, m.shared_decision, m.shared_by,
                m.shared_at, m.version, m.person_id AS child,
                r.what_we_know, r.worries, r.working_well, r.recommendation, r.author_name,
                r.agency_name AS report_agency, r.submitted_at, r.updated_at, r.version AS report_version
            FROM invitations i JOIN meetings m ON m.id = i.meeting_id
            LEFT JOIN agency_reports r ON r.invitation_id = i.id
            WHERE \(condition) ORDER BY m.meets_on DESC, i.invited_at DESC
            """
        ).all()
        var out: [SliceRow] = []
        for row in rows {
            let child = try row.uuid("child")
            let person = try await fetchPerson(child, on: db)
            let invitation = try Self.invitation(row)
            let meeting = Meeting(
                id: try row.uuid("m_id"), episodeId: try row.uuid("episode_id"),
                kind: try row.code("kind", as: MeetingKind.self), meetsOn: try row.date("meets_on"),
                heldAt: try row.optionalTimestamp("held_at"),
                sharedDecision: try row.optionalString("shared_decision"),
                sharedBy: try row.optionalString("shared_by"), sharedAt: try row.optionalTimestamp("shared_at"),
                version: try row.int("version"))
            out.append(
                SliceRow(
                    child: child,
                    slice: InvitationSlice(
                        childName: person?.displayName ?? "", childDateOfBirth: person?.details.dateOfBirth,
                        meeting: meeting, invitation: invitation,
                        report: try Self.report(row, invitation: invitation.id))))
        }
        return out
    }
}
