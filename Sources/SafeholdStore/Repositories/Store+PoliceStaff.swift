import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Teams of police agencies, for a strategy discussion that names the team investigating jointly.
    public func policeTeams() async throws -> [Team] {
        try await database.withConnection { db in
            try await db.raw(
                """
                SELECT t.* FROM teams t JOIN agencies a ON a.id = t.agency_id WHERE a.kind = 'police' ORDER BY t.name
                """
            ).all().map { Team(id: try $0.uuid("id"), agencyId: try $0.uuid("agency_id"), name: try $0.string("name")) }
        }
    }

    /// The active police officers of a force, for the officer, supervisor and interviewer choices.
    public func policeOfficers(of agency: UUID) async throws -> [User] {
        try await database.withConnection { db in
            try await db.raw(
                """
                SELECT * FROM users WHERE agency_id = \(bind: agency.db) AND role = 'police' AND active = 1
                ORDER BY display_name
                """
            ).all().map { try Self.account($0).user }
        }
    }
}
