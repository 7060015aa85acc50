import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Records a new allegation (the LADO service only). The subject is an adult record the LADO may find
    /// (or a new adult record, not allocated to anyone: the LADO service reaches it by rule); a child is
    /// refused (422). The children named must be children the LADO may find by name. The initial
    /// consideration falls due `ladoInitialConsideration` after the (UK) date of receipt. Audited against
    /// the subject and every child named.
    public func recordAllegation(_ draft: AllegationDraft, context: AuditContext) async throws -> Allegation {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        if case .denied(let reason) = policy.mayRecordAllegations(actor) {
            try await audit.record([context.event(.denied, "allegation", detail: reason)])
            throw SafeholdError.forbidden(reason)
        }
        let id = ids.next()
        return try await database.transaction { db in
            // Taking the case allocates it to this LADO officer: they need a current LADO accreditation.
            try await self.checkGate(
                .ladoCaseAllocation, worker: actor.userId, on: self.today, usedFor: "allegation \(id)",
                context: context, on: db)
            let subject = try await self.allegationSubject(draft.subject, actor: actor, on: db)
            if let user = draft.subjectUserId {
                guard try await db.raw("SELECT id FROM users WHERE id = \(bind: user.db)").first() != nil else {
                    throw SafeholdError.invalid([FieldError("subjectUserId", "there is no user with that id")])
                }
                if user == actor.userId {
                    throw SafeholdError.invalid([
                        FieldError("subjectUserId", "you cannot manage an allegation about yourself: ask another LADO")
                    ])
                }
            }
            for child in draft.childIds { try await self.checkAllegationChild(child, actor: actor, on: db) }
            let receivedOn = self.ruleset.date(of: draft.receivedAt)
            let due = self.ruleset.due(self.ruleset.risk.ladoInitialConsideration, from: receivedOn)
            let d = draft.details
            try await db.raw(
                """
                INSERT INTO allegations (id, subject_id, subject_user_id, source, referrer_name, referrer_organisation,
                    employer_name, sector, role, criteria, summary, received_at, received_on, consideration_due,
                    version, created_by, created_at)
                VALUES (\(bind: id.db), \(bind: subject.db), \(bind: draft.subjectUserId?.db),
                    \(bind: d.source.rawValue), \(bind: d.referrerName), \(bind: d.referrerOrganisation),
                    \(bind: d.employerName), \(bind: d.sector.rawValue), \(bind: d.role),
                    \(bind: d.criteria.map(\.rawValue).joined(separator: ",")), \(bind: d.summary),
                    \(bind: Timestamp.string(draft.receivedAt)), \(bind: receivedOn.description),
                    \(bind: due.description), 1, \(bind: actor.userId.db), \(bind: self.nowText))
                """
            ).run()
            for (position, child) in draft.childIds.enumerated() {
                try await self.insertAllegationChild(id, child, position: position, on: db)
            }
            try await self.audit.append(
                ([subject] + draft.childIds).map {
                    context.event(
                        .create, "allegation", entityId: id, personId: $0, detail: "sector \(d.sector.rawValue)")
                }, on: db)
            return try await self.loadAllegation(id, on: db)
        }
    }

    /// The subject's record: an adult or professional the actor may find, or a new adult record.
    private func allegationSubject(
        _ choice: AllegationSubjectChoice, actor: Actor, on db: any SQLDatabase
    ) async throws -> UUID {
        switch choice {
        case .existing(let id):
            let unknown = SafeholdError.invalid([FieldError("subjectId", "is not a person known to Safehold")])
            guard let person = try await fetchPerson(id, on: db) else { throw unknown }
            if case .denied = policy.decide(actor, .findByName, try await facts(id, on: db)) { throw unknown }
            if person.details.kind == .child || person.details.kind == .unborn
                || (person.details.dateOfBirth.map { $0.years(until: today) < 18 } ?? false)
            {
                throw SafeholdError.invalid([
                    FieldError(
                        "subjectId",
                        "is a child's record: an allegation is about an adult who works with children (a concern "
                            + "about a child's behaviour is a contact to the front door)")
                ])
            }
            return id
        case .new(let given, let family, let born):
            let details = try PersonDetails(kind: .adult, givenName: given, familyName: family, dateOfBirth: born)
                .validated(today: today)
            return try await insertPerson(details, actor: actor, team: .some(nil), worker: .some(nil), on: db).id
        }
    }

    /// A child an allegation may name: a child's (or unborn child's) record the actor may find by name.
    func checkAllegationChild(_ child: UUID, actor: Actor, on db: any SQLDatabase) async throws {
        let unknown = SafeholdError.invalid([FieldError("childIds", "\(child) is not a child known to Safehold")])
        guard
            let row = try await db.raw("SELECT kind FROM persons WHERE id = \(bind: child.db)").first(),
            ["child", "unborn"].contains(try row.string("kind"))
        else { throw unknown }
        if case .denied = policy.decide(actor, .findByName, try await facts(child, on: db)) { throw unknown }
    }

    func insertAllegationChild(_ id: UUID, _ child: UUID, position: Int, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO allegation_children (allegation_id, person_id, position)
            VALUES (\(bind: id.db), \(bind: child.db), \(bind: position))
            """
        ).run()
    }

    /// A step on an allegation through `act` (the LADO service, never the subject): a fresh version
    /// (stale → 409), then `body` with the case as it stands; the version moves on and the case is
    /// returned as it now is.
    func allegationWrite(
        _ id: UUID, expectedVersion: Int, context: AuditContext,
        _ body: @escaping @Sendable (any SQLDatabase, RecordAccess, Allegation) async throws -> Void
    ) async throws -> Allegation {
        var v = Validation()
        v.version("version", expectedVersion)
        try v.check()
        return try await act(on: .allegation(id), .edit, "allegation", context: context) { db, access in
            let allegation = try await self.loadAllegation(id, on: db)
            let bumped = try await db.raw(
                """
                UPDATE allegations SET version = version + 1 WHERE id = \(bind: id.db)
                AND version = \(bind: expectedVersion) RETURNING id
                """
            ).all()
            guard allegation.version == expectedVersion, bumped.count == 1 else {
                throw SafeholdError.conflict(
                    "Someone else changed this allegation after you opened the page. Reload it and check.")
            }
            try await body(db, access, allegation)
            return try await self.loadAllegation(id, on: db)
        }
    }
}
