import Foundation
import SQLKit
import SafeholdCore

/// Allocation and reallocation of a child with a reason, kept as a history: the record's allocated
/// worker and team are always the history's current rows (`ended_at IS NULL`), which the access
/// policy reads.
extension Store {
    /// Gives `child` to a worker of the holding team (or passes the case to another team), ending the
    /// allocation the manager saw (`draft.expected`) and every other current allocation of that team,
    /// and opening the new one, in one transaction. A manager of the holding team or an administrator
    /// only (`CaseloadAccess.mayAllocate`); a stale `expected` (someone reallocated first) is a 409.
    /// The new worker (or the new team's managers) is notified.
    @discardableResult
    public func allocate(
        _ child: UUID, _ draft: AllocationDraft, fieldErrors: [FieldError] = [], context: AuditContext
    ) async throws -> AllocationEntry {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        return try await refusalAudited(context, "allocation", child: child) { db in
            // Who may allocate is decided before the form is read, so a stranger learns nothing from it.
            guard let facts = try await self.facts(of: [child], on: db)[child] else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let seesChild = self.policy.decide(actor, .view, facts).isAllowed
            if case .denied(let reason) = CaseloadAccess.mayAllocate(actor, holdingTeams: facts.allocatedTeamIds) {
                throw seesChild ? SafeholdError.forbidden(reason) : SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let draft = try draft.validated(unread: fieldErrors)
            guard
                let seen = try await db.raw(
                    """
                    SELECT team_id, worker_id, ended_at FROM allocations
                    WHERE id = \(bind: draft.expected!.db) AND person_id = \(bind: child.db)
                    """
                ).first()
            else { throw SafeholdError.invalid([FieldError("version", "is not an allocation of this child")]) }
            let fromTeam = try seen.optionalUUID("team_id")
            if case .denied(let reason) = CaseloadAccess.mayAllocate(
                actor, holdingTeams: Set([fromTeam].compactMap { $0 }))
            {
                throw SafeholdError.forbidden(reason)
            }
            if try seen.optionalTimestamp("ended_at") != nil { throw Self.staleAllocation }
            guard let toTeam = draft.teamId ?? fromTeam else {
                throw SafeholdError.invalid([FieldError("teamId", "choose the team that will hold the child")])
            }
            guard try await db.raw("SELECT 1 AS x FROM teams WHERE id = \(bind: toTeam.db)").first() != nil else {
                throw SafeholdError.invalid([FieldError("teamId", "there is no team with that id")])
            }
            var workerName: String?
            if let worker = draft.workerId {
                guard let row = try await db.raw("SELECT * FROM users WHERE id = \(bind: worker.db)").first() else {
                    throw SafeholdError.invalid([FieldError("workerId", "there is no user with that id")])
                }
                let user = try Self.account(row).user
                if let problem = CaseloadAccess.allocationProblem(user, team: toTeam) {
                    throw SafeholdError.invalid([FieldError("workerId", problem)])
                }
                workerName = user.username
            }
            if toTeam == fromTeam, draft.workerId == (try seen.optionalUUID("worker_id")) {
                throw SafeholdError.conflict("The child is already allocated so: choose another worker or team.")
            }
            // The guard against two managers at once: only one of them ends the row they both saw.
            let now = self.nowText
            let ended = try await db.raw(
                """
                UPDATE allocations SET ended_at = \(bind: now), ended_by = \(bind: actor.userId.db),
                    end_reason = \(bind: draft.reason)
                WHERE id = \(bind: draft.expected!.db) AND ended_at IS NULL RETURNING id
                """
            ).all()
            guard ended.count == 1 else { throw Self.staleAllocation }
            if let fromTeam {
                try await db.raw(
                    """
                    UPDATE allocations SET ended_at = \(bind: now), ended_by = \(bind: actor.userId.db),
                        end_reason = \(bind: draft.reason)
                    WHERE person_id = \(bind: child.db) AND team_id = \(bind: fromTeam.db) AND ended_at IS NULL
                    """
                ).run()
            }
            let id = self.ids.next()
            try await db.raw(
                """
                INSERT INTO allocations (id, person_id, team_id, worker_id, started_at, reason, allocated_by)
                VALUES (\(bind: id.db), \(bind: child.db), \(bind: toTeam.db), \(bind: draft.workerId?.db),
                    \(bind: now), \(bind: draft.reason), \(bind: actor.userId.db))
                """
            ).run()
            let text =
                draft.workerId != nil
                ? "A child has been allocated to you by \(actor.displayName)."
                : "A child's case has been passed to your team by \(actor.displayName): allocate a worker."
            try await self.notifyHolders(of: child, .allocated, text, on: db)
            let to = workerName.map { "worker \($0)" } ?? "the team without a worker"
            try await self.audit.append(
                [context.event(.allocate, "allocation", entityId: id, personId: child, detail: "allocated to \(to)")],
                on: db)
            return try await self.allocationHistory(of: child, on: db).first { $0.id == id }!
        }
    }

    /// The child's allocation history, newest first, for whoever may open the record (audited).
    public func allocationHistory(of child: UUID, context: AuditContext) async throws -> [AllocationEntry] {
        try await act(on: .person(child), .view, "allocation", context: context) { db, _ in
            try await self.allocationHistory(of: child, on: db)
        }
    }

    func allocationHistory(of child: UUID, on db: any SQLDatabase) async throws -> [AllocationEntry] {
        try await db.raw(
            """
            SELECT a.*, t.name AS team_name, w.display_name AS worker_name, b.display_name AS by_name,
                e.display_name AS ended_by_name
            FROM allocations a LEFT JOIN teams t ON t.id = a.team_id LEFT JOIN users w ON w.id = a.worker_id
                LEFT JOIN users b ON b.id = a.allocated_by LEFT JOIN users e ON e.id = a.ended_by
            WHERE a.person_id = \(bind: child.db)
            ORDER BY a.started_at DESC, a.id DESC
            """
        ).all().map { row in
            AllocationEntry(
                id: try row.uuid("id"), teamId: try row.optionalUUID("team_id"),
                teamName: try row.optionalString("team_name"), workerId: try row.optionalUUID("worker_id"),
                workerName: try row.optionalString("worker_name"), startedAt: try row.timestamp("started_at"),
                endedAt: try row.optionalTimestamp("ended_at"), reason: try row.optionalString("reason"),
                allocatedByName: try row.optionalString("by_name"),
                endedByName: try row.optionalString("ended_by_name"), endReason: try row.optionalString("end_reason"))
        }
    }

    static let staleAllocation = SafeholdError.conflict(
        "This child's allocation changed since you opened the page (someone else allocated them). "
            + "Reload the page to see who holds the child now, then try again.")

    /// Runs a write about `child` in one transaction; a refusal (403 or 404) is audited against the
    /// child after the rollback, so it leaves nothing but that entry.
    func refusalAudited<T: Sendable>(
        _ context: AuditContext, _ entity: String, child: UUID,
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        do {
            return try await database.transaction(body)
        } catch let error as SafeholdError {
            switch error {
            case .forbidden(let reason), .notFound(let reason):
                let exists = try await database.withConnection { db in
                    try await db.raw("SELECT 1 AS x FROM persons WHERE id = \(bind: child.db)").first() != nil
                }
                try await audit.recordReads([
                    context.event(.denied, entity, personId: exists ? child : nil, detail: reason)
                ])
            default: break
            }
            throw error
        }
    }

    /// How many children (and other people) `user` holds as allocated worker, for a refused deactivation
    /// or move.
    func heldRecords(by user: UUID, on db: any SQLDatabase) async throws -> (children: Int, others: Int) {
        let row = try await db.raw(
            """
            SELECT COUNT(DISTINCT CASE WHEN p.kind IN ('child', 'unborn') THEN p.id END) AS children,
                COUNT(DISTINCT CASE WHEN p.kind NOT IN ('child', 'unborn') THEN p.id END) AS others
            FROM allocations a JOIN persons p ON p.id = a.person_id
            WHERE a.worker_id = \(bind: user.db) AND a.ended_at IS NULL
            """
        ).first()
        return (try row?.int("children") ?? 0, try row?.int("others") ?? 0)
    }

    /// The 409 that asks a manager to reallocate a leaving (or moving) worker's cases first.
    static func stillHolds(_ name: String, _ held: (children: Int, others: Int), doing: String) -> SafeholdError {
        var what = "\(held.children) \(held.children == 1 ? "child" : "children")"
        if held.others > 0 { what += " and \(held.others) other \(held.others == 1 ? "person" : "people")" }
        return .conflict(
            "\(name) still has \(what) allocated. Ask their team manager to reallocate them before you \(doing).")
    }
}
