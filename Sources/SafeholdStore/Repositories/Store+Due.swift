import Foundation
import SafeholdCore
import SQLKit

/// A line of a due list: which child, what is due, when, and how it stands today.
public struct DueLine: Sendable, Hashable {
    public let child: PersonSummary
    public let episodeId: UUID
    public let item: DueItem
}

/// Whose due list: the actor's own children, their team's, or every child they may open.
public enum DueListScope: String, Sendable, CaseIterable {
    case mine, team, service
}

extension Store {
    /// Overdue and due-soon steps, oldest first, for the chosen scope; always within what the actor may open.
    public func dueList(_ scope: DueListScope, ruleset: Ruleset = .england2025, context: AuditContext,
                        limit: Int = 500) async throws -> [DueLine] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let now = clock.now(), today = self.today
        let view = AccessSQL.predicate(policy.scope(for: actor, .view), now: now)
        let narrowed: SQLQueryString
        switch scope {
        case .mine: narrowed = AccessSQL.predicate(.allocatedWorker(actor.userId), now: now)
        case .team: narrowed = actor.teamId.map { AccessSQL.predicate(.allocatedTeam($0), now: now) } ?? "1 = 0"
        case .service: narrowed = "1 = 1"
        }
        let horizon = ruleset.calendar.adding(workingDays: Timeliness.dueSoonWindow, to: today)
        let lines = try await database.withConnection { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view, d.episode_id, d.what, d.due_on
                FROM episode_due d JOIN persons p ON p.id = d.person_id
                WHERE d.due_on <= \(bind: horizon.description) AND \(narrowed) AND \(view)
                ORDER BY d.due_on, p.family_name LIMIT \(literal: limit)
                """).all().map { row -> DueLine in
                let due = LocalDate(iso: try row.string("due_on")) ?? today
                return DueLine(child: try Self.summary(row), episodeId: try row.uuid("episode_id"),
                               item: DueItem(what: try row.string("what"), dueOn: due,
                                             status: Timeliness.status(of: due, today: today, calendar: ruleset.calendar)))
            }
        }
        try await audit.recordRead(context.event(.read, "due_list", detail: "\(scope.rawValue): \(lines.count) lines"))
        return lines
    }
}
