import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The due-list lines of referrals to services still awaiting the service's answer and of
    /// escalations whose current stage awaits its response, due by `horizon`, within the list's scope:
    /// the children the actor may open, and for escalations also those sent to the actor's team.
    func serviceDueLines(
        _ scope: DueListScope, narrowed: SQLQueryString, access: ListScope, horizon: LocalDate,
        calendar: WorkingCalendar, on db: any SQLDatabase
    ) async throws -> [DueLine] {
        let today = self.today
        let referrals = try await db.raw(
            """
            SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view, r.id AS referral_id, r.episode_id,
                t.label, r.provider, r.response_due_on
            FROM service_referrals r JOIN service_types t ON t.code = r.service_type
            JOIN persons p ON p.id = r.person_id
            WHERE r.status = 'sent' AND r.response_due_on <= \(bind: horizon.description) AND \(narrowed)
            AND \(access.view)
            """
        ).all().map { row -> DueLine in
            let due = try row.date("response_due_on")
            var line = DueLine(
                child: try Self.summary(row), episodeId: try row.uuid("episode_id"),
                item: DueItem(
                    what: "\(try row.string("label")) to answer the referral (\(try row.string("provider")))",
                    dueOn: due, status: Timeliness.status(of: due, today: today, calendar: calendar)))
            line.serviceReferralId = try row.uuid("referral_id")
            return line
        }
        let sentToTeam: SQLQueryString =
            access.actor.role.isChildrensSocialCare && scope != .mine && access.actor.teamId != nil
            ? "(e.team_id = \(bind: access.actor.teamId!.db) AND p.restricted = 0)" : "1 = 0"
        let holders = access.only(policy.escalationHolderScope(for: access.actor))
        let escalations = try await db.raw(
            """
            SELECT \(unsafeRaw: Self.summaryColumns), CASE WHEN \(access.view) THEN 1 ELSE 0 END AS can_view,
                e.id AS escalation_id, s.stage, s.due_on
            FROM escalations e JOIN escalation_steps s ON s.escalation_id = e.id AND s.stage = e.stage
            JOIN persons p ON p.id = e.person_id
            WHERE e.outcome IS NULL AND s.response IS NULL AND s.due_on <= \(bind: horizon.description)
            AND ((\(narrowed) AND \(holders)) OR \(sentToTeam))
            """
        ).all().map { row -> DueLine in
            let due = try row.date("due_on")
            var line = DueLine(
                child: try Self.summary(row), episodeId: nil,
                item: DueItem(
                    what: "Escalation: response to stage \(try row.int("stage"))", dueOn: due,
                    status: Timeliness.status(of: due, today: today, calendar: calendar)))
            line.escalationId = try row.uuid("escalation_id")
            return line
        }
        return referrals + escalations
    }
}
