import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Links a person who poses a risk (an adult with a risk profile) to a child they live with, visit or have
    /// contact with: by the MAPPA coordinator, the police or the person's offender manager for any child they
    /// can find by name, or by children's social care who may change the child's record. A person linked to
    /// themselves, a child who is not a child, a person without a risk profile: 422 naming the field; a link
    /// already open between them: 409. The child's holders and the offender manager are told, and a strategy
    /// discussion decision falls due. Audited against the child and the person.
    public func linkToChild(_ draft: RiskLinkDraft, context: AuditContext) async throws -> RiskLink {
        let draft = try draft.validated(today: today)
        return try await act(
            on: .person(draft.childId), .findByName, "risk_link", writes: true, context: context
        ) { db, access in
            let manager = try await self.checkLinkParties(draft, access: access, on: db)
            if case .denied(let reason) = RiskLinkAccess.mayLink(
                access.actor, offenderManager: manager, mayChangeChild: access.may(.edit))
            {
                throw SafeholdError.forbidden(reason)
            }
            if try await self.openLink(person: draft.personId, child: draft.childId, on: db) != nil {
                throw SafeholdError.conflict("This person is already linked to this child: end that link first.")
            }
            let id = try await self.insertRiskLink(draft, origin: .recorded, access: access, on: db)
            return try await self.fetchRiskLinks(where: "l.id = \(bind: id.db)", actor: access.actor, on: db)[0]
        }
    }

    /// The person must be an adult with a risk profile whom the actor may find by name, the child a child.
    /// Returns the offender manager (a user) named on the person's profile.
    private func checkLinkParties(
        _ draft: RiskLinkDraft, access: RecordAccess, on db: any SQLDatabase
    ) async throws -> UUID? {
        var v = Validation()
        let kind = try await db.raw("SELECT kind FROM persons WHERE id = \(bind: draft.childId.db)").first()?
            .string("kind")
        if kind != PersonKind.child.rawValue && kind != PersonKind.unborn.rawValue {
            v.add("childId", "must be a child: a person who poses a risk is linked to children")
        }
        let row = try await db.raw(
            """
            SELECT p.kind, r.id AS profile, r.offender_manager_user_id FROM persons p
            LEFT JOIN risk_profiles r ON r.person_id = p.id WHERE p.id = \(bind: draft.personId.db)
            """
        ).first()
        let personFacts = row == nil ? nil : try await facts(draft.personId, on: db)
        let findable = personFacts.map { policy.decide(access.actor, .findByName, $0).isAllowed } ?? false
        if !findable {
            v.add("personId", "is not a person known to Safehold")
        } else if try row?.string("kind") != PersonKind.adult.rawValue {
            v.add("personId", "must be an adult with a risk profile")
        } else if try row?.optionalUUID("profile") == nil {
            v.add("personId", "has no risk profile: only a person who poses a risk is linked to children this way")
        }
        try v.check()
        return try row?.optionalUUID("offender_manager_user_id")
    }

    /// The open link between a person and a child, if any.
    func openLink(person: UUID, child: UUID, on db: any SQLDatabase) async throws -> UUID? {
        try await db.raw(
            """
            SELECT id FROM risk_links WHERE person_id = \(bind: person.db) AND child_id = \(bind: child.db)
            AND ended_on IS NULL
            """
        ).first()?.uuid("id")
    }

    /// Writes a link inside the caller's transaction, audits it against the child and the person, and (for a
    /// link still open) tells the child's holders and the person's offender manager that a strategy
    /// discussion decision is due. The holders' text never names the person: they may not see the profile.
    func insertRiskLink(
        _ draft: RiskLinkDraft, origin: RiskLinkOrigin, access: RecordAccess, on db: any SQLDatabase
    ) async throws -> UUID {
        let id = ids.next()
        let due = RiskLinkDraft.strategyDecisionDue(madeOn: today, ruleset: ruleset)
        let actor = access.actor
        try await db.raw(
            """
            INSERT INTO risk_links (id, person_id, child_id, nature, started_on, ended_on, note, origin, created_by,
                created_by_name, created_at, strategy_due_on, version)
            VALUES (\(bind: id.db), \(bind: draft.personId.db), \(bind: draft.childId.db),
                \(bind: draft.nature.rawValue), \(bind: draft.startedOn.description),
                \(bind: draft.endedOn?.description), \(bind: draft.note), \(bind: origin.rawValue),
                \(bind: actor.userId.db), \(bind: actor.displayName), \(bind: nowText), \(bind: due.description), 1)
            """
        ).run()
        for person in [draft.childId, draft.personId] {
            access.audit(
                access.context.event(
                    .create, "risk_link", entityId: id, personId: person,
                    detail: "\(draft.nature.rawValue), \(origin.rawValue), strategy decision due \(due)"))
        }
        guard draft.endedOn == nil else { return id }
        let names = try await db.raw(
            """
            SELECT c.given_name AS cg, c.family_name AS cf, a.given_name AS ag, a.family_name AS af,
                r.offender_manager_user_id AS om
            FROM persons c, persons a LEFT JOIN risk_profiles r ON r.person_id = a.id
            WHERE c.id = \(bind: draft.childId.db) AND a.id = \(bind: draft.personId.db)
            """
        ).first()
        func name(_ given: String, _ family: String) throws -> String {
            try [names?.optionalString(given), names?.optionalString(family)].compactMap { $0 }.joined(separator: " ")
        }
        let child = try name("cg", "cf"), adult = try name("ag", "af")
        let how = origin == .addressChange ? " after a change of address" : ""
        try await notifyHolders(
            of: draft.childId, .due,
            "A person who may pose a risk to children has been linked to \(child) (\(draft.nature.label.lowercased()))"
                + "\(how). Decide by \(due.display) whether to hold a strategy discussion.", on: db)
        if let manager = try names?.optionalUUID("om"), manager != actor.userId {
            try await notify(
                [manager], .due, about: draft.childId,
                "\(adult) has been linked to a child, \(child) (\(draft.nature.label.lowercased()))\(how). "
                    + "Children's social care decide by \(due.display) whether to hold a strategy discussion.",
                on: db)
        }
        return id
    }
}
