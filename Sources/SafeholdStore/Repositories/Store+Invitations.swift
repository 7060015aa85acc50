import Foundation
import SQLKit
import SafeholdCore

/// A meeting as the child's holders see it: every invitation with its attendance and agency report.
public struct MeetingRecord: Sendable {
    public let meeting: Meeting
    public let invitations: [InvitationRecord]

    public init(meeting: Meeting, invitations: [InvitationRecord]) {
        self.meeting = meeting
        self.invitations = invitations
    }
}

/// One invitation and the agency's report, when one was sent.
public struct InvitationRecord: Sendable {
    public let invitation: Invitation
    public let report: AgencyReport?
}

extension Store {
    /// Invites a partner agency's professional (a Safehold user, or a named professional with no
    /// account) to a conference or core group on the episode, opening the meeting on first invitation.
    /// Only children's social care who may change the child's record invite; the invitee with an
    /// account is notified. The same user invited twice to one meeting is a conflict.
    public func invite(
        episode episodeId: UUID, _ request: InvitationRequest, context: AuditContext
    ) async throws -> Invitation {
        try await act(on: .episode(episodeId), .edit, "invitation", context: context) { db, access in
            try access.require(.recordForMeeting)
            guard let child = access.children.first,
                let episode = try await db.raw("SELECT closed_on FROM episodes WHERE id = \(bind: episodeId.db)")
                    .first()
            else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
            if try episode.optionalString("closed_on") != nil {
                throw SafeholdError.conflict("This episode is closed: nobody can be invited to a meeting on it.")
            }
            let invitee = try await self.invitee(request.invitee, on: db)
            let meeting = try await self.meeting(episode: episodeId, child: child, request, on: db)
            try meeting.requireOpenForReports()
            if let user = invitee.userId,
                try await db.raw(
                    """
                    SELECT 1 AS x FROM invitations WHERE meeting_id = \(bind: meeting.id.db) \
                    AND invitee_user_id = \(bind: user.db)
                    """
                ).first() != nil
            {
                throw SafeholdError.conflict("\(invitee.name) is already invited to the \(meeting.title.lowercased()).")
            }
            let invitation = Invitation(
                id: self.ids.next(), meetingId: meeting.id, inviteeUserId: invitee.userId, inviteeName: invitee.name,
                agencyName: invitee.agency, agencyKind: invitee.kind, invitedBy: access.actor.displayName,
                invitedAt: self.clock.now(), attendance: nil)
            try await db.raw(
                """
                INSERT INTO invitations (id, meeting_id, invitee_user_id, invitee_name, agency_name, agency_kind,
                    invited_by, invited_by_name, invited_at)
                VALUES (\(bind: invitation.id.db), \(bind: meeting.id.db), \(bind: invitee.userId?.db),
                    \(bind: invitee.name), \(bind: invitee.agency), \(bind: invitee.kind.rawValue),
                    \(bind: access.actor.userId.db), \(bind: access.actor.displayName), \(bind: self.nowText))
                """
            ).run()
            if let user = invitee.userId {
                let name = try await self.fetchPerson(child, on: db)?.displayName ?? "a child"
                try await self.notify(
                    [user], .invitation, about: child,
                    "You are invited to the \(meeting.title.lowercased()) about \(name). "
                        + "Please send your agency's report before the meeting.", on: db)
            }
            access.audit(
                .create, "invitation", entityId: invitation.id,
                detail: "\(invitee.name) (\(invitee.agency)) to \(meeting.kind.rawValue) on \(meeting.meetsOn)")
            return invitation
        }
    }

    /// Records whether an invited professional came, once the meeting's day has come; the meeting is
    /// then held and its reports can no longer be changed. Returns the meeting's id.
    @discardableResult
    public func recordAttendance(
        invitation invitationId: UUID, episode episodeId: UUID, _ attendance: Attendance, context: AuditContext
    ) async throws -> UUID {
        try await act(on: .invitation(invitationId), .edit, "invitation", context: context) { db, access in
            try access.require(.recordForMeeting)
            guard let meeting = try await self.meeting(ofInvitation: invitationId, on: db),
                meeting.episodeId == episodeId
            else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
            try meeting.requireDayCome(today: self.today, what: "attendance")
            try await db.raw(
                """
                UPDATE invitations SET attendance = \(bind: attendance.rawValue),
                    attendance_recorded_at = \(bind: self.nowText) WHERE id = \(bind: invitationId.db)
                """
            ).run()
            try await self.markHeld(meeting.id, on: db)
            access.audit(.update, "invitation", detail: "attendance \(attendance.rawValue)")
            return meeting.id
        }
    }

