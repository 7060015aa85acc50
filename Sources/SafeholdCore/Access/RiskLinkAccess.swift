import Foundation

/// Who may link a person who poses a risk to a child, and who decides whether a strategy discussion is
/// needed (DOMAIN.md sections 5 and 8), as named rules the store asks on every link:
///
/// - the MAPPA coordinator, the police and the person's offender manager link any child they can find by
///   name (they manage the person, not the child, and learn nothing of the child's record by it);
/// - children's social care link a child whose record they may change;
/// - only children's social care who may change the child's record decide on the strategy discussion;
/// - everyone who may open the child sees the warning and the named officer, and the person's name only
///   when they may also see the person's risk profile (`RiskAccess`); never the MAPPA detail.
public enum RiskLinkAccess {
    /// Whether `actor` may link a person to a child. `offenderManager` is the user named on the person's
    /// risk profile; `mayChangeChild` whether the actor may change the child's record.
    public static func mayLink(_ actor: Actor, offenderManager: UUID?, mayChangeChild: Bool) -> AccessDecision {
        if actor.role == .mappaCoordinator || actor.role == .police { return .allowed }
        if let offenderManager, offenderManager == actor.userId { return .allowed }
        if actor.role.isChildrensSocialCare && mayChangeChild { return .allowed }
        return .denied(
            "Links to children are made by the MAPPA coordinator, the police, the person's offender manager, "
                + "or children's social care who may change the child's record.")
    }

    /// Whether `actor` may record the strategy discussion decision on a link to a child, or end a link.
    public static func mayDecide(_ actor: Actor, mayChangeChild: Bool) -> AccessDecision {
        actor.role.isChildrensSocialCare && mayChangeChild
            ? .allowed
            : .denied("Children's social care who hold the child decide whether a strategy discussion is needed.")
    }
}
