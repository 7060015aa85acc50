import Foundation

/// Which partner requests (concerns raised and advice asked for) a user may read: the one rule the
/// store uses both to check one request and to scope a list of them.
public enum PartnerRequestScope: Equatable, Sendable {
    /// Only what this user raised: a partner sees their own concerns and questions, never a
    /// colleague's and never the rest of the child's record.
    case raisedBy(UUID)
    /// Every request: the front door and team managers, who receive and answer them.
    case all
    case none

    /// Whether a request raised by `raiser` is within the scope.
    public func includes(raisedBy raiser: UUID) -> Bool {
        switch self {
        case .raisedBy(let user): user == raiser
        case .all: true
        case .none: false
        }
    }
}

extension AccessPolicy {
    /// "Raised by me" for partner agencies; "front door" for those who receive partner requests.
    public func partnerRequestScope(_ actor: Actor) -> PartnerRequestScope {
        switch actor.role {
        case .partner: .raisedBy(actor.userId)
        case .frontDoor, .teamManager: .all
        default: .none
        }
    }

    /// Whether `actor` may raise a concern or ask for advice as a partner agency.
    public func mayRaisePartnerRequests(_ actor: Actor) -> AccessDecision {
        actor.role == .partner
            ? .allowed
            : .denied(
                "Your role (\(actor.role.label)) records contacts directly; "
                    + "raising a concern here is for partner agencies.")
    }

    /// Whether `actor` may answer partner requests: identify children, give advice.
    public func mayAnswerPartnerRequests(_ actor: Actor) -> AccessDecision {
        actor.role == .frontDoor || actor.role == .teamManager
            ? .allowed : .denied("Only the front door and team managers answer concerns and questions from partners.")
    }
}
