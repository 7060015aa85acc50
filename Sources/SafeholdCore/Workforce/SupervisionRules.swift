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
