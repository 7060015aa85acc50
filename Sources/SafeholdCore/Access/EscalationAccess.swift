import Foundation

/// The facts an escalation's access is decided on: who raised it, the team that answers it (the
/// child's allocated team when it was raised, else the front door's), and the child's own facts.
public struct EscalationFacts: Hashable, Sendable {
    public let raisedBy: UUID
    public let respondingTeamId: UUID
    public let child: RecordAccessFacts

    public init(raisedBy: UUID, respondingTeamId: UUID, child: RecordAccessFacts) {
        self.raisedBy = raisedBy
        self.respondingTeamId = respondingTeamId
        self.child = child
    }
}

/// How an actor stands to an escalation: its raiser (who sees its progress and the child's name,
/// nothing else of the record), or one who answers it (the child's social care holders).
public enum EscalationStanding: String, Sendable {
    case raiser, responder
}

/// Things one may do with an escalation.
public enum EscalationAction: String, Sendable, CaseIterable {
    case view, respond, escalate, resolve
}

/// One named reason a user stands to an escalation.
public struct EscalationRule: Sendable {
    public let name: String
    let standing: EscalationStanding
    let scope: @Sendable (Actor, EscalationFacts) -> Bool

    /// The professional who raised it follows its progress (a partner included, with or without access
    /// to the child's record today).
    public static let raiser = EscalationRule(name: "raised it", standing: .raiser) { actor, facts in
        actor.userId == facts.raisedBy
    }

    /// The child's social care holders answer it: the allocated worker, and the allocated team with its
    /// managers (not on a restricted record, which only those named on it see).
    public static let childsHolders = EscalationRule(name: "child's holders", standing: .responder) { actor, facts in
        AccessPolicy().escalationHolderScope(for: actor).matches(facts.child)
    }

    /// The team it was sent to (the front door's, for a child no team holds), workers and managers.
    public static let respondingTeam = EscalationRule(name: "responding team", standing: .responder) { actor, facts in
        actor.role.isChildrensSocialCare && actor.teamId == facts.respondingTeamId && !facts.child.restricted
    }
}

extension AccessPolicy {
    /// The escalation rules, strongest standing first (a responder who also raised it answers nothing
    /// of their own, see `decideEscalation`).
    public static let escalationRules: [EscalationRule] = [.childsHolders, .respondingTeam, .raiser]

    /// Whether `actor` may raise an escalation about a child with `child` facts: anyone who may open
    /// the child's record (a partner through a grant included).
    public func mayRaiseEscalation(_ actor: Actor, child: RecordAccessFacts) -> AccessDecision {
        decide(actor, .view, child)
    }

    /// How `actor` stands to an escalation, if at all.
    public func standing(_ actor: Actor, _ facts: EscalationFacts) -> EscalationStanding? {
        let matched = Self.escalationRules.filter { $0.scope(actor, facts) }.map(\.standing)
        // Whoever raised it never answers it, whatever else they are.
        if matched.contains(.raiser) { return .raiser }
        return matched.first
    }

    /// Decides `action` on an escalation. Someone with no standing gets the one 404 answer; a raiser
    /// may follow, escalate and resolve (withdraw) but not answer their own escalation.
    public func decideEscalation(
        _ actor: Actor, _ action: EscalationAction, _ facts: EscalationFacts
    ) -> (decision: AccessDecision, seesRecord: Bool) {
        guard let standing = standing(actor, facts) else { return (.denied(Self.noVisibleRecord), false) }
        if action == .respond && standing == .raiser {
            return (.denied("You raised this escalation: the child's social care team responds to it."), true)
        }
        return (.allowed, true)
    }

    /// The escalations `actor` answers, as a scope on the child's record (the list adds the ones they
    /// raised and the ones sent to their team).
    public func escalationHolderScope(for actor: Actor) -> AccessScope {
        guard actor.role.isChildrensSocialCare else { return .nobody }
        let team = actor.teamId.map { AccessScope.all([.allocatedTeam($0), .unrestricted]) } ?? .nobody
        return .any([.allocatedWorker(actor.userId), team])
    }
}
