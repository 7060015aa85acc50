import Foundation

/// A worker as the training register's rules see them.
public struct WorkerFacts: Hashable, Sendable {
    public let userId: UUID
    public let role: Role
    public let agencyId: UUID
    public let teamId: UUID?

    public init(userId: UUID, role: Role, agencyId: UUID, teamId: UUID?) {
        self.userId = userId
        self.role = role
        self.agencyId = agencyId
        self.teamId = teamId
    }
}

/// Whose register entries an actor reads: everyone's, a team's, a force's, or their own.
public enum TrainingScope: Hashable, Sendable {
    case all
    case team(UUID)
    case agency(UUID)
    case own(UUID)

    public func matches(_ worker: WorkerFacts) -> Bool {
        switch self {
        case .all: true
        case .team(let team): worker.teamId == team
        case .agency(let agency): worker.agencyId == agency
        case .own(let user): worker.userId == user
        }
    }
}

/// The training register's rules: who reads a worker's entries, who records them, who overrides a gate.
/// A partner agency's professional (like every worker) sees and records only their own.
public enum TrainingAccess {
    /// The roles that see the whole workforce's training (senior leaders, audit and performance).
    public static let seniorRoles: Set<Role> = [.administrator, .auditor, .performanceAnalyst]
    /// The gated acts of the police side, whose gates a police supervisor of the force may override.
    public static let policeActs: Set<GatedAct> = [.abeInterviewer, .sexualAbuseOfficerInCase]

    /// Whose entries `actor` reads: senior roles everyone's, a team manager their team's, a police officer their
    /// force's (the officer directory shows their accreditations already), anyone else their own.
    public static func readScope(_ actor: Actor) -> TrainingScope {
        if seniorRoles.contains(actor.role) { return .all }
        if actor.role == .teamManager, let team = actor.teamId { return .team(team) }
        if actor.role == .police { return .agency(actor.agencyId) }
        return .own(actor.userId)
    }

    /// Whether `actor` reads `worker`'s entries (themself, their team's manager, a senior role, or a police
    /// officer of the same force reading a colleague, as the officer directory shows accreditations).
    public static func mayRead(_ actor: Actor, _ worker: WorkerFacts) -> Bool {
        readScope(actor).matches(worker) || worker.userId == actor.userId
            || (actor.role == .police && worker.role == .police && worker.agencyId == actor.agencyId)
    }

    /// Nil when `actor` may record an entry of `course` for `worker`, else the reason refused. A worker records
    /// their own courses, never an accreditation that allows a gated act (someone else vouches for that);
    /// their team manager and an administrator record any; a police supervisor records a force colleague's
    /// police accreditations (ABE, specialist child sexual abuse), as before the register.
    public static func recordRefusal(_ actor: Actor, _ worker: WorkerFacts, course: TrainingCourse) -> String? {
        if actor.role == .administrator { return nil }
        if actor.role == .teamManager, actor.teamId != nil, actor.teamId == worker.teamId,
            actor.userId != worker.userId || course.allows.isEmpty
        {
            return nil
        }
        if actor.userId == worker.userId {
            return course.allows.isEmpty
                ? nil
                : "Someone else records your own \(course.label): your team manager or an administrator."
        }
        if actor.role == .police, worker.role == .police, worker.agencyId == actor.agencyId,
            !course.allows.isEmpty, course.allows.isSubset(of: policeActs)
        {
            return nil
        }
        return "Only the worker, their team manager or an administrator records a worker's training."
    }

    /// Nil when `actor` may override the gate of `act` for `worker`, else the reason refused: the worker's team
    /// manager, or for a police act a police supervisor of the same force; never the worker themself.
    public static func overrideRefusal(_ actor: Actor, _ worker: WorkerFacts, act: GatedAct) -> String? {
        if actor.userId == worker.userId { return "Nobody overrides an accreditation gate for themself." }
        if actor.role == .teamManager, actor.teamId != nil, actor.teamId == worker.teamId { return nil }
        if policeActs.contains(act), actor.role == .police, worker.role == .police, worker.agencyId == actor.agencyId {
            return nil
        }
        return "Only the worker's team manager (for police acts, a police supervisor of the force) records an override."
    }

    /// Whose overrides `actor` sees on the report: senior roles and the data protection officer all, a team
    /// manager their team's, a police officer their force's; nobody else.
    public static func overrideScope(_ actor: Actor) -> TrainingScope? {
        if seniorRoles.contains(actor.role) || actor.role == .dataProtectionOfficer { return .all }
        if actor.role == .teamManager, let team = actor.teamId { return .team(team) }
        if actor.role == .police { return .agency(actor.agencyId) }
        return nil
    }
}
