import Foundation

/// One named reason a user may reach a record, as a scope for that user.
public struct AccessRule: Sendable {
    public let name: String
    let scope: @Sendable (Actor) -> AccessScope

    public init(_ name: String, scope: @escaping @Sendable (Actor) -> AccessScope) {
        self.name = name
        self.scope = scope
    }

    /// The user is the record's allocated worker.
    public static let allocatedWorker = AccessRule("allocated worker") { .allocatedWorker($0.userId) }
    /// The user belongs to (or manages) a team allocated the record; not enough for a restricted record.
    public static let allocatedTeam = AccessRule("allocated team") { actor in
        actor.teamId.map { .all([.allocatedTeam($0), .unrestricted]) } ?? .nobody
    }
    /// The front door sees children whose contact awaits its decision (not restricted records).
    public static let frontDoorTriage = AccessRule("front door triage") { actor in
        actor.role == .frontDoor ? .all([.awaitingTriage, .unrestricted]) : .nobody
    }
    /// A police officer whose team investigates the child jointly with social care reads the child's
    /// record while the joint section 47 enquiry is open (what the enquiry needs; never to edit, and
    /// not a restricted record, which only the people named on it see).
    public static let jointEnquiry = AccessRule("joint enquiry") { actor in
        guard actor.role == .police, let team = actor.teamId else { return .nobody }
        return .all([.jointEnquiry(team), .unrestricted])
    }
    /// The user was granted access to this record by name.
    public static let readGrant = AccessRule("explicit grant") { .granted($0.userId, edit: false) }
    /// The user was granted access to this record by name, with leave to edit.
    public static let editGrant = AccessRule("explicit grant to edit") { .granted($0.userId, edit: true) }
}

/// Whether an action on a record is allowed, and why not when it is refused.
public enum AccessDecision: Equatable, Sendable {
    case allowed
    case denied(String)

    public var isAllowed: Bool { self == .allowed }
}

/// The one access policy (DOMAIN.md section 8): a full record only to someone with a legitimate
/// relationship to the child; everyone else finds the person by name only.
public struct AccessPolicy: Sendable {
    public init() {}

    /// The records `actor` may act on, as a condition the store can also turn into SQL.
    public func scope(for actor: Actor, _ action: PersonAction) -> AccessScope {
        switch action {
        case .view:
            guard actor.role.worksWithRecords else { return .nobody }
            return Self.allegationRules(
                actor, relationships: [.allocatedWorker, .allocatedTeam, .frontDoorTriage, .jointEnquiry],
                named: [.readGrant, .ladoService])
        case .edit:
            guard actor.role.worksWithRecords else { return .nobody }
            return Self.allegationRules(
                actor, relationships: [.allocatedWorker, .allocatedTeam, .frontDoorTriage],
                named: [.editGrant, .ladoService])
        case .findByName:
            guard actor.role.worksWithRecords || actor.role.readsAccessLog else { return .nobody }
            return .all([
                AccessRule.notTheSubject.scope(actor),
                .any([.all([.unrestricted, .notAllegationSubject]), scope(for: actor, .view)]),
            ])
        case .viewAccessLog:
            return actor.role.readsAccessLog ? .all([AccessRule.notTheSubject.scope(actor), .everyone]) : .nobody
        }
    }

    /// Decides one action on one record.
    public func decide(_ actor: Actor, _ action: PersonAction, _ facts: RecordAccessFacts) -> AccessDecision {
        if scope(for: actor, action).matches(facts) { return .allowed }
        return .denied(Self.refusal(actor, action))
    }

    /// Whether `actor` may open new person records at all.
    public func mayCreatePeople(_ actor: Actor) -> AccessDecision {
        actor.role.createsRecords ? .allowed : .denied("Your role (\(actor.role.label)) does not open new records.")
    }

    /// Whether `actor` may ask whether a child is on a plan or looked after (unscheduled care, and the
    /// front door, which answers the same question on the telephone).
    public func mayLookUpPlans(_ actor: Actor) -> AccessDecision {
        actor.role == .unscheduledCare || actor.role == .frontDoor
            ? .allowed : .denied("Your role (\(actor.role.label)) does not make plan look-ups.")
    }

    /// Why an actor whose role does not search is refused a search.
    public static func refusalToSearch(_ actor: Actor) -> String { refusal(actor, .findByName) }

    static func refusal(_ actor: Actor, _ action: PersonAction) -> String {
        if (action == .view || action == .edit) && !actor.role.worksWithRecords {
            return "Your role (\(actor.role.label)) does not give access to children's records."
        }
        return switch action {
        case .view:
            "You have no working relationship with this record: it is not allocated to you or your team "
                + "and you hold no grant. Ask the allocated team's manager if you need access."
        case .edit:
            "You may not change this record: it is not allocated to you or your team and you hold no grant to edit it."
        case .findByName where actor.role.worksWithRecords || actor.role.readsAccessLog:
            "This record is restricted: only the people named on it can find it."
        case .findByName:
            "Your role (\(actor.role.label)) does not search people's records."
        case .viewAccessLog:
            "Only the data protection officer and auditors see who has accessed a record."
        }
    }
}
