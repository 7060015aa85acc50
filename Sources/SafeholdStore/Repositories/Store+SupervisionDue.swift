import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Supervision's part of `notifyDueItems`: each worker whose supervision is overdue, told once per due
    /// date to the worker and their team's managers (`supervision_notices`); and each open oversight action
    /// due soon or overdue, told once per status to its owner (`due_notices`, against the child). Audited.
    func notifySupervisionDue(
        horizon: LocalDate, ruleset: Ruleset, context: AuditContext, on db: any SQLDatabase
    ) async throws -> Int {
        let today = self.today
        var noticed = 0
        for standing in try await standings(where: "u.team_id IS NOT NULL", on: db) where standing.isOverdue {
            let key = "supervision|\(standing.workerId.text)|\(standing.nextDue)"
            let fresh = try await db.raw(
                """
                INSERT INTO supervision_notices (item_key, worker_id, noticed_at)
                VALUES (\(bind: key), \(bind: standing.workerId.db), \(bind: nowText))
                ON CONFLICT (item_key) DO NOTHING RETURNING item_key
                """
            ).all()
            guard !fresh.isEmpty, let team = standing.teamId else { continue }
            let managers = try await db.raw(
                "SELECT id FROM users WHERE team_id = \(bind: team.db) AND role = 'team_manager' AND active = 1"
            ).all().map { try $0.uuid("id") }
            let told = [standing.workerId] + managers
            try await notify(
                told, .due, about: nil,
                "Overdue: supervision for \(standing.workerName) was due on \(standing.nextDue.display).", on: db)
            try await audit.append(
                [
                    context.event(
                        .create, "notification", entityId: standing.workerId,
                        detail: "supervision overdue, \(Set(told).count) told")
                ], on: db)
            noticed += 1
        }
        let actions = try await db.raw(
            """
            SELECT a.id, a.person_id, a.what, a.owner_id, a.due_on, p.given_name, p.family_name
            FROM oversight_actions a JOIN persons p ON p.id = a.person_id
            WHERE a.status = 'open' AND a.due_on <= \(bind: horizon.description)
            """
        ).all()
        for row in actions {
            let due = try row.date("due_on")
            let status = Timeliness.status(of: due, today: today, calendar: ruleset.calendar)
            guard status != .onTrack else { continue }
            let child = try row.uuid("person_id")
            let key = "oversight|\(try row.uuid("id").text)|\(due)|\(status.rawValue)"
            guard try await self.claimDueNotice(key, person: child, on: db) else { continue }
            let name = try Self.name(row, "given_name", "family_name")
            let what = String(try row.string("what").prefix(200))
            let text =
                status == .overdue
                ? "Overdue for \(name): the oversight action \"\(what)\" was due on \(due.display)."
                : "Due soon for \(name): the oversight action \"\(what)\", due on \(due.display)."
            try await notify([try row.uuid("owner_id")], .due, about: child, text, on: db)
            try await audit.append(
                [
                    context.event(
                        .create, "notification", personId: child, detail: "oversight action \(status.rawValue), 1 told")
                ], on: db)
            noticed += 1
        }
        return noticed
    }
}
