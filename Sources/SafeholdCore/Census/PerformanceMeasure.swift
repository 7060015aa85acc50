import Foundation

/// One timeliness or performance measure of the dashboards (DOMAIN.md section 3): each is a count of
/// events meeting it out of the events counted, every event about one child.
public enum PerformanceMeasure: String, CaseIterable, Codable, Sendable {
    /// Contacts received whose decision was made within one working day (the workers' count), out of the
    /// contacts received that were decided or whose decision is now late; counted once per child.
    case contactDecisions = "contacts"
    /// Referrals (episodes opened) within 12 months of an earlier referral of the same child.
    case reReferrals = "rereferrals"
    /// Assessments completed within 45 working days of their start, both ends counted (the DfE's count).
    case assessments
    /// Initial conferences held within 15 working days of the strategy discussion, both ends counted.
    case initialConferences = "icpc"
    /// Review conferences held by their due date (3 months after the initial conference, then 6 months).
    case reviews
    /// Plans open at the end of each month (or the period) whose child was seen within the plan's visit
    /// interval, as the workers' due list counts it.
    case visits
    /// The same plans whose child was seen alone within the visit interval.
    case seenAlone = "seen_alone"
    /// Child protection plans ended in the period that had lasted two years or more.
    case longPlans = "long_plans"
    /// Child protection plans started in the period that were the child's second or later.
    case repeatPlans = "repeat_plans"
    /// Child protection plans started in the period, by the initial category of abuse.
    case neglect = "category_neg"
    case physical = "category_phy"
    case sexual = "category_sab"
    case emotional = "category_emo"
    case multiple = "category_mul"

    /// The measure counting plans of `category`.
    public static func counting(_ category: AbuseCategory) -> PerformanceMeasure {
        switch category {
        case .neglect: .neglect
        case .physical: .physical
        case .sexual: .sexual
        case .emotional: .emotional
        case .multiple: .multiple
        }
    }

    /// The category a category measure counts, nil for the others.
    public var category: AbuseCategory? {
        switch self {
        case .neglect: .neglect
        case .physical: .physical
        case .sexual: .sexual
        case .emotional: .emotional
        case .multiple: .multiple
        default: nil
        }
    }

    /// What the measure is called on the page and in the CSV.
    public var label: String {
        switch self {
        case .contactDecisions: "Contacts decided within 1 working day"
        case .reReferrals: "Re-referrals within 12 months"
        case .assessments: "Assessments completed within 45 working days"
        case .initialConferences: "Initial conferences within 15 working days of the strategy discussion"
        case .reviews: "Review conferences on time"
        case .visits: "Children on a plan seen within the plan's visit interval"
        case .seenAlone: "Children on a plan seen alone within the plan's visit interval"
        case .longPlans: "Child protection plans ended that lasted 2 years or more"
        case .repeatPlans: "Child protection plans that are a second or subsequent plan"
        default: "Child protection plans started: \(category?.label.lowercased() ?? "")"
        }
    }

    /// What the events counted are: the denominator's name.
    public var counted: String {
        switch self {
        case .contactDecisions: "contacts due for a decision"
        case .reReferrals: "referrals"
        case .assessments: "assessments completed"
        case .initialConferences: "initial conferences held"
        case .reviews: "review conferences held"
        case .visits, .seenAlone: "plans open"
        case .longPlans: "plans ended"
        default: "plans started"
        }
    }

    /// Whether more events meeting the measure is better (nil: neither, a description of the caseload).
    public var higherIsBetter: Bool? {
        switch self {
        case .contactDecisions, .assessments, .initialConferences, .reviews, .visits, .seenAlone: true
        case .reReferrals, .longPlans, .repeatPlans: false
        default: nil
        }
    }

    /// A figure taken on one day (the end of each month or of the period) rather than summed over it.
    public var isSnapshot: Bool { self == .visits || self == .seenAlone }

    /// The timeliness measures, then the plan measures, then the categories, as the page lists them.
    public static let timeliness: [PerformanceMeasure] = [
        .contactDecisions, .reReferrals, .assessments, .initialConferences, .reviews, .visits, .seenAlone,
        .longPlans, .repeatPlans,
    ]
    public static let categories: [PerformanceMeasure] = AbuseCategory.allCases.map(counting)
}

/// One event a measure counts: about one child, on one day, meeting the measure or not, and the team and
/// worker who hold the child (now, or last when nobody does).
public struct PerformanceEvent: Hashable, Sendable {
    public let measure: PerformanceMeasure
    public let personId: UUID
    /// The day the event counts on: its month is the month it is shown under.
    public let on: LocalDate
    public let met: Bool
    public var teamId: UUID?
    public var workerId: UUID?

    public init(
        _ measure: PerformanceMeasure, personId: UUID, on: LocalDate, met: Bool, teamId: UUID? = nil,
        workerId: UUID? = nil
    ) {
        self.measure = measure
        self.personId = personId
        self.on = on
        self.met = met
        self.teamId = teamId
        self.workerId = workerId
    }
}
