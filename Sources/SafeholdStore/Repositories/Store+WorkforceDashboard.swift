import Foundation
import SQLKit
import SafeholdCore

/// The workforce dashboard's figures: the caseload, training, supervision and welfare reads of their own
/// parts, gathered for the teams the reader's dashboard covers (`WorkforceDashboardAccess`), audited as
/// one view. No child is named and no welfare check-in's content is read: counts only.
extension Store {
    public func workforceFigures(team: UUID?, context: AuditContext) async throws -> WorkforceFigures {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard let scope = WorkforceDashboardAccess.scope(actor), team.map(scope.covers) ?? true else {
            try await audit.record([context.event(.denied, "workforce", entityId: team, detail: "dashboard")])
            throw SafeholdError.forbidden(WorkforceDashboardAccess.refusal(actor))
        }
        let named = try await dashboardTeams(team ?? { if case .team(let own) = scope { own } else { nil } }())
        let ids = named.map(\.id)
        let today = self.today
        let since = today.adding(months: -11)
        let firstOfMonth = LocalDate(year: since.year, month: since.month, day: 1) ?? since
        let caseloads = try await list("caseload", detail: "workforce dashboard", context: context, people: { _ in [] })
        {
            db, listScope in try await self.loadCaseloads(ids, scope: listScope, on: db).map(\.summary)
        }
        let (training, supervision, welfare) = try await withReadConnection("workforce") { db in
            let inTeams: SQLQueryString = "u.team_id IN (\(binds: ids.map(\.db)))"
            return (
                try await self.trainingStandings(where: inTeams, on: db),
                try await self.standings(where: inTeams, on: db),
                try await self.welfareCheckInCounts(teams: ids, since: firstOfMonth, on: db)
            )
        }
        try await audit.recordReads([
            context.event(.read, "workforce", entityId: team, detail: "dashboard: \(ids.count) teams")
        ])
        let trainingBy = Dictionary(training.map { ($0.worker.id, $0) }, uniquingKeysWith: { a, _ in a })
        let supervisionBy = Dictionary(supervision.map { ($0.workerId, $0) }, uniquingKeysWith: { a, _ in a })
        let caseloadBy = Dictionary(caseloads.map { ($0.teamId, $0) }, uniquingKeysWith: { a, _ in a })
        return WorkforceFigures(
            today: today, since: firstOfMonth, capacity: ruleset.workforce.caseload.capacity,
            teams: named.map { t in
                let load = caseloadBy[t.id]
                return WorkforceFigures.Team(
                    id: t.id, name: t.name,
                    workers: (load?.workers ?? []).map { w in
                        Self.dashboardWorker(
                            w, team: t.id, training: trainingBy[w.workerId], supervision: supervisionBy[w.workerId])
                    },
                    unallocated: load?.unallocated ?? 0, welfareCheckIns: welfare[t.id] ?? 0)
            })
    }

    static func dashboardWorker(
        _ w: CaseloadSummary, team: UUID, training: WorkerTraining?, supervision: SupervisionStanding?
    ) -> WorkforceFigures.Worker {
        let standing = training?.standing ?? []
        let expected = standing.filter(\.expected)
        return WorkforceFigures.Worker(
            id: w.workerId, name: w.workerName, role: w.role, teamId: team, children: w.children, weighted: w.weighted,
            expectedCourses: expected.count,
            currentExpectedCourses: expected.filter { $0.state == .current || $0.state == .expiring }.count,
            expired: standing.filter { $0.state == .expired }.count,
            expiries: standing.filter { $0.state == .current || $0.state == .expiring }.compactMap {
                $0.latest?.expiresOn
            },
            supervisionDue: supervision?.nextDue)
    }

    /// The teams a dashboard covers: `team` alone (404 when there is none), or every team with an active member.
    private func dashboardTeams(_ team: UUID?) async throws -> [Team] {
        if let team {
            // One team read by its id: reading all 4,955 teams of a million-child authority to pick one cost a
            // tenth of a team dashboard.
            let found = try await database.withConnection { db in
                try await db.raw("SELECT * FROM teams WHERE id = \(bind: team.db)").first().map(Self.team)
            }
            guard let found else { throw SafeholdError.notFound("There is no such team.") }
            return [found]
        }
        let staffed = try await database.withConnection { db in
            Set(
                try await db.raw("SELECT DISTINCT team_id FROM users WHERE active = 1 AND team_id IS NOT NULL").all()
                    .map { try $0.uuid("team_id") })
        }
        return try await teams().filter { staffed.contains($0.id) }
    }

    /// Welfare check-ins per team since `since`: a count, never a row's content.
    private func welfareCheckInCounts(
        teams: [UUID], since: LocalDate, on db: any SQLDatabase
    ) async throws
        -> [UUID: Int]
    {
        guard !teams.isEmpty else { return [:] }
        let rows = try await db.raw(
            """
            SELECT team_id, COUNT(*) AS n FROM welfare_checkins
            WHERE team_id IN (\(binds: teams.map(\.db))) AND occurred_on >= \(bind: since.description) GROUP BY team_id
            """
        ).all()
        return Dictionary(try rows.map { (try $0.uuid("team_id"), try $0.int("n")) }, uniquingKeysWith: +)
    }
}
