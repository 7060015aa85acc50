import Foundation

/// Which applications under the child sex offender disclosure scheme a user may open, as one named rule
/// the store asks both on one application and to scope a list. The scheme is run by the police: an
/// application is held by the police team that received it and is open to that team and to the MAPPA
/// coordinators of the same force. Nobody else reaches one, not the child's social worker (who learns of a
/// risk through the linked-child warning and the information-sharing record), not a partner agency, and
/// not another police team; they get the one 404 answer.
public enum DisclosureSchemeAccess {
    /// The applications a user handles.
    public enum Scope: Equatable, Sendable {
        /// Those held by this police team.
        case team(UUID)
        /// Every application held in this agency (the force's MAPPA coordinators).
        case agency(UUID)
        case none
    }

    /// Police officers handle their own team's applications; MAPPA coordinators every one of their force.
    public static func scope(_ actor: Actor) -> Scope {
        switch actor.role {
        case .police: actor.teamId.map(Scope.team) ?? .none
        case .mappaCoordinator: .agency(actor.agencyId)
        default: .none
        }
    }

    /// Whether `actor` may open and act on an application held by `holder`.
    public static func mayHandle(_ actor: Actor, holder: RecordOwner) -> Bool {
        switch scope(actor) {
        case .team(let team): team == holder.teamId && actor.agencyId == holder.agencyId
        case .agency(let agency): agency == holder.agencyId
        case .none: false
        }
    }

    /// Whether `actor` may receive a new application (held by their own team from then on).
    public static func mayReceive(_ actor: Actor) -> AccessDecision {
        guard actor.role == .police || actor.role == .mappaCoordinator else {
            return .denied("Applications under the child sex offender disclosure scheme are made to the police.")
        }
        return actor.teamId == nil
            ? .denied("You are not in a team: an application is held by the police team that receives it.")
            : .allowed
    }
}
