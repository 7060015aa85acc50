import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Reminds each active worker, and their team's managers, that a register entry expires within one of the
    /// catalogue's reminder windows (90, 60, 30 days): once per entry and window (`training_reminders`), and
    /// only for the entry that is current longest for that worker and course (a renewal silences the old
    /// one). Runs in the due notices' transaction; returns how many reminders were sent now.
    func notifyTrainingExpiry(context: AuditContext, on db: any SQLDatabase) async throws -> Int {
        let catalogue = ruleset.workforce.training, today = self.today
        guard let longest = catalogue.reminderDays.last else { return 0 }
        let rows = try await db.raw(
            """
            SELECT r.id, r.user_id, r.course, r.expires_on, u.display_name, u.team_id FROM training_records r
            JOIN users u ON u.id = r.user_id
            WHERE u.active = 1 AND r.expires_on >= \(bind: today.description)
            AND r.expires_on <= \(bind: today.adding(days: longest).description)
            AND NOT EXISTS (SELECT 1 FROM training_records n WHERE n.user_id = r.user_id AND n.course = r.course
                AND n.id <> r.id AND (n.expires_on IS NULL OR n.expires_on > r.expires_on
                    OR (n.expires_on = r.expires_on AND n.id > r.id)))
            ORDER BY r.expires_on, r.id
            """
        ).all()
        var sent = 0
        for row in rows {
            let expires = try row.date("expires_on")
            guard let window = catalogue.reminderWindow(expiresOn: expires, today: today),
                let course = catalogue.course(try row.string("course"))
            else { continue }
            let record = try row.uuid("id"), user = try row.uuid("user_id")
            let fresh = try await db.raw(
                """
                INSERT INTO training_reminders (record_id, window_days, sent_at)
                VALUES (\(bind: record.db), \(bind: window), \(bind: nowText))
                ON CONFLICT (record_id, window_days) DO NOTHING RETURNING record_id
                """
            ).all()
            guard !fresh.isEmpty else { continue }
            try await notify(
                [user], .due, about: nil,
                "Your \(course.label) expires on \(expires.display) (within \(window) days): renew it and record "
                    + "it in your training.", on: db)
            var managers: [UUID] = []
            if let team = try row.optionalUUID("team_id") {
                managers = try await db.raw(
                    """
                    SELECT id FROM users WHERE team_id = \(bind: team.db) AND role = 'team_manager' AND active = 1
                    AND id <> \(bind: user.db)
                    """
                ).all().map { try $0.uuid("id") }
                try await notify(
                    managers, .due, about: nil,
                    "\(try row.string("display_name"))'s \(course.label) expires on \(expires.display) "
                        + "(within \(window) days).", on: db)
            }
            try await audit.append(
                [
                    context.event(
                        .create, "notification", entityId: user,
                        detail: "training expiry \(course.code) within \(window) days, \(managers.count + 1) told")
                ], on: db)
            sent += 1
        }
        return sent
    }
}
