import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Creates teams, each with its users, in one transaction, as the system does for a benchmark or a demo
    /// authority (thousands of teams: one transaction each would spend the time committing). Every team and user
    /// is checked and audited as `createTeam` and `createUser` would: valid usernames and names, usernames not
    /// taken, each user's role allowed in its team's agency. Refused for a person (an administrator creates
    /// accounts one at a time); one refusal writes nothing.
    package func bulkCreateTeams(
        _ teams: [(team: Team, users: [User])], passwordHash: String, context: AuditContext
    ) async throws {
        guard context.actor == nil else {
            throw SafeholdError.forbidden("Only the system creates teams in bulk.")
        }
        for (team, users) in teams {
            for user in users {
                try Self.checkNewAccount(user)
                guard user.teamId == team.id else {
                    throw SafeholdError.invalid([FieldError("teamId", "a user created with a team belongs to it")])
                }
                if let problem = CaseloadAccess.membershipProblem(
                    role: user.role, userAgency: user.agencyId, teamAgency: team.agencyId)
                {
                    throw SafeholdError.invalid([FieldError("teamId", problem)])
                }
            }
        }
        try await database.transaction { db in
            var events: [AuditEvent] = []
            for (team, users) in teams {
                try await db.raw(
                    """
                    INSERT INTO teams (id, agency_id, name) \
                    VALUES (\(bind: team.id.db), \(bind: team.agencyId.db), \(bind: team.name))
                    """
                ).run()
                events.append(context.event(.create, "team", entityId: team.id, detail: team.name))
                for user in users {
                    try await self.insertUser(
                        user, passwordHash: passwordHash, mustChangePassword: false, passwordExpiresAt: nil,
                        totpSecret: nil, on: db)
                    events.append(
                        context.event(
                            .userCreated, "user", entityId: user.id, detail: "\(user.username) as \(user.role.rawValue)"
                        ))
                }
            }
            try await self.audit.append(events, on: db)
        }
    }
}
