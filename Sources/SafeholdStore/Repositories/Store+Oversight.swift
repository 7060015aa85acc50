import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The management oversight entries on a child's record, newest first, each with its actions: an
    /// audited read of the child's record through `act`. Nothing of the supervision's reflective part.
    /// Children's social care read every entry; anyone else who may open the record (a partner with a
    /// grant, the police) only the entries with an action they own, and only their own actions.
    public func oversight(of childId: UUID, context: AuditContext) async throws -> [OversightEntry] {
        try await act(on: .person(childId), .view, "management_oversight", context: context) { db, access in
            try await self.oversight(of: childId, actor: access.actor, on: db)
        }
    }

    /// A child's oversight as `actor` sees it, oldest first: children's social care all of it, anyone else
    /// only the entries with actions they own, and of those only their own actions.
    func oversight(of childId: UUID, actor: Actor, on db: any SQLDatabase) async throws -> [OversightEntry] {
        let entries = try await self.oversightEntries(where: "e.person_id = \(bind: childId.db)", on: db)
        guard !actor.role.isChildrensSocialCare else { return entries.reversed() }
        return entries.reversed().compactMap { e in
            let own = e.actions.filter { $0.ownerId == actor.userId }
            return own.isEmpty
                ? nil
                : OversightEntry(
                    id: e.id, childId: e.childId, childName: e.childName, decidedOn: e.decidedOn,
                    decision: e.decision,
                    workerName: e.workerName, managerName: e.managerName, actions: own)
        }
    }

    /// Marks an oversight action done (its owner, or anyone who may change the child's record); a stale
    /// version is a conflict, an action already done a conflict. Audited against the child.
    public func completeOversightAction(
        _ actionId: UUID, of childId: UUID, expectedVersion: Int?, context: AuditContext
    ) async throws -> OversightAction {
        var v = Validation()
        if let expectedVersion { v.version("version", expectedVersion) } else { v.add("version", "is required") }
        try v.check()
        return try await act(
            on: .person(childId), .view, "management_oversight", writes: true, context: context
        ) { db, access in
            guard
                let row = try await db.raw(
                    """
                    SELECT * FROM oversight_actions WHERE id = \(bind: actionId.db) AND person_id = \(bind: childId.db)
                    """
                ).first()
            else { throw SafeholdError.notFound("There is no such action on this child's record.") }
            let action = try Self.oversightAction(row)
            guard action.ownerId == access.actor.userId || access.may(.edit) else {
                throw SafeholdError.forbidden("Only the action's owner or the child's workers mark it done.")
            }
            guard action.status == .open else { throw SafeholdError.conflict("This action is already done.") }
            let updated = try await db.raw(
                """
                UPDATE oversight_actions SET status = 'done', version = version + 1, updated_at = \(bind: self.nowText)
                WHERE id = \(bind: actionId.db) AND version = \(bind: expectedVersion!) RETURNING id
                """
            ).all()
            guard updated.count == 1 else {
                throw SafeholdError.conflict(
                    "Someone else updated this action after you opened the page. Reload it and check.")
            }
            access.audit(.update, "management_oversight", entityId: actionId, detail: "action done")
            return OversightAction(
                id: action.id, entryId: action.entryId, childId: childId, what: action.what, ownerId: action.ownerId,
                ownerName: action.ownerName, dueOn: action.dueOn, status: .done, version: action.version + 1)
        }
    }

    /// Oversight entries matching `filter` (`e` is the entries row), oldest first, with their actions.
    func oversightEntries(where filter: SQLQueryString, on db: any SQLDatabase) async throws -> [OversightEntry] {
        let entries = try await db.raw(
            """
            SELECT e.*, p.given_name, p.family_name FROM oversight_entries e JOIN persons p ON p.id = e.person_id
            WHERE \(filter) ORDER BY e.decided_on, e.created_at, e.position
            """
        ).all()
        guard !entries.isEmpty else { return [] }
        let ids = try entries.map { try $0.uuid("id") }
        let actions = try await db.raw(
            """
            SELECT * FROM oversight_actions WHERE entry_id IN (\(ids.map { SQLQueryString("\(bind: $0.db)") }
                .joined(separator: ", "))) ORDER BY position
            """
        ).all().map(Self.oversightAction)
        let byEntry = Dictionary(grouping: actions, by: \.entryId)
        return try entries.map { row in
            let id = try row.uuid("id")
            return OversightEntry(
                id: id, childId: try row.uuid("person_id"),
                childName: try Self.name(row, "given_name", "family_name"), decidedOn: try row.date("decided_on"),
                decision: try row.string("decision"), workerName: try row.string("worker_name"),
                managerName: try row.string("manager_name"), actions: byEntry[id] ?? [])
        }
    }

    /// The child's oversight entries as chronology entries: the decision and the actions agreed, with
    /// the manager as the source. Built from `oversight_entries` alone, which hold no reflective part.
    func oversightChronology(of childId: UUID, on db: any SQLDatabase) async throws -> [ChronologyEntry] {
        try await oversightEntries(where: "e.person_id = \(bind: childId.db)", on: db).map { e in
            let actions = e.actions.map { "\($0.what) (\($0.ownerName), by \($0.dueOn.display))" }
            return ChronologyEntry(
                id: e.id, date: e.decidedOn, kind: .oversight, title: "Management oversight in supervision",
                detail: "Decision: \(e.decision)"
                    + (actions.isEmpty ? "" : " Actions: " + actions.joined(separator: "; ") + "."),
                source: "\(e.managerName), supervising \(e.workerName)")
        }
    }

    /// Open oversight actions due by `horizon` for the due list: on "mine" the actions the actor owns,
    /// otherwise those on the scope's children; always on children the actor may open.
    func oversightDueLines(
        _ scope: DueListScope, narrowed: SQLQueryString, access: ListScope, horizon: LocalDate,
        calendar: WorkingCalendar, on db: any SQLDatabase
    ) async throws -> [DueLine] {
        let today = self.today
        let whose: SQLQueryString = scope == .mine ? "a.owner_id = \(bind: access.actor.userId.db)" : narrowed
        return try await db.raw(
            """
            SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view, a.id AS action_id, a.what, a.owner_name,
                a.due_on
            FROM oversight_actions a JOIN persons p ON p.id = a.person_id
            WHERE a.status = 'open' AND a.due_on <= \(bind: horizon.description) AND \(whose) AND \(access.view)
            """
        ).all().map { row -> DueLine in
            let due = try row.date("due_on")
            var line = DueLine(
                child: try Self.summary(row), episodeId: nil,
                item: DueItem(
                    what: "Oversight action: \(try row.string("what")) (\(try row.string("owner_name")))",
                    dueOn: due, status: Timeliness.status(of: due, today: today, calendar: calendar)))
            line.oversightActionId = try row.uuid("action_id")
            return line
        }
    }

    static func oversightAction(_ r: any SQLRow) throws -> OversightAction {
        OversightAction(
            id: try r.uuid("id"), entryId: try r.uuid("entry_id"), childId: try r.uuid("person_id"),
            what: try r.string("what"), ownerId: try r.uuid("owner_id"), ownerName: try r.string("owner_name"),
            dueOn: try r.date("due_on"), status: try r.code("status", as: OversightAction.Status.self),
            version: try r.int("version"))
    }
}