    /// Records what is shared with the invited agencies after the meeting (the decision summary), or
    /// changes it (a stale version is a conflict); every invitee with an account is notified.
    public func shareDecision(
        meeting meetingId: UUID, episode episodeId: UUID, summary: String?, expectedVersion: Int,
        context: AuditContext
    ) async throws -> Meeting {
        try await act(on: .episode(episodeId), .edit, "meeting", context: context) { db, access in
            try access.require(.recordForMeeting)
            let summary = try Meeting.validatedDecision(summary)
            var v = Validation()
            v.version("version", expectedVersion)
            try v.check()
            guard let child = access.children.first,
                let meeting = try await self.loadMeeting(meetingId, on: db), meeting.episodeId == episodeId
            else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
            try meeting.requireDayCome(today: self.today, what: "the decision shared")
            let rows = try await db.raw(
                """
                UPDATE meetings SET shared_decision = \(bind: summary), shared_by = \(bind: access.actor.displayName),
                    shared_at = \(bind: self.nowText), held_at = COALESCE(held_at, \(bind: self.nowText)),
                    version = version + 1
                WHERE id = \(bind: meetingId.db) AND version = \(bind: expectedVersion) RETURNING id
                """
            ).all()
            guard rows.count == 1 else {
                throw SafeholdError.conflict(
                    "Someone else changed this meeting after you opened the page. Reload it and check.")
            }
            let invitees = try await db.raw(
                """
                SELECT invitee_user_id FROM invitations
                WHERE meeting_id = \(bind: meetingId.db) AND invitee_user_id IS NOT NULL
                """
            ).all().map { try $0.uuid("invitee_user_id") }
            let name = try await self.fetchPerson(child, on: db)?.displayName ?? "a child"
            try await self.notify(
                invitees, .invitation, about: child,
                "The decisions of the \(meeting.title.lowercased()) about \(name) have been shared with you.", on: db)
            access.audit(.update, "meeting", entityId: meetingId, detail: "decision shared with \(invitees.count)")
            return try await self.loadMeeting(meetingId, on: db)!
        }
    }

    /// The meetings on an episode with every invitation and report, for those who may open the child's
    /// record (the chair, the social worker, their team): an audited read.
    public func meetings(episode episodeId: UUID, context: AuditContext) async throws -> [MeetingRecord] {
        try await act(on: .episode(episodeId), .view, "meeting", context: context) { db, _ in
            let meetings = try await db.raw(
                "SELECT * FROM meetings WHERE episode_id = \(bind: episodeId.db) ORDER BY meets_on DESC, created_at"
            ).all().map(Self.meeting)
            let rows = try await db.raw(
                """
                SELECT i.*, r.what_we_know, r.worries, r.working_well, r.recommendation, r.author_name,
                    r.agency_name AS report_agency, r.submitted_at, r.updated_at, r.version AS report_version
                FROM invitations i JOIN meetings m ON m.id = i.meeting_id
                LEFT JOIN agency_reports r ON r.invitation_id = i.id
                WHERE m.episode_id = \(bind: episodeId.db) ORDER BY i.invited_at, i.invitee_name
                """
            ).all()
            var byMeeting: [UUID: [InvitationRecord]] = [:]
            for row in rows {
                let invitation = try Self.invitation(row)
                byMeeting[invitation.meetingId, default: []].append(
                    InvitationRecord(invitation: invitation, report: try Self.report(row, invitation: invitation.id)))
            }
            return meetings.map { MeetingRecord(meeting: $0, invitations: byMeeting[$0.id] ?? []) }
        }
    }

    // MARK: - Rows

    struct InviteeRow { let userId: UUID?; let name: String; let agency: String; let kind: Agency.Kind }

