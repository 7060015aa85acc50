import Foundation

/// Who records and who sees what of the information-sharing record (DOMAIN.md section 7), as named
/// rules the store asks both when it acts on one child and when it scopes a list:
///
/// - children's social care who may change a child's record record its disclosures and decisions not
///   to disclose, and answer requests about it;
/// - children's social care who may open the child, and the data protection officer and auditors for
///   every child, see the child's whole sharing record (disclosures, decisions, requests);
/// - a receiving agency's users (partners, police, LADO, MAPPA) see only what was shared with their own
///   agency and their agency's own requests with the answers: never the records linked, the reasons
///   about the family, another agency's disclosures, or anything else on the child's file;
/// - unscheduled care, analysts and administrators see none of it.
public enum SharingAccess {
    /// Records a disclosure or a decision not to disclose, and answers requests (the store also asks
    /// `edit` on the child).
    public static func mayRecord(_ actor: Actor) -> AccessDecision {
        actor.role.isChildrensSocialCare
            ? .allowed
            : .denied("Only children's social care records what it shares with other agencies, and why.")
    }

    /// The action the store asks on a child before showing the child's whole sharing record: the data
    /// protection officer and auditors read every child's (as they read every access log); children's
    /// social care need to be able to open the child. Nil: the role never sees a child's whole record of
    /// sharing, only its own agency's slice.
    public static func childsRecordAction(_ actor: Actor) -> PersonAction? {
        if actor.role.readsAccessLog { return .viewAccessLog }
        return actor.role.isChildrensSocialCare ? .view : nil
    }

    /// Why a role without `childsRecordAction` is refused the child's sharing record.
    public static let notTheWholeRecord =
        "Your role sees only what was shared with your own agency: open \"Shared with us\"."

    /// Who may be named as having taken the decision, besides the recorder: a team manager of the
    /// recorder's own service (their manager, or the manager covering).
    public static func mayTakeDecision(role: Role, agency: UUID, for actor: Actor) -> Bool {
        role == .teamManager && agency == actor.agencyId
    }

    /// The service-wide register of disclosures and requests: the data protection officer and auditors.
    public static func mayReadRegister(_ actor: Actor) -> AccessDecision {
        actor.role.readsAccessLog
            ? .allowed : .denied("Only the data protection officer and auditors read the register of sharing.")
    }

    /// Roles that receive shared information for their agency and may ask for it.
    static func receives(_ role: Role) -> Bool {
        switch role {
        case .partner, .police, .lado, .mappaCoordinator: true
        default: false
        }
    }

    /// The agency whose "shared with us" list the actor sees, or nil when the role sees none.
    public static func receivingAgency(_ actor: Actor) -> UUID? {
        receives(actor.role) ? actor.agencyId : nil
    }

    /// Raises a request for information for the actor's own agency, about a child they can find by name.
    public static func mayRaiseRequest(_ actor: Actor) -> AccessDecision {
        receives(actor.role)
            ? .allowed : .denied("Your role (\(actor.role.label)) does not ask children's services for information.")
    }

    /// Records a request received by telephone, letter, email or in a meeting (as for a disclosure).
    public static func mayRecordReceivedRequest(_ actor: Actor) -> AccessDecision { mayRecord(actor) }

    /// Whether the actor's agency may read a disclosure: only one made to it, and only when something was
    /// shared (a decision not to share keeps its reasons on the child's file; the requester reads the
    /// answer to their request instead).
    public static func agencySees(_ actor: Actor, recipientAgency: UUID, decision: SharingDecision) -> Bool {
        receivingAgency(actor) == recipientAgency && decision == .disclosed
    }

    /// Whether the actor's agency may read a request and its answer: only its own.
    public static func agencySees(_ actor: Actor, requestingAgency: UUID) -> Bool {
        receivingAgency(actor) == requestingAgency
    }
}
