import Foundation

/// Who sat on one MAPPA meeting's panel: the users named (attendees who use Safehold, the chair if a
/// user) and the agencies the attendees came from.
public struct MappaPanel: Hashable, Sendable {
    public let memberUserIds: Set<UUID>
    public let agencyIds: Set<UUID>

    public init(memberUserIds: Set<UUID>, agencyIds: Set<UUID>) {
        self.memberUserIds = memberUserIds
        self.agencyIds = agencyIds
    }
}

/// The facts a risk profile's access is decided on: its offender manager and the panels of its MAPPA
/// meetings. Nothing here comes from a child's record: access to a linked child never opens a profile.
public struct RiskRecordFacts: Hashable, Sendable {
    public let offenderManagerUserId: UUID?
    public let panels: [MappaPanel]

    public init(offenderManagerUserId: UUID?, panels: [MappaPanel]) {
        self.offenderManagerUserId = offenderManagerUserId
        self.panels = panels
    }
}

/// A condition on a risk profile (or on one meeting's panel), which the store also turns into SQL.
public indirect enum RiskScope: Hashable, Sendable {
    case everyone, nobody
    case offenderManager(UUID)
    case panelMember(UUID)
    case panelAgency(UUID)
    case any([RiskScope])

    /// Whether a profile with `facts` is in scope (a panel condition holds on any of its meetings).
    public func matches(_ facts: RiskRecordFacts) -> Bool {
        switch self {
        case .everyone: true
        case .nobody: false
        case .offenderManager(let user): facts.offenderManagerUserId == user
        case .any(let scopes): scopes.contains { $0.matches(facts) }
        default: facts.panels.contains { matches(panel: $0) }
        }
    }

    /// Whether one meeting's panel is in scope (the offender manager as such is not a panel member).
    public func matches(panel: MappaPanel) -> Bool {
        switch self {
        case .everyone: true
        case .nobody, .offenderManager: false
        case .panelMember(let user): panel.memberUserIds.contains(user)
        case .panelAgency(let agency): panel.agencyIds.contains(agency)
        case .any(let scopes): scopes.contains { $0.matches(panel: panel) }
        }
    }
}

/// One named reason a user reaches risk profiles and MAPPA meetings.
public struct RiskRule: Sendable {
    public let name: String
    let scope: @Sendable (Actor) -> RiskScope

    /// The MAPPA coordinator sees and manages every profile and meeting.
    public static let mappaCoordinator = RiskRule(name: "MAPPA coordinator") {
        $0.role == .mappaCoordinator ? .everyone : .nobody
    }
    /// The offender manager named on the profile (a Safehold user) sees it.
    public static let offenderManager = RiskRule(name: "offender manager") { .offenderManager($0.userId) }
    /// A member of a meeting's panel: an attendee who uses Safehold, or the chair.
    public static let panelMember = RiskRule(name: "panel member") { .panelMember($0.userId) }
    /// A police officer or partner agency professional (probation, health, a school) of an agency that
    /// attended a meeting (the agencies the panel names). Children's social care, the LADO and other council
    /// roles read minutes only as named panel members: the council is one agency, and its workers are those
    /// who may open a linked child, which must never be enough.
    public static let panelAgency = RiskRule(name: "panel agency") { actor in
        actor.role == .police || actor.role == .partner ? .panelAgency(actor.agencyId) : .nobody
    }
}

/// Things one may do with a risk profile and its MAPPA meetings.
public enum RiskAction: String, Sendable, CaseIterable {
    /// See the profile and the meetings' dates, chairs and attendees.
    case view
    /// Create or change a profile, record a meeting, set actions.
    case edit
    /// Read a meeting's minutes, plan, actions and the information shared at it (MAPPA-restricted).
    case readMinutes
}

/// The access rules of people who pose a risk (DOMAIN.md sections 5 and 8). They never consult a
/// child's record: a social worker allocated to a child the person is linked to sees the child's
/// warning, not the profile or the minutes.
public enum RiskAccess {
    /// The rules that give `action`.
    public static func rules(_ action: RiskAction) -> [RiskRule] {
        switch action {
        case .view: [.mappaCoordinator, .offenderManager, .panelMember, .panelAgency]
        case .edit: [.mappaCoordinator]
        case .readMinutes: [.mappaCoordinator, .panelMember, .panelAgency]
        }
    }

    /// The profiles (or, for `readMinutes`, the meetings) `actor` may take `action` on.
    public static func scope(for actor: Actor, _ action: RiskAction) -> RiskScope {
        let scopes = rules(action).map { $0.scope(actor) }.filter { $0 != .nobody }
        if scopes.contains(.everyone) { return .everyone }
        return scopes.isEmpty ? .nobody : .any(scopes)
    }

    /// Decides `action` on a profile. Someone who may not see it gets the one 404 answer; someone who
    /// sees it but may not change it is told why (403).
    public static func decide(
        _ actor: Actor, _ action: RiskAction, _ facts: RiskRecordFacts
    ) -> (decision: AccessDecision, seesRecord: Bool) {
        let sees = scope(for: actor, .view).matches(facts)
        guard sees else { return (.denied(AccessPolicy.noVisibleRecord), false) }
        if action == .view || scope(for: actor, action).matches(facts) { return (.allowed, true) }
        return (.denied(refusal(action)), true)
    }

    /// Whether `actor` reads one meeting's minutes, plan and actions.
    public static func mayReadMinutes(_ actor: Actor, _ panel: MappaPanel) -> Bool {
        scope(for: actor, .readMinutes).matches(panel: panel)
    }

    /// Whether `actor` may open a new risk profile.
    public static func mayCreate(_ actor: Actor) -> AccessDecision {
        actor.role == .mappaCoordinator ? .allowed : .denied(refusal(.edit))
    }

    /// Why someone who sees a profile may not change it.
    public static var refusalToEdit: String { refusal(.edit) }

    static func refusal(_ action: RiskAction) -> String {
        switch action {
        case .edit: "Only the MAPPA coordinator records and changes risk profiles and MAPPA meetings."
        case .view, .readMinutes:
            "MAPPA minutes and plans are seen only by the panel's members, the agencies they named and "
                + "the MAPPA coordinator."
        }
    }
}
