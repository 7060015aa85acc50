import Foundation
import SQLKit
import SafeholdCore

/// A member of a team as its page lists them: their own agency and role (an embedded member of a
/// joint team keeps both).
public struct TeamMember: Hashable, Sendable {
    public let userId: UUID
    public let displayName: String
    public let role: Role
    public let agencyName: String
    /// The member belongs to another agency than the team's (embedded in a joint team).
    public let embedded: Bool
    public let active: Bool
}

/// Joint and embedded teams: an administrator puts a user of one agency in a team of another (a social
/// worker in the police child abuse investigation team, a health practitioner at the front door). The
/// member keeps their own agency and role, so their own role's policy still applies, and the team's
/// allocations give them what they give every member (`AccessRule.allocatedTeam`).
extension Store {
    /// Moves a user into `team` (any agency's) or out of every team (nil). Administrators only; a
    /// worker who still holds children in their current team is refused (409) until they are reallocated.
    public func setTeam(_ userId: UUID, team: UUID?, context: AuditContext) async throws {
        try await accountWrite(
            context, refusal: context.event(.denied, "user", entityId: userId, detail: "team change")
        ) { db in
            let target = try await self.administeredUser(userId, context: context, on: db)
            if target.teamId == team { throw SafeholdError.conflict("The user is already in that team.") }
            var teamName = "no team"
            if let team {
                guard
                    let row = try await db.raw("SELECT name, agency_id FROM teams WHERE id = \(bind: team.db)").first()
                else { throw SafeholdError.invalid([FieldError("teamId", "there is no team with that id")]) }
                teamName = try row.string("name")
                if let problem = CaseloadAccess.membershipProblem(
                    role: target.role, userAgency: target.agencyId, teamAgency: try row.uuid("agency_id"))
                {
                    throw SafeholdError.invalid([FieldError("teamId", problem)])
                }
            }
            let held = try await self.heldRecords(by: userId, on: db)
            if held.children + held.others > 0 {
                throw Self.stillHolds(target.displayName, held, doing: "move them to another team")
            }
            try await db.raw("UPDATE users SET team_id = \(bind: team?.db) WHERE id = \(bind: userId.db)").run()
            try await self.audit.append(
                [context.event(.update, "user", entityId: userId, detail: "\(target.username) moved to \(teamName)")],
                on: db)
        }
        credentials.forget(user: userId)
    }

    /// A team's members with their own agencies, managers first. For the team's managers and members,
    /// and administrators (no child is named).
    public func teamMembers(_ team: UUID, context: AuditContext) async throws -> [TeamMember] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard actor.role == .administrator || actor.teamId == team else {
            throw SafeholdError.forbidden("Only the team's own members and administrators see who is in a team.")
        }
        return try await database.withConnection { db in try await self.teamMembers(team, on: db) }
    }

    func teamMembers(_ team: UUID, on db: any SQLDatabase) async throws -> [TeamMember] {
        try await db.raw(
            """
            SELECT u.id, u.display_name, u.role, u.active, a.name AS agency_name,
                CASE WHEN u.agency_id = t.agency_id THEN 0 ELSE 1 END AS embedded
            FROM users u JOIN teams t ON t.id = u.team_id JOIN agencies a ON a.id = u.agency_id
            WHERE u.team_id = \(bind: team.db)
            ORDER BY CASE WHEN u.role = 'team_manager' THEN 0 ELSE 1 END, u.display_name
            """
        ).all().map { row in
            TeamMember(
                userId: try row.uuid("id"), displayName: try row.string("display_name"),
                role: try row.code("role", as: Role.self), agencyName: try row.string("agency_name"),
                embedded: try row.flag("embedded"), active: try row.flag("active"))
        }
    }
}
