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
        let histories = try await performanceHistories(period)
        var events: [PerformanceEvent] = []
        for (history, holder) in histories {
            if let worker, holder.worker != worker { continue }
            if worker == nil, let team, holder.team != team { continue }
            for var event in PerformanceMeasures.events(history, period: period, today: today, ruleset: ruleset) {
                event.teamId = holder.team
                event.workerId = holder.worker
                events.append(event)
            }
        }
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

    /// Every child with an episode open at some point in `period` or a contact received in it: their
    /// histories and who holds them (the current allocation, one with a worker first; else the last one).
    func performanceHistories(
        _ period: PerformancePeriod
    ) async throws -> [(PerformanceHistory, (team: UUID?, worker: UUID?))] {
        let from = period.from.description, to = period.to.description
        let relevant: SQLQueryString = """
            WITH rel(id) AS (
                SELECT person_id FROM episodes WHERE referral_date <= \(bind: to)
                    AND (closed_on IS NULL OR closed_on >= \(bind: from))
                UNION SELECT cc.person_id FROM contact_children cc JOIN contacts c ON c.id = cc.contact_id
                    WHERE c.received_on >= \(bind: from) AND c.received_on <= \(bind: to))
            """
        let (steps, contacts, allocations) = try await database.withConnection { db in
            (
                try await db.raw(
                    """
                    \(relevant)
                    SELECT e.id AS episode_id, e.person_id, e.referral_date, e.closed_on, s.id AS step_id, s.payload,
                        s.authorised_at
                    FROM rel JOIN episodes e ON e.person_id = rel.id
                        LEFT JOIN episode_steps s ON s.episode_id = e.id AND s.kind <> 'core_group'
                    ORDER BY e.person_id, e.referral_date, e.id, s.position
                    """
                ).all(),
                try await db.raw(
                    """
                    SELECT cc.person_id, c.received_on, c.decided_at FROM contacts c
                    JOIN contact_children cc ON cc.contact_id = c.id
                    WHERE c.received_on >= \(bind: from) AND c.received_on <= \(bind: to)
                    """
                ).all(),
                try await db.raw(
                    """
                    \(relevant)
                    SELECT a.person_id, a.team_id, a.worker_id, a.started_at, a.ended_at
                    FROM rel JOIN allocations a ON a.person_id = rel.id
                    """
                ).all()
            )
        }
        var histories: [UUID: PerformanceHistory] = [:]
        var order: [UUID] = []
        func history(_ person: UUID) -> PerformanceHistory {
            if let found = histories[person] { return found }
            order.append(person)
            return PerformanceHistory(personId: person)
        }
        let decoder = JSONDecoder()
        var current: (id: UUID, person: UUID, referral: LocalDate, closed: LocalDate?, steps: [RecordedStep])?
        func flush() {
            guard let e = current else { return }
            var h = history(e.person)
            h.episodes.append(.init(id: e.id, referralDate: e.referral, closedOn: e.closed, steps: e.steps))
            histories[e.person] = h
            current = nil
        }
        for row in steps {
            let episode = try row.uuid("episode_id")
            if current?.id != episode {
                flush()
                current = try (
                    episode, row.uuid("person_id"), row.date("referral_date"), row.optionalDate("closed_on"), []
                )
            }
            if let stepId = try row.optionalUUID("step_id") {
                let step: EpisodeStep = try row.json("payload", decoder: decoder)
                let authorisedAt = try row.optionalTimestamp("authorised_at")
                current?.steps.append(
                    RecordedStep(
                        id: stepId, episodeId: episode, step: step, recordedAt: .distantPast, recordedBy: "",
                        authorisedAt: authorisedAt))
            }
        }
        flush()
        for row in contacts {
            let person = try row.uuid("person_id")
            var h = history(person)
            let receivedOn = try row.date("received_on")
            let decidedAt = try row.optionalTimestamp("decided_at")
            h.contacts.append(.init(receivedOn: receivedOn, decidedOn: decidedAt.map { ruleset.date(of: $0) }))
            histories[person] = h
        }
        let holders = try Self.holders(allocations)
        return order.compactMap { person in
            histories[person].map { ($0, holders[person] ?? (nil, nil)) }
        }
    }

    /// Who holds each child: a current allocation (one naming a worker first, then the latest), else the
    /// allocation that ended last.
    static func holders(_ rows: [any SQLRow]) throws -> [UUID: (team: UUID?, worker: UUID?)] {
        var best: [UUID: (rank: (Int, Int, String), team: UUID?, worker: UUID?)] = [:]
        for row in rows {
            let person = try row.uuid("person_id")
            let worker = try row.optionalUUID("worker_id")
            let ended = try row.optionalString("ended_at")
            // Current before ended; with a worker before without; then the latest change.
            let started = try row.string("started_at")
            let rank = (ended == nil ? 1 : 0, worker == nil ? 0 : 1, ended ?? started)
            if let found = best[person], found.rank >= rank { continue }
            best[person] = (rank, try row.optionalUUID("team_id"), worker)
        }
        return best.mapValues { (team: $0.team, worker: $0.worker) }
    }
}