    /// The invitee's name and agency: a user must be active and of a partner agency's role.
    private func invitee(_ invitee: Invitee, on db: any SQLDatabase) async throws -> InviteeRow {
        switch invitee {
        case .named(let name, let agency, let kind):
            return InviteeRow(userId: nil, name: name, agency: agency, kind: kind)
        case .user(let id):
            guard
                let row = try await db.raw(
                    """
                    SELECT u.display_name, u.role, u.active, a.name AS agency, a.kind FROM users u
                    JOIN agencies a ON a.id = u.agency_id WHERE u.id = \(bind: id.db)
                    """
                ).first(), try row.flag("active")
            else { throw SafeholdError.invalid([FieldError("inviteeUserId", "is not an active Safehold user")]) }
            guard ContributionAccess.mayBeInvited(try row.code("role", as: Role.self)) else {
                throw SafeholdError.invalid([
                    FieldError(
                        "inviteeUserId",
                        "works in children's social care and sees the record already: invite a partner agency's "
                            + "professional")
                ])
            }
            return InviteeRow(
                userId: id, name: try row.string("display_name"), agency: try row.string("agency"),
                kind: try row.code("kind", as: Agency.Kind.self))
        }
    }

    /// The episode's meeting of that kind on that day, opened when it is the first invitation to it.
    private func meeting(
        episode episodeId: UUID, child: UUID, _ request: InvitationRequest, on db: any SQLDatabase
    ) async throws -> Meeting {
        if let row = try await db.raw(
            """
            SELECT * FROM meetings WHERE episode_id = \(bind: episodeId.db) AND kind = \(bind: request.kind.rawValue)
            AND meets_on = \(bind: request.meetsOn.description)
            """
        ).first() {
            return try Self.meeting(row)
        }
        let id = ids.next()
        try await db.raw(
            """
            INSERT INTO meetings (id, episode_id, person_id, kind, meets_on, version, created_at)
            VALUES (\(bind: id.db), \(bind: episodeId.db), \(bind: child.db), \(bind: request.kind.rawValue),
                \(bind: request.meetsOn.description), 1, \(bind: nowText))
            """
        ).run()
        return Meeting(
            id: id, episodeId: episodeId, kind: request.kind, meetsOn: request.meetsOn, heldAt: nil,
            sharedDecision: nil, sharedBy: nil, sharedAt: nil, version: 1)
    }

    func loadMeeting(_ id: UUID, on db: any SQLDatabase) async throws -> Meeting? {
        try await db.raw("SELECT * FROM meetings WHERE id = \(bind: id.db)").first().map(Self.meeting)
    }

    func meeting(ofInvitation id: UUID, on db: any SQLDatabase) async throws -> Meeting? {
        try await db.raw(
            "SELECT m.* FROM meetings m JOIN invitations i ON i.meeting_id = m.id WHERE i.id = \(bind: id.db)"
        ).first().map(Self.meeting)
    }

    private func markHeld(_ meetingId: UUID, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE meetings SET held_at = \(bind: nowText), version = version + 1
            WHERE id = \(bind: meetingId.db) AND held_at IS NULL
            """
        ).run()
    }

    static func meeting(_ row: any SQLRow) throws -> Meeting {
        Meeting(
            id: try row.uuid("id"), episodeId: try row.uuid("episode_id"),
            kind: try row.code("kind", as: MeetingKind.self), meetsOn: try row.date("meets_on"),
            heldAt: try row.optionalTimestamp("held_at"), sharedDecision: try row.optionalString("shared_decision"),
            sharedBy: try row.optionalString("shared_by"), sharedAt: try row.optionalTimestamp("shared_at"),
            version: try row.int("version"))
    }

    static func invitation(_ row: any SQLRow) throws -> Invitation {
        Invitation(
            id: try row.uuid("id"), meetingId: try row.uuid("meeting_id"),
            inviteeUserId: try row.optionalUUID("invitee_user_id"), inviteeName: try row.string("invitee_name"),
            agencyName: try row.string("agency_name"), agencyKind: try row.code("agency_kind", as: Agency.Kind.self),
            invitedBy: try row.string("invited_by_name"), invitedAt: try row.timestamp("invited_at"),
            attendance: try row.optionalCode("attendance", as: Attendance.self))
    }

    /// The report columns of a row joined on `agency_reports` (nil when no report was sent).
    static func report(_ row: any SQLRow, invitation: UUID) throws -> AgencyReport? {
        guard let known = try row.optionalString("what_we_know") else { return nil }
        return AgencyReport(
            invitationId: invitation, whatWeKnow: known, worries: try row.string("worries"),
            workingWell: try row.string("working_well"), recommendation: try row.string("recommendation"),
            authorName: try row.string("author_name"), agencyName: try row.string("report_agency"),
            submittedAt: try row.timestamp("submitted_at"), updatedAt: try row.timestamp("updated_at"),
            version: try row.int("report_version"))
    }
}
