import Foundation

/// The workforce dashboard's figures for a set of teams on one date: each worker's caseload, training,
/// supervision, and each team's unallocated children and welfare check-ins (a count, never content).
public struct WorkforceFigures: Hashable, Sendable {
    /// One worker's line.
    public struct Worker: Hashable, Sendable, Identifiable {
        public let id: UUID
        public let name: String
        public let role: Role
        public let teamId: UUID
        /// Children allocated to the worker, and the same weighted by the ruleset's caseload weighting.
        public let children: Int
        public let weighted: Double
        /// Courses the worker's role is expected to hold, and how many of them are current today.
        public let expectedCourses: Int
        public let currentExpectedCourses: Int
        /// Training records that have expired (and not been renewed), and the expiry date of each current one.
        public let expired: Int
        public let expiries: [LocalDate]
        /// The next supervision's due date (nil for a role that is not supervised).
        public let supervisionDue: LocalDate?

        public init(
            id: UUID, name: String, role: Role, teamId: UUID, children: Int, weighted: Double, expectedCourses: Int,
            currentExpectedCourses: Int, expired: Int, expiries: [LocalDate], supervisionDue: LocalDate?
        ) {
            self.id = id
            self.name = name
            self.role = role
            self.teamId = teamId
            self.children = children
            self.weighted = weighted
            self.expectedCourses = expectedCourses
            self.currentExpectedCourses = currentExpectedCourses
            self.expired = expired
            self.expiries = expiries
            self.supervisionDue = supervisionDue
        }

        /// Whether every course the role expects is current.
        public var trainingCurrent: Bool { currentExpectedCourses >= expectedCourses }
        /// Current records expiring within `days` of `today` (today included).
        public func expiring(within days: Int, of today: LocalDate) -> Int {
            let end = today.adding(days: days)
            return expiries.filter { $0 >= today && $0 <= end }.count
        }
        /// Whether supervision is overdue on `today`.
        public func supervisionOverdue(on today: LocalDate) -> Bool { supervisionDue.map { $0 < today } ?? false }
    }

    /// One team's line.
    public struct Team: Hashable, Sendable, Identifiable {
        public let id: UUID
        public let name: String
        public let workers: [Worker]
        /// Children the team holds with no worker allocated.
        public let unallocated: Int
        /// Welfare check-ins the team's workers recorded in the dashboard's period (a count only).
        public let welfareCheckIns: Int

        public init(id: UUID, name: String, workers: [Worker], unallocated: Int, welfareCheckIns: Int) {
            self.id = id
            self.name = name
            self.workers = workers
            self.unallocated = unallocated
            self.welfareCheckIns = welfareCheckIns
        }

        public var children: Int { workers.reduce(0) { $0 + $1.children } }
        public var weighted: Double { workers.reduce(0) { $0 + $1.weighted } }
        /// The share of workers whose expected training is all current, in whole per cent (nil: no workers).
        public var trainingCompliance: Int? {
            workers.isEmpty ? nil : workers.filter(\.trainingCurrent).count * 100 / workers.count
        }
    }

    public let today: LocalDate
    /// The first day of the period welfare check-ins are counted over.
    public let since: LocalDate
    /// The weighted caseload a full-time worker is expected to carry.
    public let capacity: Double
    public let teams: [Team]

    public init(today: LocalDate, since: LocalDate, capacity: Double, teams: [Team]) {
        self.today = today
        self.since = since
        self.capacity = capacity
        self.teams = teams
    }

    /// The windows the dashboard counts expiring accreditations over, in days.
    public static let expiryWindows = [30, 60, 90]

    public var workers: [Worker] { teams.flatMap(\.workers) }
    /// Workers whose weighted caseload is above capacity.
    public var overCapacity: [Worker] { workers.filter { $0.weighted > capacity } }
    /// Workers whose supervision is overdue.
    public var supervisionOverdue: [Worker] { workers.filter { $0.supervisionOverdue(on: today) } }
    /// Current records expiring within `days`, across every team.
    public func expiring(within days: Int) -> Int { workers.reduce(0) { $0 + $1.expiring(within: days, of: today) } }
}
