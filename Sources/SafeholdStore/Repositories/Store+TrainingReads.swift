import Foundation
import SQLKit
import SafeholdCore

/// One worker's training as the register, the team view and the workforce dashboard read it: plain values.
public struct WorkerTraining: Hashable, Sendable, Identifiable {
    public let worker: TrainingWorker
    /// Every entry, oldest first.
    public let records: [TrainingRecord]
    /// The standing on each course held or expected of the worker's role, in catalogue order.
    public let standing: [CourseStanding]

    public var id: UUID { worker.id }
    public var current: [CourseStanding] { standing.filter { $0.state == .current || $0.state == .expiring } }
    public var expired: [CourseStanding] { standing.filter { $0.state == .expired } }
    public var missing: [CourseStanding] { standing.filter { $0.state == .missing } }
    /// The courses expiring within `days` (one of the reminder windows).
    public func expiring(within days: Int) -> [CourseStanding] {
        standing.filter { $0.state == .expiring && ($0.windowDays ?? .max) <= days }
    }
}

extension Store {
    /// One worker's register (themself, their team manager, a senior role, a police colleague of the force);
    /// anyone else gets 404, audited.
    public func training(of user: UUID, context: AuditContext) async throws -> WorkerTraining {
        let worker = try await trainingWorkerAllowed(user, context: context)
        return try await database.withConnection { db in
            let records = try await self.trainingRecords(of: [user], on: db)
            return WorkerTraining(
                worker: worker, records: records,
                standing: self.ruleset.workforce.training.standing(of: records, role: worker.role, on: self.today))
        }
    }

    /// The active workers whose training the caller sees (senior roles everyone, a team manager their team,
    /// anyone else themself), optionally narrowed to one team, each with their standing today. The reusable
    /// read behind the team view and the workforce dashboard.
    public func workforceTraining(team: UUID? = nil, context: AuditContext) async throws -> [WorkerTraining] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let scope = TrainingAccess.readScope(actor)
        let scoped: SQLQueryString
        switch scope {
        case .all: scoped = "1 = 1"
        case .team(let t): scoped = "u.team_id = \(bind: t.db)"
        case .agency(let a): scoped = "u.agency_id = \(bind: a.db)"
        case .own(let u): scoped = "u.id = \(bind: u.db)"
        }
        let narrowed: SQLQueryString = team.map { "u.team_id = \(bind: $0.db)" } ?? "1 = 1"
        return try await database.withConnection { db in
            try await self.trainingStandings(where: "\(scoped) AND \(narrowed)", on: db)
        }
    }

    /// The active workers matching `condition` (on `users u`), each with every entry and their standing today.
    func trainingStandings(where condition: SQLQueryString, on db: any SQLDatabase) async throws -> [WorkerTraining] {
        let today = self.today, catalogue = ruleset.workforce.training
        let workers = try await db.raw(
            """
            SELECT u.id, u.display_name, u.role, u.agency_id, u.team_id, u.active, t.name AS team_name
            FROM users u LEFT JOIN teams t ON t.id = u.team_id
            WHERE u.active = 1 AND \(condition) ORDER BY t.name, u.display_name, u.id
            """
        ).all().map(Self.trainingWorker)
        var byUser: [UUID: [TrainingRecord]] = [:]
        if !workers.isEmpty {
            let rows = try await db.raw(
                """
                SELECT r.* FROM training_records r JOIN users u ON u.id = r.user_id
                WHERE u.active = 1 AND \(condition) ORDER BY r.completed_on, r.recorded_at
                """
            ).all().map(Self.trainingRecord)
            for r in rows { byUser[r.userId, default: []].append(r) }
        }
        return workers.map { w in
            let records = byUser[w.id] ?? []
            return WorkerTraining(
                worker: w, records: records, standing: catalogue.standing(of: records, role: w.role, on: today))
        }
    }

    /// The caller's own training entries that have expired or expire within the longest reminder window, and
    /// a team manager's team's: the training lines of their due list.
    public func trainingDue(context: AuditContext) async throws -> [(worker: TrainingWorker, standing: CourseStanding)]
    {
        let all = try await workforceTraining(context: context)
        guard let actor = context.actor else { return [] }
        return all.filter { $0.worker.id == actor.userId || actor.role == .teamManager }
            .flatMap { w in
                w.standing.filter { $0.state == .expiring || ($0.state == .expired && $0.expected) }
                    .map { (worker: w.worker, standing: $0) }
            }
            .sorted { ($0.standing.latest?.expiresOn ?? .minimum) < ($1.standing.latest?.expiresOn ?? .minimum) }
    }
}
