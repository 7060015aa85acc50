import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Records a supervision session for `workerId` by their supervisor. The session and its reflective
    /// part stay in the worker's supervision record; each case discussion writes a management oversight
    /// entry (decision, actions with owners and due dates) onto its child's record through `act` (every
    /// child decided and audited, all in one transaction) and tells each action's owner. Anyone but the
    /// supervisor is refused (403, audited) and nothing is written.
    public func recordSupervision(
        for workerId: UUID, _ draft: SupervisionDraft, context: AuditContext
    ) async throws -> SupervisionSession {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let worker = try await supervisedWorker(workerId, actor: actor, context: context)
        if let refusal = WorkforceAccess.refusalToSupervise(actor, worker, rules: ruleset.workforce.supervision) {
            try await audit.record([
                context.event(.denied, "supervision_session", entityId: workerId, detail: refusal.message)
            ])
            throw refusal
        }
        try draft.validate(today: today)
        let sessionId = ids.next()
        let reflection = draft.reflection.trimmingCharacters(in: .whitespacesAndNewlines)
        let sessionEvent = context.event(
            .create, "supervision_session", entityId: sessionId,
            detail: "for \(worker.username): \(draft.caseDiscussions.count) case discussions, "
                + (reflection.isEmpty ? "no reflective note" : "a reflective note recorded"))
        let insertSession: @Sendable (any SQLDatabase) async throws -> Void = { db in
            try await db.raw(
                """
                INSERT INTO supervision_sessions (id, worker_id, supervisor_id, supervisor_name, held_on, reflection,
                    recorded_at)
                VALUES (\(bind: sessionId.db), \(bind: worker.id.db), \(bind: actor.userId.db),
                    \(bind: actor.displayName), \(bind: draft.heldOn.description),
                    \(bind: reflection.isEmpty ? nil : reflection), \(bind: self.nowText))
                """
            ).run()
        }
        if draft.caseDiscussions.isEmpty {
            try await database.transaction { db in
                try await insertSession(db)
                try await self.audit.append([sessionEvent], on: db)
            }
        } else {
            let children = draft.caseDiscussions.map(\.childId)
            try await act(
                on: .caseDiscussions(session: sessionId, children: children), .edit, "management_oversight",
                context: context
            ) { db, access in
                try await self.checkDiscussions(draft, worker: worker, access: access, on: db)
                try await insertSession(db)
                access.audit(sessionEvent)
                for (position, discussion) in draft.caseDiscussions.enumerated() {
                    try await self.writeOversight(
                        discussion, position: position, session: sessionId, heldOn: draft.heldOn, worker: worker,
                        access: access, on: db)
                }
            }
        }
        return SupervisionSession(
            id: sessionId, workerId: worker.id, workerName: worker.displayName, supervisorId: actor.userId,
            supervisorName: actor.displayName, heldOn: draft.heldOn, hasReflection: !reflection.isEmpty,
            reflection: reflection.isEmpty ? nil : reflection, discussions: [])
    }

    /// Each child discussed must be allocated to the worker or their team, and each action's owner must be
    /// an active user who may open the child's record; every problem is named by its field (422).
    private func checkDiscussions(
        _ draft: SupervisionDraft, worker: User, access: RecordAccess, on db: any SQLDatabase
    ) async throws {
        var v = Validation()
        for (i, discussion) in draft.caseDiscussions.enumerated() {
            guard let facts = access.facts[discussion.childId], WorkforceAccess.mayDiscuss(facts, worker: worker)
            else {
                v.add("caseDiscussions[\(i)].childId", "is not allocated to \(worker.displayName) or their team")
                continue
            }
            for (j, action) in discussion.actions.enumerated() {
                let owner = try await self.userRow(action.ownerId, on: db)
                if owner.map({ WorkforceAccess.mayOwnAction($0, child: facts, policy: self.policy) }) != true {
                    v.add(
                        "caseDiscussions[\(i)].actions[\(j)].ownerId",
                        "must be an active user who can work with this child's record")
                }
            }
        }
        try v.check()
    }

    /// Writes one management oversight entry and its actions onto the child's record, audited against the
    /// child, and tells each owner of their action.
    private func writeOversight(
        _ discussion: CaseDiscussionDraft, position: Int, session: UUID, heldOn: LocalDate, worker: User,
        access: RecordAccess, on db: any SQLDatabase
    ) async throws {
        let entryId = ids.next(), child = discussion.childId
        try await db.raw(
            """
            INSERT INTO oversight_entries (id, person_id, session_id, position, decided_on, decision, worker_name,
                manager_name, created_at)
            VALUES (\(bind: entryId.db), \(bind: child.db), \(bind: session.db), \(bind: position),
                \(bind: heldOn.description), \(bind: discussion.decision), \(bind: worker.displayName),
                \(bind: access.actor.displayName), \(bind: nowText))
            """
        ).run()
        let name = try await fetchPerson(child, on: db)?.displayName ?? "a child"
        for (j, action) in discussion.actions.enumerated() {
            let owner = try await userRow(action.ownerId, on: db)
            try await db.raw(
                """
                INSERT INTO oversight_actions (id, entry_id, person_id, position, what, owner_id, owner_name, due_on,
                    status, version, updated_at)
                VALUES (\(bind: ids.next().db), \(bind: entryId.db), \(bind: child.db), \(bind: j),
                    \(bind: action.what), \(bind: action.ownerId.db), \(bind: owner?.displayName ?? ""),
                    \(bind: action.dueOn.description), 'open', 1, \(bind: nowText))
                """
            ).run()
            if action.ownerId != access.actor.userId {
                try await notify(
                    [action.ownerId], .actionAssigned, about: child,
                    "\(access.actor.displayName) agreed an action for you in supervision about \(name): "
                        + "\"\(action.what.prefix(200))\", due on \(action.dueOn.display).", on: db)
            }
        }
        access.audit(
            access.context.event(
                .create, "management_oversight", entityId: entryId, personId: child,
                detail: "from supervision of \(worker.username), \(discussion.actions.count) actions"))
    }

    /// The children named in a case discussion that exist (all of them, or none: a missing child is
    /// the one 404).
    func discussedChildren(_ children: [UUID], on db: any SQLDatabase) async throws -> [UUID] {
        let unique = Array(Set(children)).sorted { $0.sortsBefore($1) }
        guard !unique.isEmpty else { return [] }
        let found = try await db.raw(
            """
            SELECT id AS child FROM persons WHERE id IN (\(unique.map { SQLQueryString("\(bind: $0.db)") }
                .joined(separator: ", "))) ORDER BY id
            """
        ).all().map { try $0.uuid("child") }
        return found.count == unique.count ? found : []
    }

    /// A user by id, on the caller's connection.
    func userRow(_ id: UUID, on db: any SQLDatabase) async throws -> User? {
        try await db.raw("SELECT * FROM users WHERE id = \(bind: id.db)").first().map { try Self.account($0).user }
    }

    /// The worker a supervision request names; a missing worker is a 404, audited as refused.
    func supervisedWorker(_ id: UUID, actor: Actor, context: AuditContext) async throws -> User {
        guard let worker = try await database.withConnection({ db in try await self.userRow(id, on: db) }) else {
            try await audit.record([context.event(.denied, "supervision", entityId: id, detail: "no such worker")])
            throw SafeholdError.notFound("There is no such worker.")
        }
        return worker
    }

    /// Sets the date a worker qualified (which decides whether they are supervised as newly qualified): by
    /// their supervisor or an administrator; not in the future; a stale version is a conflict.
    public func setQualifiedOn(
        _ workerId: UUID, _ text: String?, expectedVersion: Int?, context: AuditContext
    ) async throws -> Int {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let worker = try await supervisedWorker(workerId, actor: actor, context: context)
        guard WorkforceAccess.maySetQualifiedOn(actor, worker) else {
            try await audit.record([
                context.event(.denied, "worker_qualification", entityId: workerId, detail: "not their supervisor")
            ])
            throw SafeholdError.forbidden(
                "Only \(worker.displayName)'s supervisor or an administrator sets their qualification date.")
        }
        var v = Validation()
        let date = v.isoDate("qualifiedOn", text, notAfter: today)
        if let expectedVersion { v.number("version", expectedVersion, in: 0...Int(Int32.max)) }
        try v.check()
        return try await database.transaction { db in
            let current =
                try await db.raw(
                    "SELECT version FROM worker_qualifications WHERE user_id = \(bind: workerId.db)"
                ).first().map { try $0.int("version") } ?? 0
            guard (expectedVersion ?? current) == current else {
                throw SafeholdError.conflict(
                    "Someone else changed this qualification date after you opened the page. Reload it and check.")
            }
            if current == 0 {
                try await db.raw(
                    """
                    INSERT INTO worker_qualifications (user_id, qualified_on, set_by, set_at, version)
                    VALUES (\(bind: workerId.db), \(bind: date!.description), \(bind: actor.userId.db),
                        \(bind: self.nowText), 1)
                    """
                ).run()
            } else {
                try await db.raw(
                    """
                    UPDATE worker_qualifications SET qualified_on = \(bind: date!.description),
                        set_by = \(bind: actor.userId.db), set_at = \(bind: self.nowText), version = version + 1
                    WHERE user_id = \(bind: workerId.db)
                    """
                ).run()
            }
            try await self.audit.append(
                [context.event(.update, "worker_qualification", entityId: workerId, detail: "qualified on \(date!)")],
                on: db)
            return current + 1
        }
    }
}
