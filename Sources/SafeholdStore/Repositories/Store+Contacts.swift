import Foundation
import SafeholdCore
import SQLKit

/// The front door's decision as submitted, before it is checked.
public struct TriageDraft: Sendable {
    public var decision: TriageDecision
    public var reason: String
    public var urgency: Urgency
    public var referrerInformedOn: LocalDate?

    public init(decision: TriageDecision, reason: String, urgency: Urgency, referrerInformedOn: LocalDate?) {
        self.decision = decision
        self.reason = reason
        self.urgency = urgency
        self.referrerInformedOn = referrerInformedOn
    }
}

extension Store {
    /// Records a contact about one or more known children; the decision falls due a working day later.
    public func recordContact(_ draft: ContactDraft, ruleset: Ruleset = .england2025, context: AuditContext) async throws -> Contact {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard actor.role.createsRecords else {
            throw SafeholdError.forbidden("Your role (\(actor.role.label)) does not record contacts.")
        }
        let draft = try draft.validated(now: clock.now())
        let contact = Contact(id: ids.next(), receivedAt: draft.receivedAt, source: draft.source, referrerName: draft.referrerName,
                              referrerAgency: draft.referrerAgency, childIds: draft.childIds, concern: draft.concern,
                              triage: nil, version: 1)
        return try await write(context, refusal: context.event(.denied, "contact")) { db in
            for child in draft.childIds {
                guard let row = try await db.raw("SELECT kind, restricted FROM persons WHERE id = \(bind: child.db)").first(),
                      ["child", "unborn"].contains(try row.string("kind")) else {
                    throw SafeholdError.invalid([FieldError("childIds", "\(child) is not a child known to Safehold")])
                }
                let facts = try await self.facts(child, on: db)
                if case .denied = self.policy.decide(actor, .findByName, facts) {
                    throw SafeholdError.invalid([FieldError("childIds", "\(child) is not a child known to Safehold")])
                }
            }
            try await db.raw("""
                INSERT INTO contacts (id, received_at, received_on, source, referrer_name, referrer_agency, concern, decision_due,
                    version, recorded_by, created_at)
                VALUES (\(bind: contact.id.db), \(bind: Timestamp.string(contact.receivedAt)), \(bind: contact.receivedOn.description),
                    \(bind: contact.source.rawValue), \(bind: contact.referrerName), \(bind: contact.referrerAgency),
                    \(bind: contact.concern), \(bind: contact.decisionDue(ruleset).description), 1, \(bind: actor.userId.db),
                    \(bind: self.nowText))
                """).run()
            for child in draft.childIds {
                try await db.raw("INSERT INTO contact_children (contact_id, person_id) VALUES (\(bind: contact.id.db), \(bind: child.db))").run()
            }
            try await self.audit.append(draft.childIds.map {
                context.event(.create, "contact", entityId: contact.id, personId: $0, detail: "source \(contact.source.rawValue)")
            }, on: db)
            return contact
        }
    }

    /// Records the front door's decision; an assessment, strategy discussion or immediate protection
    /// opens an episode of need for each child (refused if a child already has one open).
    public func triage(_ contactId: UUID, _ draft: TriageDraft, expectedVersion: Int, context: AuditContext) async throws -> Contact {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard actor.role == .frontDoor || actor.role == .teamManager else {
            throw SafeholdError.forbidden("Only the front door and team managers decide on contacts.")
        }
        var v = Validation()
        v.text("reason", draft.reason, required: true, max: 4000)
        if let told = draft.referrerInformedOn, told > today { v.add("referrerInformedOn", "cannot be in the future") }
        try v.check()
        return try await write(context, refusal: context.event(.denied, "contact", entityId: contactId)) { db in
            guard var contact = try await self.fetchContact(contactId, on: db) else {
                throw SafeholdError.notFound("There is no contact with that id.")
            }
            if contact.triage != nil { throw SafeholdError.conflict("A decision has already been made on this contact.") }
            for child in contact.childIds {
                if case .denied(let reason) = self.policy.decide(actor, .edit, try await self.facts(child, on: db)) {
                    throw SafeholdError.forbidden(reason)
                }
            }
            guard contact.version == expectedVersion else {
                throw SafeholdError.conflict("Someone else changed this contact after you opened it. Reload it and decide again.")
            }
            if let told = draft.referrerInformedOn, told < contact.receivedOn {
                throw SafeholdError.invalid([FieldError("referrerInformedOn", "is before the contact was received")])
            }
            if contact.isAnonymous && draft.referrerInformedOn != nil {
                throw SafeholdError.invalid([FieldError("referrerInformedOn", "an anonymous referrer cannot be told")])
            }
            let triage = Triage(decision: draft.decision, reason: draft.reason, urgency: draft.urgency, decidedAt: self.clock.now(),
                                decidedBy: context.actorName, referrerInformedOn: draft.referrerInformedOn)
            let updated = try await db.raw("""
                UPDATE contacts SET decision = \(bind: triage.decision.rawValue), decision_reason = \(bind: triage.reason),
                    urgency = \(bind: triage.urgency.rawValue), decided_at = \(bind: Timestamp.string(triage.decidedAt)),
                    decided_by = \(bind: triage.decidedBy), referrer_informed_on = \(bind: triage.referrerInformedOn?.description),
                    version = version + 1
                WHERE id = \(bind: contactId.db) AND version = \(bind: expectedVersion) AND decision IS NULL RETURNING id
                """).all()
            guard updated.count == 1 else { throw SafeholdError.conflict("Someone else decided on this contact first. Reload it.") }
            var events = contact.childIds.map {
                context.event(.update, "contact", entityId: contactId, personId: $0, detail: "decision \(triage.decision.rawValue)")
            }
            if triage.decision.opensEpisode {
                for child in contact.childIds {
                    let episode = try await self.openEpisode(child: child, contact: contact, actor: actor, on: db)
                    events.append(context.event(.create, "episode", entityId: episode, personId: child))
                }
            }
            try await self.audit.append(events, on: db)
            contact.triage = triage
            contact.version += 1
            return contact
        }
    }

