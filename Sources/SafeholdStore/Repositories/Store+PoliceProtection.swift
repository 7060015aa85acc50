import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Records a child taken into police protection by the acting officer's team. The designated
    /// officer must be a police officer of the force. When the child has no open episode and no contact
    /// awaiting a decision, a contact is raised to children's services with the police as its source,
    /// so the front door's decision and a strategy discussion fall due.
    public func recordPoliceProtection(
        child: UUID, _ draft: PoliceProtectionDraft, investigation: UUID? = nil, context: AuditContext
    ) async throws -> PoliceProtection {
        let actor = try policeActor(context)
        let draft = try draft.validated(now: clock.now())
        guard let team = actor.teamId else { throw SafeholdError.forbidden(Self.policeOnly) }
        return try await database.transaction { db in
            try await self.requireFindable([child], field: "childId", actor: actor, on: db)
            try await self.requireChild(child, on: db)
            try await self.checkDesignatedOfficer(draft.designatedOfficerId, agency: actor.agencyId, on: db)
            if let investigation {
                let own = try await db.raw(
                    """
                    SELECT 1 AS x FROM investigations i JOIN investigation_people ip ON ip.investigation_id = i.id
                    WHERE i.id = \(bind: investigation.db) AND i.team_id = \(bind: team.db)
                    AND ip.person_id = \(bind: child.db) AND ip.role <> 'suspect'
                    """
                ).first()
                if own == nil {
                    throw SafeholdError.invalid([
                        FieldError("investigationId", "is not an investigation of your team about this child")
                    ])
                }
            }
            let open = try await db.raw(
                "SELECT id FROM police_protections WHERE person_id = \(bind: child.db) AND ended_at IS NULL"
            ).first()
            if open != nil {
                throw SafeholdError.conflict(
                    "This child is already in police protection. End that record before starting another.")
            }
            let contact = try await self.raiseContactIfNoneOpen(
                child: child, receivedAt: draft.removedAt, source: .police,
                concern: "Child taken into police protection (Children Act 1989 s46) from \(draft.removedFrom) "
                    + "to \(draft.placeOfSafety). \(draft.reason)",
                actor: actor, context: context, on: db)
            let protection = PoliceProtection(
                id: self.ids.next(), childId: child, agencyId: actor.agencyId, teamId: team,
                investigationId: investigation, details: draft, ending: nil, contactId: contact, version: 1)
            try await db.raw(
                """
                INSERT INTO police_protections (id, person_id, agency_id, team_id, investigation_id, removed_at,
                    removed_from,
                    place_of_safety, reason, designated_officer_id, la_told_at, parents_told_at, child_told_at,
                    child_told_how, contact_id, version, created_at, created_by)
                VALUES (\(bind: protection.id.db), \(bind: child.db), \(bind: actor.agencyId.db), \(bind: team.db),
                    \(bind: investigation?.db), \(bind: Timestamp.string(draft.removedAt)), \(bind: draft.removedFrom),
                    \(bind: draft.placeOfSafety), \(bind: draft.reason), \(bind: draft.designatedOfficerId.db),
                    \(bind: draft.localAuthorityToldAt.map(Timestamp.string)),
                    \(bind: draft.parentsToldAt.map(Timestamp.string)),
                        \(bind: draft.childToldAt.map(Timestamp.string)),
                    \(bind: draft.childToldHow), \(bind: contact?.db), 1, \(bind: self.nowText),
                        \(bind: actor.userId.db))
                """
            ).run()
            try await self.audit.append(
                [context.event(.create, "police_protection", entityId: protection.id, personId: child)], on: db)
            return protection
        }
    }

    /// Records who was told since (the local authority, parents, the child) on a running protection.
    public func updatePoliceProtection(
        _ id: UUID, _ draft: PoliceProtectionDraft, expectedVersion: Int, context: AuditContext
    ) async throws -> PoliceProtection {
        let draft = try draft.validated(now: clock.now())
        return try await act(on: .policeProtection(id), .edit, "police_protection", context: context) { db, access in
            let current = try await self.loadProtection(id, on: db)
            guard current.ending == nil else {
                throw SafeholdError.conflict("This police protection has ended; its record can no longer change.")
            }
            try await self.checkDesignatedOfficer(draft.designatedOfficerId, agency: current.agencyId, on: db)
            let updated = try await db.raw(
                """
                UPDATE police_protections SET removed_at = \(bind: Timestamp.string(draft.removedAt)),
                    removed_from = \(bind: draft.removedFrom), place_of_safety = \(bind: draft.placeOfSafety),
                    reason = \(bind: draft.reason), designated_officer_id = \(bind: draft.designatedOfficerId.db),
                    la_told_at = \(bind: draft.localAuthorityToldAt.map(Timestamp.string)),
                    parents_told_at = \(bind: draft.parentsToldAt.map(Timestamp.string)),
                    child_told_at = \(bind: draft.childToldAt.map(Timestamp.string)),
                    child_told_how = \(bind: draft.childToldHow), version = version + 1
                WHERE id = \(bind: id.db) AND version = \(bind: expectedVersion) RETURNING id
                """
            ).all()
            guard updated.count == 1 else { throw SafeholdError.conflict(Self.staleProtection) }
            access.audit(.update, "police_protection")
            return try await self.loadProtection(id, on: db)
        }
    }

    /// Ends police protection: returned home, released to the local authority, or an emergency
    /// protection order applied for (court and date). Never more than 72 hours after removal.
    public func endPoliceProtection(
        _ id: UUID, _ ending: PoliceProtectionEnding, expectedVersion: Int, context: AuditContext
    ) async throws -> PoliceProtection {
        try await act(on: .policeProtection(id), .edit, "police_protection", context: context) { db, access in
            let current = try await self.loadProtection(id, on: db)
            guard current.ending == nil else {
                throw SafeholdError.conflict("This police protection has already ended.")
            }
            guard current.version == expectedVersion else { throw SafeholdError.conflict(Self.staleProtection) }
            let ending = try ending.validated(removedAt: current.details.removedAt, now: self.clock.now())
            let updated = try await db.raw(
                """
                UPDATE police_protections SET ended_at = \(bind: Timestamp.string(ending.endedAt)),
                    outcome = \(bind: ending.outcome.rawValue), court = \(bind: ending.court),
                    application_date = \(bind: ending.applicationDate?.description), version = version + 1
                WHERE id = \(bind: id.db) AND version = \(bind: expectedVersion) AND ended_at IS NULL RETURNING id
                """
            ).all()
            guard updated.count == 1 else { throw SafeholdError.conflict(Self.staleProtection) }
            access.audit(.update, "police_protection", detail: "ended: \(ending.outcome.rawValue)")
            return try await self.loadProtection(id, on: db)
        }
    }

    /// One police protection, for its team or the child's social care.
    public func policeProtection(_ id: UUID, context: AuditContext) async throws -> ProtectionLine {
        try await act(on: .policeProtection(id), .view, "police_protection", context: context) { db, _ in
            let protection = try await self.loadProtection(id, on: db)
            return ProtectionLine(
                protection: protection, child: try await self.personSummary(protection.childId, on: db),
                clock: protection.clock(at: self.clock.now()))
        }
    }

    /// The designated officer must be an active police officer of the force.
    func checkDesignatedOfficer(_ id: UUID, agency: UUID, on db: any SQLDatabase) async throws {
        let officer = try await db.raw(
            """
            SELECT 1 AS x FROM users WHERE id = \(bind: id.db) AND role = 'police' AND active = 1
            AND agency_id = \(bind: agency.db)
            """
        ).first()
        if officer == nil {
            throw SafeholdError.invalid([FieldError("designatedOfficerId", "must be a police officer of your force")])
        }
    }

    static let staleProtection =
        "Someone else changed this police protection record after you opened it. Reload the page and check."

    func loadProtection(_ id: UUID, on db: any SQLDatabase) async throws -> PoliceProtection {
        guard let row = try await db.raw("SELECT * FROM police_protections WHERE id = \(bind: id.db)").first() else {
            throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
        }
        return try Self.protection(row)
    }

    func personSummary(_ id: UUID, on db: any SQLDatabase) async throws -> PersonSummary {
        guard
            let row = try await db.raw(
                "SELECT \(unsafeRaw: Self.summaryColumns), 0 AS can_view FROM persons p WHERE p.id = \(bind: id.db)"
            ).first()
        else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
        return try Self.summary(row)
    }

    func requireChild(_ id: UUID, on db: any SQLDatabase) async throws {
        let kind = try await db.raw("SELECT kind FROM persons WHERE id = \(bind: id.db)").first()?.string("kind")
        guard kind == "child" else {
            throw SafeholdError.invalid([FieldError("childId", "must be a child's record")])
        }
    }

    /// Raises a contact about `child` to children's services unless an episode is open or a contact
    /// already awaits the front door's decision; returns the new contact's id.
    func raiseContactIfNoneOpen(
        child: UUID, receivedAt: Date, source: ReferralSource, concern: String, actor: Actor, context: AuditContext,
        on db: any SQLDatabase
    ) async throws -> UUID? {
        let openEpisode = try await db.raw(
            "SELECT 1 AS x FROM episodes WHERE person_id = \(bind: child.db) AND closed_on IS NULL"
        ).first()
        let awaiting = try await db.raw(
            """
            SELECT 1 AS x FROM contact_children cc JOIN contacts c ON c.id = cc.contact_id
            WHERE cc.person_id = \(bind: child.db) AND c.decision IS NULL
            """
        ).first()
        guard openEpisode == nil, awaiting == nil else { return nil }
        let draft = try ContactDraft(
            receivedAt: min(receivedAt, clock.now()), source: source, referrerName: actor.displayName,
            referrerAgency: try await agencyName(actor.agencyId, on: db), childIds: [child],
            concern: String(concern.prefix(10_000))
        ).validated(now: clock.now())
        let contact = try await insertContact(draft, actor: actor, on: db)
        try await audit.append(
            [context.event(.create, "contact", entityId: contact.id, personId: child, detail: "raised by police")],
            on: db)
        return contact.id
    }

    func agencyName(_ id: UUID, on db: any SQLDatabase) async throws -> String? {
        try await db.raw("SELECT name FROM agencies WHERE id = \(bind: id.db)").first()?.string("name")
    }
}
