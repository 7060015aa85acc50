import Foundation
import SQLKit
import SafeholdCore

/// A police team, as a social worker names it for a joint enquiry decided at a strategy discussion.
public struct PoliceTeam: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let name: String
    public let agencyId: UUID
    public let agencyName: String
}

/// A police officer of the caller's force, with the accreditations they hold: who may be named officer
/// in the case, supervising officer, designated officer or (with a current ABE accreditation) interviewer.
public struct PoliceOfficer: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let displayName: String
    public let teamId: UUID?
    public let teamName: String?
    public let accreditations: [Accreditation]
}

extension Store {
    /// Every police team, for naming the team that investigates jointly. Teams and forces only: no
    /// child's record, so nothing to audit.
    public func policeTeamDirectory(context: AuditContext) async throws -> [PoliceTeam] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard actor.role.worksWithRecords else {
            throw SafeholdError.forbidden("Your role (\(actor.role.label)) does not work with children's records.")
        }
        return try await database.withConnection { db in
            try await db.raw(
                """
                SELECT t.id, t.name, t.agency_id, a.name AS agency_name FROM teams t
                JOIN agencies a ON a.id = t.agency_id WHERE a.kind = 'police' ORDER BY a.name, t.name
                """
            ).all().map {
                PoliceTeam(
                    id: try $0.uuid("id"), name: try $0.string("name"), agencyId: try $0.uuid("agency_id"),
                    agencyName: try $0.string("agency_name"))
            }
        }
    }

    /// The active police officers of the acting officer's force, with their accreditations.
    public func policeOfficerDirectory(context: AuditContext) async throws -> [PoliceOfficer] {
        let actor = try policeActor(context)
        return try await database.withConnection { db in
            let rows = try await db.raw(
                """
                SELECT u.id, u.display_name, u.team_id, t.name AS team_name FROM users u
                LEFT JOIN teams t ON t.id = u.team_id
                WHERE u.role = 'police' AND u.active = 1 AND u.agency_id = \(bind: actor.agencyId.db)
                ORDER BY u.display_name, u.id
                """
            ).all()
            let ids = try rows.map { try $0.uuid("id") }
            let held = try await self.accreditations(of: ids, on: db)
            return try rows.map { row in
                let id = try row.uuid("id")
                return PoliceOfficer(
                    id: id, displayName: try row.string("display_name"), teamId: try row.optionalUUID("team_id"),
                    teamName: try row.optionalString("team_name"),
                    accreditations: held.filter { $0.userId == id }.sorted { $0.expiresOn < $1.expiresOn })
            }
        }
    }
}
