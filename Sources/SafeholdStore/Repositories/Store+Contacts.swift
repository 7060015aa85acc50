import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Records a contact about one or more known children; the decision falls due a working day later.
    public func recordContact(
        _ draft: ContactDraft, ruleset: Ruleset = .england2025, context: AuditContext
    ) async throws -> Contact {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard actor.role.createsRecords else {
            throw SafeholdError.forbidden("Your role (\(actor.role.label)) does not record contacts.")
        }
        let draft = try draft.validated(now: clock.now())
        let contact = Contact(
            id: ids.next(), receivedAt: draft.receivedAt, source: draft.source, referrerName: draft.referrerName,
            referrerAgency: draft.referrerAgency, childIds: draft.childIds, concern: draft.concern,
            triage: nil, version: 1)
        return try await database.transaction { db in
            for child in draft.childIds {
                guard
                    let row = try await db.raw("SELECT kind, restricted FROM persons WHERE id = \(bind: child.db)")
                        .first(),
                    ["child", "unborn"].contains(try row.string("kind"))
                else {
                    throw SafeholdError.invalid([FieldError("childIds", "\(child) is not a child known to Safehold")])
                }
                let facts = try await self.facts(child, on: db)
                if case .denied = self.policy.decide(actor, .findByName, facts) {
                    throw SafeholdError.invalid([FieldError("childIds", "\(child) is not a child known to Safehold")])
                }
            }
            _ = try await self.insertContact(draft, actor: actor, id: contact.id, ruleset: ruleset, on: db)
            try await self.audit.append(
                draft.childIds.map {
                    context.event(
                        .create, "contact", entityId: contact.id, personId: $0,
                        detail: "source \(contact.source.rawValue)")
                }, on: db)
            return contact
        }
    }

    /// Records the front door's decision through `act` on the contact (every child on it). Nobody
    /// decides a contact they recorded. The decision ends the front door's access: allocations held
    /// by front-door workers or their team end, and the front door no longer sees a child once no
    /// contact about them awaits a decision. An assessment, strategy discussion or immediate
    /// protection opens an episode of need for each child (refused if a child already has one open),
    /// allocated to `allocateTo` when given; a child no team would then hold is refused (422).
    public func triage(
        _ contactId: UUID, _ draft: TriageDraft, expectedVersion: Int, context: AuditContext
    ) async throws -> Contact {
        let draft = try draft.validated(today: today)
        var v = Validation()
        v.version("version", expectedVersion)
        try v.check()
        return try await act(on: .contact(contactId), .edit, "contact", context: context) { db, access in
            let actor = access.actor
            guard actor.role == .frontDoor || actor.role == .teamManager else {
                throw SafeholdError.forbidden("Only the front door and team managers decide on contacts.")
            }
            guard var contact = try await self.fetchContact(contactId, on: db) else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            if try await self.recorder(of: contactId, on: db) == actor.userId {
                throw SafeholdError.forbidden(
                    "You recorded this contact, so someone else must decide on it: "
                        + "every decision has a second pair of eyes."
                )
            }
            if contact.triage != nil {
                throw SafeholdError.conflict("A decision has already been made on this contact.")
            }
            guard contact.version == expectedVersion else {
                throw SafeholdError.conflict(
                    "Someone else changed this contact after you opened it. Reload it and decide again.")
            }
            if let told = draft.referrerInformedOn, told < contact.receivedOn(self.ruleset) {
                throw SafeholdError.invalid([FieldError("referrerInformedOn", "is before the contact was received")])
            }
            if contact.isAnonymous && draft.referrerInformedOn != nil {
                let field = draft.referrerFeedback == nil ? "referrerInformedOn" : "referrerFeedback"
                throw SafeholdError.invalid([FieldError(field, "an anonymous referrer cannot be told")])
            }
            let triage = Triage(
                decision: draft.decision, reason: draft.reason, urgency: draft.urgency, decidedAt: self.clock.now(),
                decidedBy: context.actorName, referrerInformedOn: draft.referrerInformedOn,
                referrerFeedback: draft.referrerFeedback)
            let decidedAt = Timestamp.string(triage.decidedAt)
            let referrerInformedOn = triage.referrerInformedOn?.description
            let updated = try await db.raw(
                """
                UPDATE contacts \
                SET decision = \(bind: triage.decision.rawValue), decision_reason = \(bind: triage.reason),
                    urgency = \(bind: triage.urgency.rawValue), decided_at = \(bind: decidedAt),
                    decided_by = \(bind: triage.decidedBy), referrer_informed_on = \(bind: referrerInformedOn),
                    referrer_feedback = \(bind: triage.referrerFeedback), version = version + 1
                WHERE id = \(bind: contactId.db) AND version = \(bind: expectedVersion) AND decision IS NULL \
                RETURNING id
                """
            ).all()
            guard updated.count == 1 else {
                throw SafeholdError.conflict("Someone else decided on this contact first. Reload it.")
            }
            access.audit(.update, "contact", detail: "decision \(triage.decision.rawValue)")
            try await self.tellPartnerOfDecision(contact: contact, triage: triage, on: db)
            if let team = draft.allocateTo { try await self.checkHoldingTeam(team, on: db) }
            for child in contact.childIds {
                try await self.endFrontDoorAllocations(of: child, on: db)
                if triage.decision.opensEpisode {
                    let episode = try await self.openEpisode(
                        child: child, contact: contact, team: draft.allocateTo, on: db)
                    access.audit(context.event(.create, "episode", entityId: episode, personId: child))
                    if let team = draft.allocateTo {
                        access.audit(
                            context.event(
                                .allocate, "allocation", entityId: team, personId: child,
                                detail: "team holds the case"))
                    }
                }
            }
            contact.triage = triage
            contact.version += 1
            return contact
        }
    }

    func recorder(of contactId: UUID, on db: any SQLDatabase) async throws -> UUID? {
        try await db.raw("SELECT recorded_by FROM contacts WHERE id = \(bind: contactId.db)").first()?.optionalUUID(
            "recorded_by")
    }

    /// Ends any allocation of `child` to a front-door worker or to a team with front-door workers:
    /// the front door's part ends with its decision.
    func endFrontDoorAllocations(of child: UUID, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE allocations SET ended_at = \(bind: nowText)
            WHERE person_id = \(bind: child.db) AND ended_at IS NULL
              AND (worker_id IN (SELECT id FROM users WHERE role = 'front_door')
                   OR team_id IN (SELECT team_id FROM users WHERE role = 'front_door' AND team_id IS NOT NULL))
            """
        ).run()
    }

    /// A team may hold a case passed on by the front door only if it exists and has no front-door workers.
    func checkHoldingTeam(_ team: UUID, on db: any SQLDatabase) async throws {
        guard try await db.raw("SELECT id FROM teams WHERE id = \(bind: team.db)").first() != nil else {
            throw SafeholdError.invalid([FieldError("allocateTo", "there is no team with that id")])
        }
        let door = try await db.raw(
            """
            SELECT 1 AS x FROM users WHERE team_id = \(bind: team.db) AND role = 'front_door'
            """
        ).first()
        if door != nil {
            throw SafeholdError.invalid([
                FieldError("allocateTo", "choose a team that will work with the family, not the front door")
            ])
        }
    }

    /// Opens an episode for `child`, allocating the child to `team` when given (and not already held
    /// by it); a child no team would hold is refused, so no open episode is left without a holder.
    func openEpisode(child: UUID, contact: Contact, team: UUID?, on db: any SQLDatabase) async throws -> UUID {
        if try await db.raw("SELECT id FROM episodes WHERE person_id = \(bind: child.db) AND closed_on IS NULL").first()
            != nil
        {
            throw SafeholdError.conflict(
                "A child on this contact already has an open episode of need. "
                    + "Record the work on that episode, or close it first."
            )
        }
        let id = ids.next()
        let referralDate = contact.receivedOn(ruleset).description
        try await db.raw(
            """
            INSERT INTO episodes (id, person_id, contact_id, referral_date, referral_source, version, created_at)
            VALUES (\(bind: id.db), \(bind: child.db), \(bind: contact.id.db), \(bind: referralDate),
                \(bind: contact.source.rawValue), 1, \(bind: nowText))
            """
        ).run()
        if let team {
            let held = try await db.raw(
                """
                SELECT 1 AS x FROM allocations \
                WHERE person_id = \(bind: child.db) AND team_id = \(bind: team.db) AND ended_at IS NULL
                """
            ).first()
            if held == nil {
                try await db.raw(
                    """
                    INSERT INTO allocations (id, person_id, team_id, worker_id, started_at)
                    VALUES (\(bind: ids.next().db), \(bind: child.db), \(bind: team.db), NULL, \(bind: nowText))
                    """
                ).run()
            }
        }
        let allocated = try await db.raw(
            "SELECT 1 AS x FROM allocations WHERE person_id = \(bind: child.db) AND ended_at IS NULL"
        ).first()
        if allocated == nil {
            throw SafeholdError.invalid([
                FieldError(
                    "allocateTo", "choose the team that will hold the case: no team holds a child on this contact")
            ])
        }
        // The assessment falls due from the referral date: on the due lists before any step is recorded.
        try await refreshDue(
            id, child: child, referral: contact.receivedOn(ruleset), steps: [], ruleset: ruleset, on: db)
        return id
    }

    /// Contacts still waiting for a decision, oldest due first: only those where the actor may see
    /// every child (the rule of the contact page), each child audited.
    public func contactsAwaitingDecision(context: AuditContext, limit: Int = 200) async throws -> [Contact] {
        try await list("contacts", context: context, people: { $0.childIds }) { db, scope -> [Contact] in
            let ids = try await db.raw(
                """
                SELECT c.id FROM contacts c
                WHERE c.decision IS NULL
                  AND NOT EXISTS (SELECT 1 FROM contact_children cc WHERE cc.contact_id = c.id
                                  AND NOT \(scope.viewable("cc.person_id")))
                ORDER BY c.decision_due, c.id LIMIT \(literal: limit)
                """
            ).all().map { try $0.uuid("id") }
            return try await self.fetchContacts(ids, on: db)
        }
    }

    /// One contact, for someone who may see every child it concerns (a read through `act`).
    public func contact(_ id: UUID, context: AuditContext) async throws -> Contact {
        try await act(on: .contact(id), .view, "contact", context: context) { db, _ in
            guard let contact = try await self.fetchContact(id, on: db) else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            return contact
        }
    }

    func fetchContact(_ id: UUID, on db: any SQLDatabase) async throws -> Contact? {
        try await fetchContacts([id], on: db).first
    }

    /// Contacts by id in two queries (the contacts, then their children), in the order asked.
    func fetchContacts(_ ids: [UUID], on db: any SQLDatabase) async throws -> [Contact] {
        guard !ids.isEmpty else { return [] }
        let keys = ids.map(\.db)
        var children: [UUID: [UUID]] = [:]
        for row in try await db.raw(
            """
            SELECT contact_id, person_id FROM contact_children WHERE contact_id IN (\(binds: keys)) ORDER BY person_id
            """
        ).all() {
            children[try row.uuid("contact_id"), default: []].append(try row.uuid("person_id"))
        }
        var byId: [UUID: Contact] = [:]
        for row in try await db.raw("SELECT * FROM contacts WHERE id IN (\(binds: keys))").all() {
            let id = try row.uuid("id")
            byId[id] = try Self.contact(row, children: children[id] ?? [])
        }
        return ids.compactMap { byId[$0] }
    }

    static func contact(_ row: any SQLRow, children: [UUID]) throws -> Contact {
        var triage: Triage?
        if let decision = try row.optionalCode("decision", as: TriageDecision.self) {
            triage = Triage(
                decision: decision, reason: try row.string("decision_reason"),
                urgency: try row.code("urgency", as: Urgency.self),
                decidedAt: try row.timestamp("decided_at"), decidedBy: try row.string("decided_by"),
                referrerInformedOn: try row.optionalDate("referrer_informed_on"),
                referrerFeedback: try row.optionalString("referrer_feedback"))
        }
        return Contact(
            id: try row.uuid("id"), receivedAt: try row.timestamp("received_at"),
            source: try row.code("source", as: ReferralSource.self),
            referrerName: try row.optionalString("referrer_name"),
            referrerAgency: try row.optionalString("referrer_agency"),
            childIds: children, concern: try row.string("concern"), triage: triage, version: try row.int("version"))
    }

    /// Inserts a validated contact and its children (no checks, no audit: the caller does both).
    func insertContact(
        _ draft: ContactDraft, actor: Actor, id: UUID? = nil, ruleset: Ruleset = .england2025, on db: any SQLDatabase
    ) async throws -> Contact {
        let contact = Contact(
            id: id ?? ids.next(), receivedAt: draft.receivedAt, source: draft.source, referrerName: draft.referrerName,
            referrerAgency: draft.referrerAgency, childIds: draft.childIds, concern: draft.concern,
            triage: nil, version: 1)
        let receivedAt = Timestamp.string(contact.receivedAt)
        let receivedOn = contact.receivedOn(ruleset).description
        let decisionDue = contact.decisionDue(ruleset).description
        try await db.raw(
            """
            INSERT INTO contacts \
            (id, received_at, received_on, source, referrer_name, referrer_agency, concern, decision_due,
                version, recorded_by, created_at)
            VALUES (\(bind: contact.id.db), \(bind: receivedAt), \(bind: receivedOn),
                \(bind: contact.source.rawValue), \(bind: contact.referrerName), \(bind: contact.referrerAgency),
                \(bind: contact.concern), \(bind: decisionDue), 1, \(bind: actor.userId.db),
                \(bind: nowText))
            """
        ).run()
        for child in draft.childIds {
            try await db.raw(
                """
                INSERT INTO contact_children (contact_id, person_id) \
                VALUES (\(bind: contact.id.db), \(bind: child.db))
                """
            ).run()
        }
        return contact
    }
}
