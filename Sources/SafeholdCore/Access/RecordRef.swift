import Foundation

/// A record named by the ids in a request: what one store operation acts on. The store resolves it
/// to the children it concerns (checking that a step or action really is on the episode named with
/// it), loads their access facts and asks the policy once for every child.
public enum RecordRef: Hashable, Sendable {
    /// A person's record.
    case person(UUID)
    /// An episode of need, which concerns its child.
    case episode(UUID)
    /// A recorded step, which must be on `episode`.
    case step(UUID, episode: UUID)
    /// An action on a plan, which must be on `episode`.
    case planAction(UUID, episode: UUID)
    /// A contact, which concerns every child on it.
    case contact(UUID)
    /// An entry (contact, step or note) on a child's chronology.
    case chronologyEntry(UUID, person: UUID)
    /// A police investigation, which concerns every child on it (victims and witnesses).
    case investigation(UUID)
    /// An ABE interview, which must be on `investigation`; it concerns the child interviewed.
    case interview(UUID, investigation: UUID)
    /// A child's police protection.
    case policeProtection(UUID)
    /// A police operation, which concerns every child on its investigations.
    case operation(UUID)
    /// An invitation to a conference or core group (with its agency report), which concerns the child
    /// of the meeting's episode; decided by `ContributionAccess`.
    case invitation(UUID)
    /// A plan action as the core group member assigned to it reaches it; decided by `ContributionAccess`.
    case assignedAction(UUID)
    /// A referral from a child's plan to a service, which concerns that child.
    case serviceReferral(UUID)
    /// An escalation of professional disagreement about a child, decided by the escalation rules.
    case escalation(UUID)
    /// A request from another agency for information about a child.
    case informationRequest(UUID)
    /// An adult's risk profile, which concerns that adult; decided by `RiskAccess`, never by a child's rules.
    case riskProfile(UUID)
    /// A MAPPA meeting on a risk profile; decided by `RiskAccess` (its minutes by the meeting's panel).
    case mappaMeeting(UUID)
    /// An action of a MAPPA risk management plan; decided by `RiskAccess` like its meeting.
    case mappaAction(UUID)
    /// An application under the child sex offender disclosure scheme, which concerns the child it is for;
    /// decided by `DisclosureSchemeAccess`.
    case disclosureApplication(UUID)
    /// An allegation against a person who works with children, which concerns its subject and the
    /// children it names; decided by the allegation rules (the LADO service, never the subject).
    case allegation(UUID)
    /// The case discussions of a supervision session being recorded: one management oversight entry
    /// on each child's record, written together; decided by each child's ordinary rules.
    case caseDiscussions(session: UUID, children: [UUID])
    /// A court order, pre-proceedings stage or care proceedings of a child, which concerns that child;
    /// decided by the child's rules, then `CourtAccess`.
    case courtRecord(UUID)

    /// The id the audit entry names.
    public var entityId: UUID {
        switch self {
        case .person(let id), .episode(let id), .contact(let id), .investigation(let id), .policeProtection(let id),
            .operation(let id), .invitation(let id), .assignedAction(let id), .serviceReferral(let id),
            .escalation(let id), .informationRequest(let id), .riskProfile(let id), .mappaMeeting(let id),
            .mappaAction(let id), .disclosureApplication(let id), .allegation(let id), .courtRecord(let id):
            id
        case .step(let id, _), .planAction(let id, _), .chronologyEntry(let id, _), .interview(let id, _): id
        case .caseDiscussions(let session, _): session
        }
    }

    /// Whether the record is held by a police team and decided by the police record rules.
    public var isPoliceRecord: Bool {
        switch self {
        case .investigation, .interview, .policeProtection, .operation: true
        default: false
        }
    }

    /// Whether the record is decided by the risk rules (MAPPA coordinator, offender manager, panel).
    public var isRiskRecord: Bool {
        switch self {
        case .riskProfile, .mappaMeeting, .mappaAction: true
        default: false
        }
    }

    /// Whether the record is decided by the contribution rules (invited professional, core group member).
    public var isContributionRecord: Bool {
        switch self {
        case .invitation, .assignedAction: true
        default: false
        }
    }
}

extension AccessPolicy {
    /// The one answer to a caller who may not see a record, whether or not it exists, so that an id
    /// cannot be probed.
    public static let noVisibleRecord = "There is no record with that id that you may see."

    /// Decides `action` on a record concerning several children: allowed only when it is allowed on
    /// every one of them. A refusal says which child (by position) refused and why, and whether the
    /// caller may at least see every child (a 403 may then explain; otherwise the answer is a 404).
    public func decide(
        _ actor: Actor, _ action: PersonAction,
        children facts: [RecordAccessFacts]
    ) -> (decision: AccessDecision, seesEveryChild: Bool) {
        guard !facts.isEmpty else { return (.denied(Self.noVisibleRecord), false) }
        for fact in facts {
            if case .denied(let reason) = decide(actor, action, fact) {
                let sees = facts.allSatisfy { decide(actor, .view, $0).isAllowed }
                return (.denied(reason), sees)
            }
        }
        return (.allowed, true)
    }
}
