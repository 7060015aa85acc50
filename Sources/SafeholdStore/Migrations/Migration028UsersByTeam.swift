import Foundation

/// A team's members by team: the caseload page, the workforce dashboard and the team page each read a team's
/// members, and `users` had no index but its id's and user name's, so each read went through every account in the
/// authority (45,002 at a million children: 5 ms a read, twice on every caseload page).
enum Migration028UsersByTeam {
    static let migration = Migration(version: 28, name: "users by team") { _ in
        ["CREATE INDEX users_team ON users (team_id, active)"]
    }
}
