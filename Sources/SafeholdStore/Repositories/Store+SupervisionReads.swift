import Foundation
import SQLKit
import SafeholdCore

/// A worker's supervision as their supervisor sees it: the standing, the sessions (a session's reflective
/// part only when this supervisor recorded it), the qualification date and the welfare check-ins the worker
/// chose to share (that they happened, nothing more).
public struct WorkerSupervision: Sendable {
    public let worker: User
    public let standing: SupervisionStanding
    public let qualifiedOn: LocalDate?
    /// The qualification date's version (0 when none is set), for an optimistic edit.
    public let qualifiedVersion: Int
    public let sessions: [SupervisionSession]
    public let sharedCheckIns: [SharedCheckIn]
}

/// The signed-in worker's own supervision: their standing and every session with its reflective part.
public struct MySupervision: Sendable {
    public let standing: SupervisionStanding?
    public let sessions: [SupervisionSession]
}

extension Store {
    /// How each active supervised worker in `team` stands (last session, next due, overdue): the reusable
    /// read for the workforce dashboard. Managers of the team's agency only; audited as a search.
    public func supervisionStandings(team: UUID, context: AuditContext) async throws -> [SupervisionStanding] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let agency = try await database.withConnection { db in
            try await db.raw("SELECT agency_id FROM teams WHERE id = \(bind: team.db)").first()?.uuid("agency_id")
        }
        guard actor.role == .teamManager, let agency, agency == actor.agencyId else {
            try await audit.record([context.event(.denied, "supervision", entityId: team, detail: "team standings")])
            throw SafeholdError.forbidden("Only a manager of the team's service sees its supervision.")
        }
        let rows = try await database.withConnection { db in
            try await self.standings(where: "u.team_id = \(bind: team.db)", on: db)
        }
        try await audit.recordReads([
            context.event(.search, "supervision", entityId: team, detail: "team standings: \(rows.count) workers")
        ])
        return rows
    }

    /// The signed-in manager's own team's standings (`/workforce/supervision`).
    public func teamSupervision(context: AuditContext) async throws -> [SupervisionStanding] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard actor.role == .teamManager, let team = actor.teamId else {
            try await audit.record([context.event(.denied, "supervision", detail: "team standings")])
            throw SafeholdError.forbidden("Only a team manager sees their team's supervision.")
        }
        return try await supervisionStandings(team: team, context: context)
    }

    /// Supervision lines for the due page: a manager's team's workers due soon or overdue, and the
    /// signed-in worker's own when it is. No audit: it names workers, not children.
    public func supervisionDue(context: AuditContext) async throws -> [SupervisionStanding] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let mine: SQLQueryString =
            actor.role == .teamManager && actor.teamId != nil
            ? "(u.team_id = \(bind: actor.teamId!.db) OR u.id = \(bind: actor.userId.db))"
            : "u.id = \(bind: actor.userId.db)"
        return try await database.withConnection { db in
            try await self.standings(where: mine, on: db).filter { $0.status != .onTrack }
        }
    }

    /// A worker's supervision for their supervisor; anyone else is refused (403, audited).
    public func workerSupervision(_ workerId: UUID, context: AuditContext) async throws -> WorkerSupervision {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let worker = try await supervisedWorker(workerId, actor: actor, context: context)
        guard WorkforceAccess.supervises(actor, worker) else {
            try await audit.record([
                context.event(.denied, "supervision", entityId: workerId, detail: "not their supervisor")
            ])
            throw SafeholdError.forbidden("Only \(worker.displayName)'s supervisor sees their supervision.")
        }
        let result = try await database.withConnection { db in
            let standing = try await self.standings(where: "u.id = \(bind: workerId.db)", on: db, anyRole: true)
            let qualification = try await db.raw(
                "SELECT qualified_on, version FROM worker_qualifications WHERE user_id = \(bind: workerId.db)"
            ).first()
            return WorkerSupervision(
                worker: worker,
                standing: standing.first
                    ?? SupervisionStanding(
                        workerId: worker.id, workerName: worker.displayName, teamId: worker.teamId, lastSession: nil,
                        nextDue: self.today, newlyQualified: false, status: .onTrack),
                qualifiedOn: try qualification?.date("qualified_on"),
                qualifiedVersion: try qualification?.int("version") ?? 0,
                sessions: try await self.sessions(of: workerId, reader: actor, on: db),
                sharedCheckIns: try await self.sharedCheckIns(of: worker, on: db))
        }
        try await audit.recordReads([
            context.event(
                .read, "supervision", entityId: workerId,
                detail: "\(worker.username): \(result.sessions.count) sessions, "
                    + "\(result.sharedCheckIns.count) shared welfare check-ins")
        ])
        return result
    }

    /// One session with its reflective part and case discussions, for the worker and the supervisor who
    /// recorded it only; anyone else gets the one 404 (audited as refused). The case discussions are read
    /// as a list of the children's records, scoped by the reader's access and audited against each child.
    public func supervisionSession(_ id: UUID, context: AuditContext) async throws -> SupervisionSession {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let found = try await database.withConnection { db in
            try await self.sessions(where: "s.id = \(bind: id.db)", reader: actor, on: db).first
        }
        guard let session = found,
            WorkforceAccess.mayReadReflection(actor, workerId: session.workerId, supervisorId: session.supervisorId)
        else {
            try await audit.record([
                context.event(
                    .denied, "supervision_session", entityId: id, detail: "reflective record of another worker")
            ])
            throw SafeholdError.notFound("There is no supervision session with that id that you may see.")
        }
        try await audit.recordReads([
            context.event(.read, "supervision_session", entityId: id, detail: "session with its reflective part")
        ])
        let discussions = try await list(
            "management_oversight", detail: "case discussions of a supervision session", context: context,
            people: { [$0.childId] }
        ) { db, scope in
            try await self.oversightEntries(
                where: "e.session_id = \(bind: id.db) AND \(scope.view)", on: db)
        }
        return SupervisionSession(
            id: session.id, workerId: session.workerId, workerName: session.workerName,
            supervisorId: session.supervisorId, supervisorName: session.supervisorName, heldOn: session.heldOn,
            hasReflection: session.hasReflection, reflection: session.reflection, discussions: discussions)
    }

    /// The children a worker's supervisor may discuss with them: those allocated to the worker or their team
    /// that the reader may open (a list, audited as one entry naming every child shown). It starts from the children
    /// the reader may open: testing that on every child took 20 s at a million children.
    public func discussableChildren(of worker: User, context: AuditContext) async throws -> [PersonSummary] {
        let team: SQLQueryString = worker.teamId.map { "a.team_id = \(bind: $0.db)" } ?? "1 = 0"
        return try await list(
            "person", detail: "children to discuss in supervision", context: context, people: { [$0.id] }
        ) { db, scope in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view FROM persons p
                WHERE \(scope.startingAmong("p.id"))p.kind IN ('child', 'unborn') AND \(scope.view)
                AND EXISTS (SELECT 1 FROM allocations a
                    WHERE a.person_id = p.id AND a.ended_at IS NULL
                    AND (a.worker_id = \(bind: worker.id.db) OR \(team)))
                ORDER BY p.family_name, p.given_name LIMIT 300
                """
            ).all().map(Self.summary)
        }
    }

    /// The signed-in worker's own supervision, every reflective part included.
    public func mySupervision(context: AuditContext) async throws -> MySupervision {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let result = try await database.withConnection { db in
            MySupervision(
                standing: try await self.standings(where: "u.id = \(bind: actor.userId.db)", on: db).first,
                sessions: try await self.sessions(of: actor.userId, reader: actor, on: db))
        }
        try await audit.recordReads([
            context.event(.read, "supervision", entityId: actor.userId, detail: "own supervision record")
        ])
        return result
    }

    /// The standing of every active worker matching `filter` (`u` is the users row) whose role is
    /// supervised (any role with `anyRole`).
    func standings(
        where filter: SQLQueryString, on db: any SQLDatabase, anyRole: Bool = false
    ) async throws -> [SupervisionStanding] {
        let roles = ruleset.workforce.supervision.supervisedRoles.map(\.rawValue).sorted()
        let roleFilter: SQLQueryString =
            anyRole ? "1 = 1" : "u.role IN (\(roles.map { SQLQueryString("\(bind: $0)") }.joined(separator: ", ")))"
        let today = self.today
        return try await db.raw(
            """
            SELECT u.id, u.display_name, u.team_id, u.created_at, q.qualified_on,
                (SELECT MAX(s.held_on) FROM supervision_sessions s WHERE s.worker_id = u.id) AS last_held
            FROM users u LEFT JOIN worker_qualifications q ON q.user_id = u.id
            WHERE u.active = 1 AND \(roleFilter) AND \(filter) ORDER BY u.display_name, u.id
            """
        ).all().map { row in
            SupervisionStanding.derive(
                workerId: try row.uuid("id"), workerName: try row.string("display_name"),
                teamId: try row.optionalUUID("team_id"), lastSession: try row.optionalDate("last_held"),
                startedOn: self.ruleset.date(of: try row.timestamp("created_at")),
                qualifiedOn: try row.optionalDate("qualified_on"), today: today, ruleset: self.ruleset)
        }
    }

    /// A worker's sessions, newest first, without case discussions; a reflective part only for a reader
    /// who may read it.
    func sessions(of workerId: UUID, reader: Actor, on db: any SQLDatabase) async throws -> [SupervisionSession] {
        try await sessions(where: "s.worker_id = \(bind: workerId.db)", reader: reader, on: db)
    }

    private func sessions(
        where filter: SQLQueryString, reader: Actor, on db: any SQLDatabase
    ) async throws -> [SupervisionSession] {
        try await db.raw(
            """
            SELECT s.*, u.display_name AS worker_name FROM supervision_sessions s JOIN users u ON u.id = s.worker_id
            WHERE \(filter) ORDER BY s.held_on DESC, s.recorded_at DESC
            """
        ).all().map { row in
            let worker = try row.uuid("worker_id"), supervisor = try row.uuid("supervisor_id")
            let reflection = try row.optionalString("reflection")
            let readable = WorkforceAccess.mayReadReflection(reader, workerId: worker, supervisorId: supervisor)
            return SupervisionSession(
                id: try row.uuid("id"), workerId: worker, workerName: try row.string("worker_name"),
                supervisorId: supervisor, supervisorName: try row.string("supervisor_name"),
                heldOn: try row.date("held_on"), hasReflection: reflection != nil,
                reflection: readable ? reflection : nil, discussions: [])
        }
    }
}
