import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The LADO service's due items for `notifyDueItems`: an initial consideration not yet made and an
    /// open action on an open case, noticed once when due soon and once when overdue. The LADO service
    /// holds the work, so its users are told (never a LADO who is the subject of the case); the notice
    /// names the subject and is audited against them.
    func notifyAllegationsDue(
        today: LocalDate, horizon: String, ruleset: Ruleset, context: AuditContext, on db: any SQLDatabase
    ) async throws -> Int {
        let rows = try await db.raw(
            """
            SELECT a.id AS ref, a.subject_id, a.subject_user_id, 'Make the initial consideration' AS what,
                a.consideration_due AS due_on, p.given_name, p.family_name
            FROM allegations a JOIN persons p ON p.id = a.subject_id
            WHERE a.considered_on IS NULL AND a.resolved_on IS NULL AND a.consideration_due <= \(bind: horizon)
            UNION ALL
            SELECT x.id AS ref, a.subject_id, a.subject_user_id, x.what, x.due_on, p.given_name, p.family_name
            FROM allegation_actions x JOIN allegations a ON a.id = x.allegation_id JOIN persons p ON p.id = a.subject_id
            WHERE x.done_on IS NULL AND a.resolved_on IS NULL AND x.due_on <= \(bind: horizon)
            """
        ).all()
        var noticed = 0
        for row in rows {
            let due = try row.date("due_on")
            let status = Timeliness.status(of: due, today: today, calendar: ruleset.calendar)
            guard status != .onTrack else { continue }
            let subject = try row.uuid("subject_id"), what = try row.string("what")
            let key = "\(try row.uuid("ref").text)|allegation|\(due)|\(status.rawValue)"
            guard try await self.claimDueNotice(key, person: subject, on: db) else { continue }
            let excluded = try row.optionalUUID("subject_user_id")
            let users = try await db.raw("SELECT id FROM users WHERE role = 'lado' AND active = 1").all()
                .map { try $0.uuid("id") }.filter { $0 != excluded }
            let name = try Self.name(row, "given_name", "family_name")
            let short = String(what.prefix(200))
            let text =
                status == .overdue
                ? "Overdue on the allegation about \(name): \(short) was due on \(due.display)."
                : "Due soon on the allegation about \(name): \(short), due on \(due.display)."
            try await notify(users, .due, about: subject, text, on: db)
            try await audit.append(
                [
                    context.event(
                        .create, "notification", personId: subject,
                        detail: "allegation due item \(status.rawValue), \(users.count) told")
                ], on: db)
            noticed += 1
        }
        return noticed
    }
}
