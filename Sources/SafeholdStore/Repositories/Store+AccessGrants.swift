import Foundation
import SQLKit
import SafeholdCore

/// Explicit access grants: a named user may open (or edit) one child's record until the end of a day
/// no more than `AccessGrantRules.maximumDays` away. A manager of a team allocated the child makes one
/// directly or approves one requested by someone else; a requested grant gives no access until then.
/// Every request, decision and revocation is audited against the child.
extension Store {
    /// Requests a grant, or makes it at once when the actor manages a team allocated the child.
    @discardableResult
    public func requestGrant(
        _ child: UUID, _ draft: AccessGrantDraft, fieldErrors: [FieldError] = [], context: AuditContext
    ) async throws -> AccessGrant {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        return try await refusalAudited(context, "access_grant", child: child) { db in
            // Who may ask is decided before the form is read: for oneself, leave to find the child by
            // name; for someone else, leave to open the record; a manager of a holding team makes it.
            guard let facts = try await self.facts(of: [child], on: db)[child] else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let sees = self.policy.decide(actor, .view, facts).isAllowed
            let decides = CaseloadAccess.mayDecideGrant(actor, facts).isAllowed
            if !decides,
                case .denied(let reason) = CaseloadAccess.mayRequestGrant(actor, for: draft.userId, facts)
            {
                let finds = self.policy.decide(actor, .findByName, facts).isAllowed
                throw sees || (finds && draft.userId == actor.userId)
                    ? SafeholdError.forbidden(reason) : SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let (clean, expiresOn) = try draft.validated(today: self.today, rules: .england, unread: fieldErrors)
            let user = clean.userId!
            guard let row = try await db.raw("SELECT * FROM users WHERE id = \(bind: user.db)").first() else {
                throw SafeholdError.invalid([FieldError("userId", "there is no user with that id")])
            }
            let target = try Self.account(row).user
            if let problem = CaseloadAccess.grantProblem(
                role: target.role, active: target.active, canEdit: clean.canEdit)
            {
                throw SafeholdError.invalid([FieldError(problem.field, problem.message)])
            }
            if facts.grants[user] != nil && (facts.grants[user] == true || !clean.canEdit) {
                throw SafeholdError.conflict("\(target.displayName) already holds a grant to this record.")
            }
            let id = self.ids.next()
            let expires = self.startOfDay(expiresOn.adding(days: 1))
            try await db.raw(
                """
                INSERT INTO access_grants (id, person_id, user_id, can_edit, reason, granted_by, granted_at,
                    expires_at, pending, requested_by)
                VALUES (\(bind: id.db), \(bind: child.db), \(bind: user.db), \(bind: clean.canEdit.db),
                    \(bind: clean.reason), \(bind: decides ? actor.userId.db : nil), \(bind: self.nowText),
                    \(bind: Timestamp.string(expires)), \(bind: (!decides).db), \(bind: actor.userId.db))
                """
            ).run()
            if decides {
                try await self.notify(
                    [user], .accessGrant, about: child,
                    "You have been granted access to a child's record until \(expiresOn).", on: db)
            } else {
                try await self.notify(
                    try await self.managers(of: facts.allocatedTeamIds, on: db), .accessGrant, about: child,
                    "\(actor.displayName) asks for access to a child's record for \(target.displayName): "
                        + "approve or decline.",
                    on: db)
            }
            try await self.audit.append(
                [
                    context.event(
                        .grant, "access_grant", entityId: id, personId: child,
                        detail: "\(decides ? "granted" : "requested") for \(target.username) until \(expiresOn)"
                            + (clean.canEdit ? " to edit" : ""))
                ], on: db)
            return try await self.grants(of: child, on: db).first { $0.id == id }!
        }
    }

    /// Approves (or declines) a requested grant: a manager of a team allocated the child, once.
    @discardableResult
    public func decideGrant(_ grant: UUID, approve: Bool, context: AuditContext) async throws -> UUID {
        try await changeGrant(grant, context: context) { db, actor, row, child in
            guard try row.flag("pending"), try row.optionalTimestamp("revoked_at") == nil else {
                throw SafeholdError.conflict("This request has already been decided.")
            }
            if approve, let expires = try row.optionalTimestamp("expires_at"), expires <= self.clock.now() {
                throw SafeholdError.conflict("This request's expiry has passed: ask for a new grant.")
            }
            let set: SQLQueryString =
                approve
                ? "pending = 0, granted_by = \(bind: actor.userId.db), granted_at = \(bind: self.nowText)"
                : "revoked_at = \(bind: self.nowText), revoked_by = \(bind: actor.userId.db)"
            let changed = try await db.raw(
                """
                UPDATE access_grants SET \(set)
                WHERE id = \(bind: grant.db) AND pending = 1 AND revoked_at IS NULL RETURNING id
                """
            ).all()
            guard changed.count == 1 else { throw SafeholdError.conflict("This request has already been decided.") }
            let asker = try row.optionalUUID("requested_by")
            try await self.notify(
                [try row.uuid("user_id")] + [asker].compactMap { $0 }, .accessGrant, about: child,
                approve
                    ? "A request for access to a child's record was approved."
                    : "A request for access to a child's record was declined.",
                on: db)
            return approve ? "approved" : "declined"
        }
    }

    /// Ends a grant before its expiry: a manager of a team allocated the child.
    @discardableResult
    public func revokeGrant(_ grant: UUID, context: AuditContext) async throws -> UUID {
        try await changeGrant(grant, context: context) { db, actor, _, _ in
            let changed = try await db.raw(
                """
                UPDATE access_grants SET revoked_at = \(bind: self.nowText), revoked_by = \(bind: actor.userId.db)
                WHERE id = \(bind: grant.db) AND revoked_at IS NULL AND pending = 0 RETURNING id
                """
            ).all()
            guard changed.count == 1 else {
                throw SafeholdError.conflict("This grant is not active: nothing to revoke.")
            }
            return "revoked"
        }
    }

    private func changeGrant(
        _ grant: UUID, context: AuditContext,
        _ body: @escaping @Sendable (any SQLDatabase, Actor, any SQLRow, UUID) async throws -> String
    ) async throws -> UUID {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let child = try await database.withConnection { db in
            try await db.raw("SELECT person_id FROM access_grants WHERE id = \(bind: grant.db)").first()?.uuid(
                "person_id")
        }
        guard let child else {
            try await audit.recordReads([
                context.event(.denied, "access_grant", entityId: grant, detail: "no such grant")
            ])
            throw SafeholdError.notFound("There is no such access grant that you may see.")
        }
        try await refusalAudited(context, "access_grant", child: child) { db in
            let facts = try await self.facts(of: [child], on: db)[child] ?? RecordAccessFacts()
            if case .denied(let reason) = CaseloadAccess.mayDecideGrant(actor, facts) {
                throw self.policy.decide(actor, .view, facts).isAllowed
                    ? SafeholdError.forbidden(reason)
                    : SafeholdError.notFound("There is no such access grant that you may see.")
            }
            let row = try await db.raw("SELECT * FROM access_grants WHERE id = \(bind: grant.db)").first()!
            let what = try await body(db, actor, row, child)
            try await self.audit.append(
                [context.event(.grant, "access_grant", entityId: grant, personId: child, detail: what)], on: db)
        }
        return child
    }

    /// A child's grants, newest first, for whoever may open the record (audited).
    public func grants(of child: UUID, context: AuditContext) async throws -> [AccessGrant] {
        try await act(on: .person(child), .view, "access_grant", context: context) { db, _ in
            try await self.grants(of: child, on: db)
        }
    }

    /// Requests awaiting the actor's decision: grants asked for children allocated to their team.
    public func pendingGrants(context: AuditContext) async throws -> [AccessGrant] {
        try await list("access_grant", detail: "requests to decide", context: context, people: { [$0.personId] }) {
            db, scope in
            guard scope.actor.role == .teamManager, let team = scope.actor.teamId else { return [] }
            return try await self.grantRows(
                """
                g.pending = 1 AND g.revoked_at IS NULL AND EXISTS (SELECT 1 FROM allocations a
                    WHERE a.person_id = g.person_id AND a.team_id = \(bind: team.db) AND a.ended_at IS NULL)
                """, on: db)
        }
    }

    func grants(of child: UUID, on db: any SQLDatabase) async throws -> [AccessGrant] {
        try await grantRows("g.person_id = \(bind: child.db)", on: db)
    }

    private func grantRows(_ condition: SQLQueryString, on db: any SQLDatabase) async throws -> [AccessGrant] {
        let now = clock.now()
        return try await db.raw(
            """
            SELECT g.*, u.display_name AS user_name, r.display_name AS requested_by_name,
                b.display_name AS granted_by_name
            FROM access_grants g JOIN users u ON u.id = g.user_id LEFT JOIN users r ON r.id = g.requested_by
                LEFT JOIN users b ON b.id = g.granted_by
            WHERE \(condition) ORDER BY g.granted_at DESC, g.id DESC
            """
        ).all().map { row in
            let expires = try row.optionalTimestamp("expires_at")
            let revoked = try row.optionalTimestamp("revoked_at")
            let status: AccessGrant.Status =
                revoked != nil
                ? .revoked
                : try row.flag("pending") ? .requested : (expires.map { $0 <= now } ?? false) ? .expired : .active
            return AccessGrant(
                id: try row.uuid("id"), personId: try row.uuid("person_id"), userId: try row.uuid("user_id"),
                userName: try row.string("user_name"), canEdit: try row.flag("can_edit"),
                reason: try row.string("reason"), requestedByName: try row.optionalString("requested_by_name"),
                grantedByName: try row.optionalString("granted_by_name"), grantedAt: try row.timestamp("granted_at"),
                expiresAt: expires, revokedAt: revoked, status: status)
        }
    }

    func managers(of teams: Set<UUID>, on db: any SQLDatabase) async throws -> [UUID] {
        guard !teams.isEmpty else { return [] }
        return try await db.raw(
            """
            SELECT id FROM users WHERE role = 'team_manager' AND active = 1
            AND team_id IN (\(binds: teams.map(\.db)))
            """
        ).all().map { try $0.uuid("id") }
    }

    /// The instant a UK day begins.
    func startOfDay(_ day: LocalDate) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ruleset.timeZone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
    }
}
