import Foundation
import SafeholdCore

/// Predicted breaches: the statutory steps on episodes that fall due from today to three working days on
/// (`Timeliness.dueSoonWindow`) and are not done, so will be late unless something happens now. Read from
/// the `episode_due` cache of each open episode's next steps, for that window only, scoped as the due list
/// is and audited as a list (one entry naming every child shown).
extension Store {
    /// The reader's own children's steps about to be late, and their team's (for a team manager).
    public func predictedBreaches(
        ruleset: Ruleset = .england2025, context: AuditContext, limit: Int = 200
    ) async throws -> (mine: [DueLine], team: [DueLine]) {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard actor.role.isChildrensSocialCare else { return ([], []) }
        let mine = try await dueSoonSteps(.mine, ruleset: ruleset, context: context, limit: limit)
        guard actor.role == .teamManager, actor.teamId != nil else { return (mine, []) }
        let team = try await dueSoonSteps(.team, ruleset: ruleset, context: context, limit: limit)
        return (mine, team)
    }

    private func dueSoonSteps(
        _ scope: DueListScope, ruleset: Ruleset, context: AuditContext, limit: Int
    ) async throws -> [DueLine] {
        let today = self.today
        let horizon = ruleset.calendar.adding(workingDays: Timeliness.dueSoonWindow, to: today)
        return try await list(
            "predicted_breaches", detail: scope.rawValue, context: context, people: { [$0.child.id] }
        ) { db, access in
            try await self.dueSteps(
                narrowed: Self.dueScope(scope, access), access: access, from: today, through: horizon,
                ruleset: ruleset, limit: limit, on: db
            ).lines
        }
    }
}
