import Foundation

/// Who sees the performance (timeliness) dashboard and whose figures: the senior roles every team's,
/// a team manager their own team's, a social worker or front-door worker their own. The figures name no
/// child; the children behind a figure are listed through the access policy, so a role that opens no
/// record (a performance analyst) sees how many children there are, never their names.
public enum PerformanceAccess {
    /// Whose figures a reader's dashboard covers.
    public enum Scope: Hashable, Sendable {
        case all
        case team(UUID)
        case worker(UUID)
    }

    /// The roles that see the whole service's figures.
    public static let seniorRoles = TrainingAccess.seniorRoles

    /// The dashboard `actor` sees, or nil when their role has none.
    public static func scope(_ actor: Actor) -> Scope? {
        if seniorRoles.contains(actor.role) { return .all }
        switch actor.role {
        case .teamManager: return actor.teamId.map(Scope.team)
        case .socialWorker, .frontDoor: return .worker(actor.userId)
        default: return nil
        }
    }

    /// Whether `actor` may see the figures of `team` (nil: any) and `worker` (nil: any) in that team,
    /// given the worker's own team.
    public static func allows(_ actor: Actor, team: UUID?, worker: UUID?, workersTeam: UUID?) -> Bool {
        switch scope(actor) {
        case .none: false
        case .all: team == nil || worker == nil || workersTeam == team
        case .team(let own): (team ?? own) == own && (worker == nil || workersTeam == own)
        case .worker(let me): team == nil && worker == me
        }
    }

    /// Why `actor` is refused the dashboard, or the part of it asked for.
    public static func refusal(_ actor: Actor) -> String {
        switch scope(actor) {
        case .none:
            "The performance dashboard is for social workers, team managers and senior leaders; your role "
                + "(\(actor.role.label)) does not see it."
        case .team: "You see the performance figures of your own team and its workers only."
        case .worker: "You see your own performance figures only."
        case .all: "That worker is not in the team asked for."
        }
    }
}
