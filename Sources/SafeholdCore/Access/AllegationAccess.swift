import Foundation

/// The rules of allegations against people who work with children (DOMAIN.md sections 6 and 8). The
/// person an allegation is about is a restricted record by rule: only the LADO service and the people
/// it grants access by name find or open it, and a Safehold user who is that person never sees their
/// own record or case, whatever their role or grants.
extension AccessRule {
    /// The LADO service finds and opens the subject of every allegation.
    public static let ladoService = AccessRule("LADO service") { actor in
        actor.role == .lado ? .allegationSubject : .nobody
    }

    /// Nobody reaches the record of an allegation about themselves (the subject as a user).
    public static let notTheSubject = AccessRule("not the subject of the allegation") { actor in
        .notSubjectUser(actor.userId)
    }
}

extension AccessPolicy {
    /// Composes the record rules with the allegation rules: a working relationship (allocation, team,
    /// the front door, a joint enquiry) reaches a record unless it is an allegation's subject; a grant
    /// by name and the LADO service reach it either way; and none of them reaches the subject themselves.
    static func allegationRules(_ actor: Actor, relationships: [AccessRule], named: [AccessRule]) -> AccessScope {
        .all([
            AccessRule.notTheSubject.scope(actor),
            .any(
                [.all([.notAllegationSubject, .any(relationships.map { $0.scope(actor) })])]
                    + named.map { $0.scope(actor) }),
        ])
    }

    /// The refusal of every allegation to anyone outside the LADO service, and to its subject.
    public static let allegationOnlyLADO =
        "Only the LADO service records allegations against people who work with children."

    /// Whether `actor` may record a new allegation (the LADO service).
    public func mayRecordAllegations(_ actor: Actor) -> AccessDecision {
        actor.role == .lado ? .allowed : .denied(Self.allegationOnlyLADO)
    }

    /// Decides whether `actor` may see or work on an allegation: the LADO service, never the subject
    /// themselves (`subject`: the subject's record facts, naming every user recorded as that person);
    /// everyone else gets the one 404 answer, whether or not the case exists.
    public func decideAllegation(_ actor: Actor, subject: RecordAccessFacts) -> AccessDecision {
        guard actor.role == .lado, AccessRule.notTheSubject.scope(actor).matches(subject) else {
            return .denied(Self.noVisibleRecord)
        }
        return .allowed
    }
}
