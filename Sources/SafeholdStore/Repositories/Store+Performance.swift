import Foundation
import SQLKit
import SafeholdCore

/// The performance (timeliness) dashboard's read: every child with an episode or a contact in the period,
/// their whole episode history (for re-referrals and second plans), the contacts about them and who holds
/// them, in three queries whatever their number; the measures are worked out in Core
/// (`PerformanceMeasures`) and kept to what the reader's scope covers (`PerformanceAccess`). No child is
/// named here, and the view is audited as one read.
extension Store {
    /// Refuses (403, audited) a role that has no performance dashboard, before anything it asked is read.
    public func requirePerformanceAccess(context: AuditContext) async throws {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard PerformanceAccess.scope(actor) == nil else { return }
        try await audit.recordReads([context.event(.denied, "performance", detail: "dashboard")])
        throw SafeholdError.forbidden(PerformanceAccess.refusal(actor))
    }

    public func performanceFigures(
        period asked: PerformancePeriod? = nil, team askedTeam: UUID? = nil, worker askedWorker: UUID? = nil,
        purpose: String = "dashboard", context: AuditContext
    ) async throws -> PerformanceFigures {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let scope = PerformanceAccess.scope(actor)
        let worker: UUID? = {
            if case .worker(let me) = scope, askedWorker == nil { return me }
            return askedWorker
        }()
        let team: UUID? = {
            if case .team(let own) = scope, askedTeam == nil, worker == nil { return own }
            return askedTeam
        }()
        let staff = try await performanceStaff(team: team, worker: worker)
        guard PerformanceAccess.allows(actor, team: askedTeam, worker: worker, workersTeam: staff.workersTeam) else {
            try await audit.recordReads([
                context.event(.denied, "performance", entityId: worker ?? team, detail: purpose)
            ])
            throw SafeholdError.forbidden(PerformanceAccess.refusal(actor))
        }
        if let team, !staff.teams.contains(where: { $0.id == team }) {
            throw SafeholdError.notFound("There is no such team.")
        }
        if worker != nil, staff.worker == nil { throw SafeholdError.notFound("There is no such worker.") }
        let today = self.today
        let period = asked ?? PerformancePeriod.lastTwelveMonths(to: today)
        let events = try await performanceEvents(
            period, today: today, heldBy: worker.map { .worker($0) } ?? team.map { .team($0) })
        try await audit.recordReads([
            context.event(
                .read, "performance", entityId: worker ?? team,
                detail: "\(purpose): \(period.from) to \(period.to), \(events.count) events")
        ])
        let teams: [PerformanceFigures.Holder]
        switch scope {
        case .all: teams = staff.teams
        default: teams = staff.teams.filter { $0.id == team || $0.id == staff.workersTeam }
        }
        return PerformanceFigures(
            period: period, today: today,
            group: worker.map(PerformanceFigures.Group.worker) ?? team.map(PerformanceFigures.Group.team) ?? .service,
            events: events, teams: teams,
            workers: scope == .worker(actor.userId) ? staff.worker.map { [$0] } ?? [] : staff.workers)
    }

    /// The teams with social care staff, and the workers of `team` (or the one `worker` and their team).
    private func performanceStaff(
        team: UUID?, worker: UUID?
    ) async throws -> (
        teams: [PerformanceFigures.Holder], workers: [PerformanceFigures.Holder], worker: PerformanceFigures.Holder?,
        workersTeam: UUID?
    ) {
        let roles = [Role.socialWorker, .teamManager, .frontDoor].map(\.rawValue)
        return try await database.withConnection { db in
            let teams = try await db.raw(
                """
                SELECT t.id, t.name FROM teams t WHERE EXISTS (SELECT 1 FROM users u WHERE u.team_id = t.id
                    AND u.active = 1 AND u.role IN (\(binds: roles))) ORDER BY t.name
                """
            ).all().map { PerformanceFigures.Holder(id: try $0.uuid("id"), name: try $0.string("name")) }
            let people = try await db.raw(
                """
                SELECT id, display_name, team_id FROM users
                WHERE id = \(bind: worker?.db) OR (active = 1 AND role IN (\(binds: roles)) AND team_id =
                    COALESCE(\(bind: team?.db), (SELECT w.team_id FROM users w WHERE w.id = \(bind: worker?.db))))
                ORDER BY display_name
                """
            ).all().map {
                PerformanceFigures.Holder(
                    id: try $0.uuid("id"), name: try $0.string("display_name"), teamId: try $0.optionalUUID("team_id"))
            }
            let one = worker.flatMap { id in people.first { $0.id == id } }
            let shown = team ?? one?.teamId
            return (teams, people.filter { $0.id == worker || (shown != nil && $0.teamId == shown) }, one, one?.teamId)
        }
    }
}
