import Foundation

/// Who sees the workforce dashboard: figures about workers (caseload sizes, training, supervision,
/// welfare check-in counts), never a child's name and never a check-in's content.
public enum WorkforceDashboardAccess {
    /// The teams a reader's dashboard covers.
    public enum Scope: Hashable, Sendable {
        /// Every team: the senior roles (administrators, auditors and inspectors, performance analysts).
        case all
        /// One team: its manager.
        case team(UUID)

        /// Whether the scope covers `team`.
        public func covers(_ team: UUID) -> Bool {
            switch self {
            case .all: true
            case .team(let own): own == team
            }
        }
    }

    /// The roles that see every team's figures: those that see the whole workforce's training.
    public static let seniorRoles = TrainingAccess.seniorRoles

    /// The dashboard `actor` sees, or nil when their role has none.
    public static func scope(_ actor: Actor) -> Scope? {
        if seniorRoles.contains(actor.role) { return .all }
        if actor.role == .teamManager, let team = actor.teamId { return .team(team) }
        return nil
    }

    /// Why `actor` is refused the dashboard (or one team's part of it).
    public static func refusal(_ actor: Actor) -> String {
        scope(actor) == nil
            ? "The workforce dashboard is for team managers and senior leaders; your role (\(actor.role.label)) "
                + "does not see it."
            : "You see the workforce figures of your own team only."
    }
}
