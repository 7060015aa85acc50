import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Records the signed-in worker's private welfare check-in. The audit says only that one was recorded,
    /// never its content. When the worker shares it with their supervisor and wants support, the team's
    /// managers are told that they asked for support (not what happened or how they are); otherwise nobody
    /// is told. Returns the check-in and the support offered.
    public func recordCheckIn(_ draft: WelfareCheckInDraft, context: AuditContext) async throws -> WelfareCheckIn {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard WorkforceAccess.mayCheckIn(actor) else {
            try await audit.record([context.event(.denied, "welfare_checkin", detail: "role records no check-ins")])
            throw SafeholdError.forbidden("Welfare check-ins are for the service's own staff.")
        }
        let (event, support) = try draft.validate(today: today)
        let howIAm = draft.howIAm.trimmingCharacters(in: .whitespacesAndNewlines)
        let checkIn = WelfareCheckIn(
            id: ids.next(), occurredOn: draft.occurredOn, event: event, howIAm: howIAm, support: support,
            shareWithSupervisor: draft.shareWithSupervisor)
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO welfare_checkins (id, worker_id, team_id, occurred_on, event, how_i_am, support,
                    share_with_supervisor, recorded_at)
                VALUES (\(bind: checkIn.id.db), \(bind: actor.userId.db), \(bind: actor.teamId?.db),
                    \(bind: draft.occurredOn.description), \(bind: event.rawValue), \(bind: howIAm),
                    \(bind: support.rawValue), \(bind: draft.shareWithSupervisor.db), \(bind: self.nowText))
                """
            ).run()
            if draft.shareWithSupervisor, support != .none, let team = actor.teamId {
                let managers = try await db.raw(
                    """
                    SELECT id FROM users WHERE team_id = \(bind: team.db) AND role = 'team_manager' AND active = 1
                    AND id <> \(bind: actor.userId.db)
                    """
                ).all().map { try $0.uuid("id") }
                try await self.notify(
                    managers, .informationShared, about: nil,
                    "\(actor.displayName) recorded a welfare check-in after distressing work, shared it with you and "
                        + "would like support. Please speak with them.", on: db)
            }
            try await self.audit.append(
                [context.event(.create, "welfare_checkin", entityId: checkIn.id, detail: "a check-in was recorded")],
                on: db)
        }
        return checkIn
    }

    /// The signed-in worker's own check-ins, newest first. Nobody else reads a check-in's content.
    public func myCheckIns(context: AuditContext) async throws -> [WelfareCheckIn] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let rows = try await database.withConnection { db in
            try await db.raw(
                """
                SELECT * FROM welfare_checkins WHERE worker_id = \(bind: actor.userId.db)
                ORDER BY occurred_on DESC, recorded_at DESC
                """
            ).all().map { row in
                WelfareCheckIn(
                    id: try row.uuid("id"), occurredOn: try row.date("occurred_on"),
                    event: try row.code("event", as: DistressingEvent.self),
                    howIAm: try row.optionalString("how_i_am") ?? "",
                    support: try row.code("support", as: WelfareSupport.self),
                    shareWithSupervisor: try row.flag("share_with_supervisor"))
            }
        }
        try await audit.recordReads([
            context.event(.read, "welfare_checkin", entityId: actor.userId, detail: "own check-ins: \(rows.count)")
        ])
        return rows
    }

    /// The check-ins `worker` chose to share with their supervisor: the date only.
    func sharedCheckIns(of worker: User, on db: any SQLDatabase) async throws -> [SharedCheckIn] {
        try await db.raw(
            """
            SELECT occurred_on FROM welfare_checkins
            WHERE worker_id = \(bind: worker.id.db) AND share_with_supervisor = 1 ORDER BY occurred_on DESC
            """
        ).all().map {
            SharedCheckIn(workerId: worker.id, workerName: worker.displayName, occurredOn: try $0.date("occurred_on"))
        }
    }

    /// How many check-ins each team of the manager's agency recorded per month (`YYYY-MM`), newest month
    /// first, over the last `months` months: the reusable read for the workforce dashboard. Counts only,
    /// never content; a team manager only (anyone else 403, audited).
    public func welfareCounts(months: Int = 12, context: AuditContext) async throws -> [WelfareCount] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard let agency = WorkforceAccess.welfareCountAgency(for: actor) else {
            try await audit.record([context.event(.denied, "welfare_checkin", detail: "counts by team")])
            throw SafeholdError.forbidden("Only a team manager sees welfare check-in counts.")
        }
        let since = today.adding(months: -max(1, min(months, 120)) + 1)
        let from = LocalDate(year: since.year, month: since.month, day: 1) ?? since
        let counts = try await database.withConnection { db in
            try await db.raw(
                """
                SELECT t.id AS team_id, t.name AS team_name, SUBSTR(w.occurred_on, 1, 7) AS month, COUNT(*) AS n
                FROM welfare_checkins w JOIN teams t ON t.id = w.team_id
                WHERE t.agency_id = \(bind: agency.db) AND w.occurred_on >= \(bind: from.description)
                GROUP BY t.id, t.name, SUBSTR(w.occurred_on, 1, 7) ORDER BY month DESC, t.name
                """
            ).all().map {
                WelfareCount(
                    teamId: try $0.uuid("team_id"), teamName: try $0.string("team_name"),
                    month: try $0.string("month"), count: try $0.int("n"))
            }
        }
        try await audit.recordReads([
            context.event(.search, "welfare_checkin", detail: "counts by team and month: \(counts.count) rows")
        ])
        return counts
    }
}