    func openEpisode(child: UUID, contact: Contact, actor: Actor, on db: any SQLDatabase) async throws -> UUID {
        if try await db.raw("SELECT id FROM episodes WHERE person_id = \(bind: child.db) AND closed_on IS NULL").first() != nil {
            throw SafeholdError.conflict("A child on this contact already has an open episode of need. Record the work on that episode, or close it first.")
        }
        let id = ids.next()
        try await db.raw("""
            INSERT INTO episodes (id, person_id, contact_id, referral_date, referral_source, version, created_at)
            VALUES (\(bind: id.db), \(bind: child.db), \(bind: contact.id.db), \(bind: contact.receivedOn.description),
                \(bind: contact.source.rawValue), 1, \(bind: nowText))
            """).run()
        let allocated = try await db.raw("SELECT 1 AS x FROM allocations WHERE person_id = \(bind: child.db) AND ended_at IS NULL").first()
        if allocated == nil, let team = actor.teamId {
            try await db.raw("""
                INSERT INTO allocations (id, person_id, team_id, worker_id, started_at)
                VALUES (\(bind: ids.next().db), \(bind: child.db), \(bind: team.db), NULL, \(bind: nowText))
                """).run()
        }
        return id
    }

    /// Contacts still waiting for a decision, oldest due first, that the actor may work on.
    public func contactsAwaitingDecision(context: AuditContext, limit: Int = 200) async throws -> [Contact] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let view = AccessSQL.predicate(policy.scope(for: actor, .view), now: clock.now())
        return try await database.withConnection { db in
            let ids = try await db.raw("""
                SELECT DISTINCT c.id, c.decision_due FROM contacts c JOIN contact_children cc ON cc.contact_id = c.id
                JOIN persons p ON p.id = cc.person_id
                WHERE c.decision IS NULL AND \(view) ORDER BY c.decision_due LIMIT \(literal: limit)
                """).all().map { try $0.uuid("id") }
            return try await self.fetchContacts(ids, on: db)
        }
    }

    /// One contact, for someone who may see each child it concerns.
    public func contact(_ id: UUID, context: AuditContext) async throws -> Contact {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let (contact, allowed) = try await database.withConnection { db -> (Contact?, Bool) in
            guard let contact = try await self.fetchContact(id, on: db) else { return (nil, false) }
            for child in contact.childIds where !self.policy.decide(actor, .view, try await self.facts(child, on: db)).isAllowed {
                return (contact, false)
            }
            return (contact, true)
        }
        guard let contact else { throw SafeholdError.notFound("There is no contact with that id.") }
        guard allowed else {
            try await audit.record([context.event(.denied, "contact", entityId: id)])
            throw SafeholdError.forbidden("You have no working relationship with every child on this contact.")
        }
        try await audit.recordRead(context.event(.read, "contact", entityId: id, personId: contact.childIds.first))
        return contact
    }

    func fetchContact(_ id: UUID, on db: any SQLDatabase) async throws -> Contact? {
        try await fetchContacts([id], on: db).first
    }

    /// Contacts by id in two queries (the contacts, then their children), in the order asked.
    func fetchContacts(_ ids: [UUID], on db: any SQLDatabase) async throws -> [Contact] {
        guard !ids.isEmpty else { return [] }
        let keys = ids.map(\.db)
        var children: [UUID: [UUID]] = [:]
        for row in try await db.raw("""
            SELECT contact_id, person_id FROM contact_children WHERE contact_id IN (\(binds: keys)) ORDER BY person_id
            """).all() {
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
        if let decision = try row.optionalString("decision").flatMap(TriageDecision.init(rawValue:)) {
            triage = Triage(decision: decision, reason: try row.string("decision_reason"),
                            urgency: Urgency(rawValue: try row.string("urgency")) ?? .green,
                            decidedAt: try row.timestamp("decided_at"), decidedBy: try row.string("decided_by"),
                            referrerInformedOn: try row.optionalString("referrer_informed_on").flatMap(LocalDate.init(iso:)))
        }
        return Contact(id: try row.uuid("id"), receivedAt: try row.timestamp("received_at"),
                       source: ReferralSource(rawValue: try row.string("source")) ?? .unknown,
                       referrerName: try row.optionalString("referrer_name"), referrerAgency: try row.optionalString("referrer_agency"),
                       childIds: children, concern: try row.string("concern"), triage: triage, version: try row.int("version"))
    }
}
