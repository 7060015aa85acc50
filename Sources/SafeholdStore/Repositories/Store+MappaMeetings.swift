import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Records a MAPPA meeting on a profile (the MAPPA coordinator): its panel, minutes, plan and actions,
    /// the disclosures made at it, and the next review, which becomes the profile's next meeting date.
    /// Users named as owners of actions are told. Audited against the adult (and against each child whose
    /// disclosure the meeting lists).
    public func recordMappaMeeting(
        profile: UUID, _ input: MappaMeetingInput, context: AuditContext
    ) async throws -> MappaMeeting {
        try await act(on: .riskProfile(profile), .edit, "mappa_meeting", context: context) { db, access in
            let current = try await self.loadRiskProfile(profile, on: db)
            guard let level = current.mappaLevel else {
                throw SafeholdError.conflict(
                    "This profile has no MAPPA category and level: give it them before recording a meeting.")
            }
            let draft = try MappaMeetingDraft.validated(input, level: level, today: self.today, ruleset: self.ruleset)
            var v = Validation()
            let chair = try await self.checkUser(draft.chairUserId, field: "chairUserId", agency: nil, into: &v, on: db)
            for (i, a) in draft.attendees.enumerated() {
                try await self.checkParty(a, prefix: "attendees[\(i)].", agencyField: "agencyId", into: &v, on: db)
            }
            for (i, a) in draft.actions.enumerated() {
                try await self.checkParty(
                    a.owner, prefix: "actions[\(i)].owner", agencyField: "AgencyId", into: &v, on: db)
            }
            let agencies = Set(draft.attendees.map(\.agencyId))
            let disclosed = try await self.meetingDisclosures(draft.disclosureIds, agencies: agencies, into: &v, on: db)
            try v.check()
            let id = self.ids.next()
            try await db.raw(
                """
                INSERT INTO mappa_meetings (id, profile_id, held_on, level, chair_name, chair_user_id, minutes, plan,
                    next_review_on, recorded_by, recorded_by_name, recorded_at, version)
                VALUES (\(bind: id.db), \(bind: profile.db), \(bind: draft.heldOn.description),
                    \(bind: level.rawValue), \(bind: chair ?? draft.chairName), \(bind: draft.chairUserId?.db),
                    \(bind: draft.minutes), \(bind: draft.plan), \(bind: draft.nextReviewOn?.description),
                    \(bind: access.actor.userId.db), \(bind: access.actor.displayName), \(bind: self.nowText), 1)
                """
            ).run()
            for (position, a) in draft.attendees.enumerated() {
                try await db.raw(
                    """
                    INSERT INTO mappa_attendees (id, meeting_id, name, agency_id, user_id, position)
                    VALUES (\(bind: self.ids.next().db), \(bind: id.db), \(bind: a.name), \(bind: a.agencyId.db),
                        \(bind: a.userId?.db), \(bind: position))
                    """
                ).run()
            }
            for (disclosure, child) in disclosed {
                try await db.raw(
                    """
                    INSERT INTO mappa_meeting_disclosures (meeting_id, disclosure_id)
                    VALUES (\(bind: id.db), \(bind: disclosure.db))
                    """
                ).run()
                access.audit(
                    access.context.event(
                        .update, "disclosure", entityId: disclosure, personId: child,
                        detail: "listed as shared at MAPPA meeting \(id.text)"))
            }
            for action in draft.actions {
                try await self.insertMappaAction(action, meeting: id, profile: current, access: access, on: db)
            }
            if let next = draft.nextReviewOn {
                try await db.raw(
                    """
                    UPDATE risk_profiles SET next_meeting_on = \(bind: next.description), version = version + 1,
                        updated_at = \(bind: self.nowText)
                    WHERE id = \(bind: profile.db)
                    """
                ).run()
            }
            access.audit(
                .create, "mappa_meeting", entityId: id,
                detail: "level \(level.rawValue), \(draft.attendees.count) attendees, \(draft.actions.count) actions")
            guard
                let saved = try await self.mappaMeetings(profile: profile, access: access, on: db).first(where: {
                    $0.id == id
                })
            else { throw StoreError.corrupt("meeting \(id) was not kept") }
            return saved
        }
    }

    /// One meeting, with its minutes only for its panel (and the coordinator).
    public func mappaMeeting(_ id: UUID, context: AuditContext) async throws -> MappaMeeting {
        try await act(on: .mappaMeeting(id), .view, "mappa_meeting", context: context) { db, access in
            guard let profile = try await self.riskProfileId(of: .mappaMeeting(id), on: db),
                let meeting = try await self.mappaMeetings(profile: profile, access: access, on: db).first(where: {
                    $0.id == id
                })
            else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
            return meeting
        }
    }

    /// Adds an action to a meeting's risk management plan (the coordinator); its owner, if a user, is told.
    public func addMappaAction(
        meeting: UUID, _ input: MappaActionInput, context: AuditContext
    ) async throws -> MappaAction {
        try await act(on: .mappaMeeting(meeting), .edit, "mappa_action", context: context) { db, access in
            let draft = try MappaActionDraft.validated(input, today: self.today)
            var v = Validation()
            try await self.checkParty(draft.owner, prefix: "owner", agencyField: "AgencyId", into: &v, on: db)
            try v.check()
            guard let profileId = try await self.riskProfileId(of: .mappaMeeting(meeting), on: db) else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let profile = try await self.loadRiskProfile(profileId, on: db)
            let id = try await self.insertMappaAction(draft, meeting: meeting, profile: profile, access: access, on: db)
            return try await self.mappaActions(where: "a.id = \(bind: id.db)", on: db)[0]
        }
    }

    /// Moves an action on (the coordinator, or the user who owns it); a stale version is a 409.
    public func updateMappaAction(
        _ id: UUID, status: String?, expectedVersion: Int, context: AuditContext
    ) async throws -> MappaAction {
        var v = Validation()
        v.version("version", expectedVersion)
        try v.check()
        return try await act(on: .mappaAction(id), .view, "mappa_action", writes: true, context: context) {
            db, access in
            let next: MappaActionStatus? = try MappaActionStatus.checked(status)
            guard let action = try await self.mappaActions(where: "a.id = \(bind: id.db)", on: db).first else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let facts = try await self.riskFacts(profile: action.profileId, on: db)
            let coordinates = facts.map { RiskAccess.decide(access.actor, .edit, $0).decision.isAllowed } ?? false
            guard coordinates || action.ownerUserId == access.actor.userId else {
                throw SafeholdError.forbidden(
                    "Only the action's owner and the MAPPA coordinator update a MAPPA action.")
            }
            let updated = try await db.raw(
                """
                UPDATE mappa_actions SET status = \(bind: next!.rawValue), version = version + 1,
                    updated_at = \(bind: self.nowText)
                WHERE id = \(bind: id.db) AND version = \(bind: expectedVersion) RETURNING id
                """
            ).all()
            guard updated.count == 1 else {
                throw SafeholdError.conflict(
                    "Someone else updated this action after you opened it. Reload the page and check.")
            }
            access.audit(.update, "mappa_action", entityId: id, detail: "status \(next!.rawValue)")
            return try await self.mappaActions(where: "a.id = \(bind: id.db)", on: db)[0]
        }
    }

    @discardableResult
    private func insertMappaAction(
        _ action: MappaActionDraft, meeting: UUID, profile: RiskProfile, access: RecordAccess, on db: any SQLDatabase
    ) async throws -> UUID {
        let id = ids.next()
        let name = try await userName(action.owner.userId, on: db) ?? action.owner.name
        try await db.raw(
            """
            INSERT INTO mappa_actions (id, meeting_id, profile_id, what, owner_name, owner_agency_id, owner_user_id,
                due_on, status, version, updated_at)
            VALUES (\(bind: id.db), \(bind: meeting.db), \(bind: profile.id.db), \(bind: action.what),
                \(bind: name), \(bind: action.owner.agencyId.db), \(bind: action.owner.userId?.db),
                \(bind: action.dueOn.description), \(bind: MappaActionStatus.open.rawValue), 1, \(bind: nowText))
            """
        ).run()
        access.audit(.create, "mappa_action", entityId: id, detail: "due \(action.dueOn.description)")
        if let owner = action.owner.userId, owner != access.actor.userId {
            try await notify(
                [owner], .actionAssigned, about: profile.personId,
                "\(access.actor.displayName) gave you a MAPPA action about \(profile.personName), due "
                    + "\(action.dueOn.display).", on: db)
        }
        return id
    }

    private func userName(_ id: UUID?, on db: any SQLDatabase) async throws -> String? {
        guard let id else { return nil }
        return try await db.raw("SELECT display_name FROM users WHERE id = \(bind: id.db)").first()?
            .string("display_name")
    }

    /// An active user, belonging to `agency` when given; returns their name.
    private func checkUser(
        _ id: UUID?, field: String, agency: UUID?, into v: inout Validation, on db: any SQLDatabase
    ) async throws -> String? {
        guard let id else { return nil }
        guard
            let row = try await db.raw(
                "SELECT display_name, agency_id FROM users WHERE id = \(bind: id.db) AND active = 1"
            ).first()
        else {
            v.add(field, "is not an active Safehold user")
            return nil
        }
        if let agency, try row.uuid("agency_id") != agency {
            v.add(field, "works for another agency than the one given")
        }
        return try row.string("display_name")
    }

    /// An attendee or owner: the agency exists; a user named is active and of that agency.
    private func checkParty(
        _ party: MappaParty, prefix: String, agencyField: String, into v: inout Validation, on db: any SQLDatabase
    ) async throws {
        if try await db.raw("SELECT 1 AS x FROM agencies WHERE id = \(bind: party.agencyId.db)").first() == nil {
            v.add(prefix + agencyField, "is not an agency on the list")
            return
        }
        let userField = prefix.hasSuffix("owner") ? prefix + "UserId" : prefix + "userId"
        _ = try await checkUser(party.userId, field: userField, agency: party.agencyId, into: &v, on: db)
    }

    /// The disclosures a meeting lists: each must be in the information-sharing record, a disclosure (not
    /// a decision not to share, with its lawful basis checked when it was recorded) made to or by an agency
    /// that sat at the meeting. Returns each with the child it is about.
    private func meetingDisclosures(
        _ ids: [UUID], agencies: Set<UUID>, into v: inout Validation, on db: any SQLDatabase
    ) async throws -> [(UUID, UUID)] {
        var found: [(UUID, UUID)] = []
        for id in ids {
            guard
                let row = try await db.raw(
                    """
                    SELECT d.person_id, d.decision, d.recipient_agency_id, u.agency_id AS from_agency
                    FROM disclosures d JOIN users u ON u.id = d.recorded_by WHERE d.id = \(bind: id.db)
                    """
                ).first()
            else {
                v.add("disclosureIds", "\(id.text) is not a disclosure in the information-sharing record")
                continue
            }
            guard try row.string("decision") == SharingDecision.disclosed.rawValue else {
                v.add("disclosureIds", "\(id.text) records a decision not to share")
                continue
            }
            let between = [try row.uuid("recipient_agency_id"), try row.uuid("from_agency")]
            guard between.contains(where: agencies.contains) else {
                v.add("disclosureIds", "\(id.text) was not shared with or by an agency at this meeting")
                continue
            }
            found.append((id, try row.uuid("person_id")))
        }
        return found
    }
}
