import Foundation

/// How often each worker is supervised, as data a service can change.
public struct SupervisionRules: Hashable, Sendable {
    /// The longest gap between supervision sessions for an experienced worker.
    public let standardInterval: Timescale
    /// The longest gap for a newly qualified worker (the assessed and supported year in employment).
    public let newlyQualifiedInterval: Timescale
    /// How long a worker counts as newly qualified after their qualification date.
    public let newlyQualifiedPeriod: Timescale
    /// The roles that are supervised (those who hold children's cases).
    public let supervisedRoles: Set<Role>

    public init(
        standardInterval: Timescale, newlyQualifiedInterval: Timescale, newlyQualifiedPeriod: Timescale,
        supervisedRoles: Set<Role>
    ) {
        self.standardInterval = standardInterval
        self.newlyQualifiedInterval = newlyQualifiedInterval
        self.newlyQualifiedPeriod = newlyQualifiedPeriod
        self.supervisedRoles = supervisedRoles
    }

    /// Monthly for experienced workers; fortnightly in the first year after qualifying.
    public static let england = SupervisionRules(
        standardInterval: .calendarMonths(1), newlyQualifiedInterval: .weeks(2),
        newlyQualifiedPeriod: .calendarMonths(12),
        supervisedRoles: [.socialWorker, .frontDoor, .lado, .police])
}

/// The workforce's rules: the training catalogue, caseload weighting and supervision frequency.
public struct WorkforceRules: Hashable, Sendable {
    public let training: TrainingCatalogue
    public let caseload: CaseloadWeighting
    public let supervision: SupervisionRules

    public init(training: TrainingCatalogue, caseload: CaseloadWeighting, supervision: SupervisionRules) {
        self.training = training
        self.caseload = caseload
        self.supervision = supervision
    }

    public static let england = WorkforceRules(training: .england, caseload: .england, supervision: .england)
}

extension SupervisionRules {
    /// Whether a worker who qualified on `qualifiedOn` is still newly qualified on `date`.
    public func isNewlyQualified(qualifiedOn: LocalDate?, on date: LocalDate, ruleset: Ruleset) -> Bool {
        guard let qualifiedOn, qualifiedOn <= date else { return false }
        return date < ruleset.due(newlyQualifiedPeriod, from: qualifiedOn)
    }

    /// The longest gap allowed after a session held on `date` for a worker who qualified on `qualifiedOn`.
    public func interval(qualifiedOn: LocalDate?, on date: LocalDate, ruleset: Ruleset) -> Timescale {
        isNewlyQualified(qualifiedOn: qualifiedOn, on: date, ruleset: ruleset)
            ? newlyQualifiedInterval : standardInterval
    }

    /// When the next session is due: one interval after the last session or, for a worker never
    /// supervised, one interval after `startedOn` (the day the account was opened).
    public func nextDue(
        lastSession: LocalDate?, startedOn: LocalDate, qualifiedOn: LocalDate?, ruleset: Ruleset
    ) -> LocalDate {
        let from = lastSession ?? startedOn
        return ruleset.due(interval(qualifiedOn: qualifiedOn, on: from, ruleset: ruleset), from: from)
    }
}

/// How one worker's supervision stands today: the reusable read behind the supervision pages, the
/// due lists and the workforce dashboard.
public struct SupervisionStanding: Hashable, Sendable {
    public let workerId: UUID
    public let workerName: String
    public let teamId: UUID?
    public let lastSession: LocalDate?
    public let nextDue: LocalDate
    public let newlyQualified: Bool
    public let status: DueItem.Status

    public init(
        workerId: UUID, workerName: String, teamId: UUID?, lastSession: LocalDate?, nextDue: LocalDate,
        newlyQualified: Bool, status: DueItem.Status
    ) {
        self.workerId = workerId
        self.workerName = workerName
        self.teamId = teamId
        self.lastSession = lastSession
        self.nextDue = nextDue
        self.newlyQualified = newlyQualified
        self.status = status
    }

    public var isOverdue: Bool { status == .overdue }

    /// Works out a worker's standing on `today` from their sessions and qualification date.
    public static func derive(
        workerId: UUID, workerName: String, teamId: UUID?, lastSession: LocalDate?, startedOn: LocalDate,
        qualifiedOn: LocalDate?, today: LocalDate, ruleset: Ruleset
    ) -> SupervisionStanding {
        let rules = ruleset.workforce.supervision
        let next = rules.nextDue(
            lastSession: lastSession, startedOn: startedOn, qualifiedOn: qualifiedOn, ruleset: ruleset)
        return SupervisionStanding(
            workerId: workerId, workerName: workerName, teamId: teamId, lastSession: lastSession, nextDue: next,
            newlyQualified: rules.isNewlyQualified(qualifiedOn: qualifiedOn, on: today, ruleset: ruleset),
            status: Timeliness.status(of: next, today: today, calendar: ruleset.calendar))
    }
}
