import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// A partner raises a concern. Children found by name are checked (a child the raiser may find);
    /// when every child is known the concern becomes a contact at once, so the front door's decision
    /// falls due a working day later; a described child waits for the front door to identify them.
    public func raiseConcern(_ draft: PartnerConcernDraft, context: AuditContext) async throws -> PartnerConcern {
        let actor = try await admitPartnerRequest(context, entity: "partner_concern")
        let draft = try draft.validated(today: today)
        let id = ids.next()
        try await database.transaction { db in
            try await self.checkFindableChildren(draft.childIds, field: "childIds", actor: actor, on: db)
            let agency = try await self.agencyOf(actor, on: db)
            try await db.raw(
                """
                INSERT INTO partner_concerns (id, raised_by, raised_by_name, agency_name, raised_at, seen_or_heard,
                    childs_words, action_taken, parents_aware, parents_not_aware_reason, version)
                VALUES (\(bind: id.db), \(bind: actor.userId.db), \(bind: actor.displayName), \(bind: agency.name),
                    \(bind: self.nowText), \(bind: draft.seenOrHeard), \(bind: draft.childsWords.nonBlank),
                    \(bind: draft.actionTaken.nonBlank), \(bind: draft.parentsAware == true ? 1 : 0),
                    \(bind: draft.parentsNotAwareReason.nonBlank), 1)
                """
            ).run()
            for (position, child) in draft.childIds.enumerated() {
                try await db.raw(
                    """
                    INSERT INTO partner_concern_children (concern_id, position, person_id)
                    VALUES (\(bind: id.db), \(bind: position), \(bind: child.db))
                    """
                ).run()
            }
            for (offset, child) in draft.describedChildren.enumerated() {
                try await db.raw(
                    """
                    INSERT INTO partner_concern_children (concern_id, position, described_name, date_of_birth,
                        address, school, gp)
                    VALUES (\(bind: id.db), \(bind: draft.childIds.count + offset), \(bind: child.name),
                        \(bind: child.dateOfBirth?.description), \(bind: child.address.nonBlank),
                        \(bind: child.school.nonBlank), \(bind: child.gp.nonBlank))
                    """
                ).run()
            }
            try await self.audit.append(
                context.events(
                    .create, "partner_concern", entityId: id, against: draft.childIds,
                    detail: draft.describedChildren.isEmpty ? nil : "children to identify"), on: db)
            if draft.describedChildren.isEmpty {
                try await self.concernBecomesContact(id, childIds: draft.childIds, context: context, on: db)
            }
        }
        return try await partnerConcern(id, context: context)
    }

    /// The front door names the record of each child the raiser described (in order), and the concern
    /// becomes a contact dated when the partner raised it. A stale version or a concern already a
    /// contact is a conflict.
    public func identifyChildren(
        ofConcern id: UUID, _ childIds: [UUID], expectedVersion: Int, context: AuditContext
    ) async throws -> PartnerConcern {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        if case .denied(let reason) = policy.mayAnswerPartnerRequests(actor) {
            let children = try await database.withConnection { db in
                try await db.raw(
                    """
                    SELECT person_id FROM partner_concern_children
                    WHERE concern_id = \(bind: id.db) AND person_id IS NOT NULL
                    """
                ).all().map { try $0.uuid("person_id") }
            }
            try await audit.recordReads(
                context.events(.denied, "partner_concern", entityId: id, against: children, detail: reason))
            throw SafeholdError.forbidden(reason)
        }
        var v = Validation()
        v.version("version", expectedVersion)
        if Set(childIds).count != childIds.count { v.add("childIds", "names one record for two children") }
        try v.check()
        try await database.transaction { db in
            guard
                let row = try await db.raw(
                    "SELECT version, contact_id FROM partner_concerns WHERE id = \(bind: id.db)"
                ).first()
            else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
            if try row.optionalUUID("contact_id") != nil {
                throw SafeholdError.conflict("Every child on this concern is already identified: it is a contact now.")
            }
            guard try row.int("version") == expectedVersion else {
                throw SafeholdError.conflict("Someone else changed this concern after you opened it. Reload it.")
            }
            let open = try await db.raw(
                """
                SELECT position FROM partner_concern_children
                WHERE concern_id = \(bind: id.db) AND person_id IS NULL ORDER BY position
                """
            ).all().map { try $0.int("position") }
            guard childIds.count == open.count else {
                throw SafeholdError.invalid([
                    FieldError("childIds", "name a record for each of the \(open.count) children described")
                ])
            }
            try await self.checkFindableChildren(childIds, field: "childIds", actor: actor, on: db)
            let known = try await db.raw(
                """
                SELECT person_id FROM partner_concern_children
                WHERE concern_id = \(bind: id.db) AND person_id IS NOT NULL
                """
            ).all().map { try $0.uuid("person_id") }
            if let twice = childIds.first(where: known.contains) {
                throw SafeholdError.invalid([FieldError("childIds", "\(twice) is already on this concern")])
            }
            for (position, child) in zip(open, childIds) {
                try await db.raw(
                    """
                    UPDATE partner_concern_children SET person_id = \(bind: child.db)
                    WHERE concern_id = \(bind: id.db) AND position = \(bind: position)
                    """
                ).run()
            }
            try await db.raw("UPDATE partner_concerns SET version = version + 1 WHERE id = \(bind: id.db)").run()
            try await self.audit.append(
                childIds.map {
                    context.event(.update, "partner_concern", entityId: id, personId: $0, detail: "child identified")
                }, on: db)
            try await self.concernBecomesContact(id, childIds: known + childIds, context: context, on: db)
        }
        return try await partnerConcern(id, context: context)
    }

    /// Records the contact a concern becomes, as raised by the partner (so they never decide it) and
    /// received when they raised it.
    func concernBecomesContact(
        _ id: UUID, childIds: [UUID], context: AuditContext, on db: any SQLDatabase
    ) async throws {
        guard
            let row = try await db.raw(
                """
                SELECT c.*, u.role, u.agency_id, u.team_id, a.kind AS agency_kind FROM partner_concerns c
                JOIN users u ON u.id = c.raised_by JOIN agencies a ON a.id = u.agency_id
                WHERE c.id = \(bind: id.db)
                """
            ).first()
        else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
        let draft = PartnerConcernDraft(
            childIds: childIds, describedChildren: [], seenOrHeard: try row.string("seen_or_heard"),
            childsWords: try row.optionalString("childs_words"), actionTaken: try row.optionalString("action_taken"),
            parentsAware: try row.flag("parents_aware"),
            parentsNotAwareReason: try row.optionalString("parents_not_aware_reason"))
        let raiser = Actor(
            userId: try row.uuid("raised_by"), role: try row.code("role", as: Role.self),
            agencyId: try row.uuid("agency_id"), teamId: try row.optionalUUID("team_id"),
            displayName: try row.string("raised_by_name"))
        let contact = try await insertContact(
            ContactDraft(
                receivedAt: try row.timestamp("raised_at"),
                source: .raisedBy(try row.code("agency_kind", as: Agency.Kind.self)),
                referrerName: raiser.displayName, referrerAgency: try row.string("agency_name"),
                childIds: childIds, concern: String(draft.contactText.prefix(10_000))),
            actor: raiser, on: db)
        try await db.raw(
            "UPDATE partner_concerns SET contact_id = \(bind: contact.id.db) WHERE id = \(bind: id.db)"
        ).run()
        try await audit.append(
            childIds.map {
                context.event(
                    .create, "contact", entityId: contact.id, personId: $0, detail: "from a partner's concern")
            }, on: db)
    }

    /// When the front door decides a contact a partner raised, the partner is told what it chose to say.
    func tellPartnerOfDecision(contact: Contact, triage: Triage, on db: any SQLDatabase) async throws {
        guard
            let row = try await db.raw(
                "SELECT raised_by, raised_at FROM partner_concerns WHERE contact_id = \(bind: contact.id.db)"
            ).first()
        else { return }
        let raisedOn = ruleset.display(try row.timestamp("raised_at"))
        let text =
            triage.referrerFeedback.map { "The front door has decided on the concern you raised (\(raisedOn)): \($0)" }
            ?? "The front door has decided on the concern you raised (\(raisedOn))."
        try await notify([try row.uuid("raised_by")], .concernDecided, about: contact.childIds.first, text, on: db)
    }

    /// Refuses a child who is not a child Safehold knows and the actor may find by name (the same
    /// answer either way, so a name cannot be probed).
    func checkFindableChildren(
        _ childIds: [UUID], field: String, actor: Actor, on db: any SQLDatabase
    ) async throws {
        for child in childIds {
            guard
                let row = try await db.raw("SELECT kind FROM persons WHERE id = \(bind: child.db)").first(),
                ["child", "unborn"].contains(try row.string("kind")),
                case .allowed = policy.decide(actor, .findByName, try await facts(child, on: db))
            else {
                throw SafeholdError.invalid([FieldError(field, "\(child) is not a child known to Safehold")])
            }
        }
    }

    func agencyOf(_ actor: Actor, on db: any SQLDatabase) async throws -> (name: String, kind: Agency.Kind) {
        guard
            let row = try await db.raw("SELECT name, kind FROM agencies WHERE id = \(bind: actor.agencyId.db)").first()
        else { throw SafeholdError.notFound("Your agency is not known to Safehold.") }
        return (try row.string("name"), try row.code("kind", as: Agency.Kind.self))
    }

    /// The signed-in partner, or a refusal (audited) for any other role.
    func admitPartnerRequest(_ context: AuditContext, entity: String) async throws -> Actor {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        if case .denied(let reason) = policy.mayRaisePartnerRequests(actor) {
            try await audit.recordReads([context.event(.denied, entity, detail: reason)])
            throw SafeholdError.forbidden(reason)
        }
        return actor
    }
}
