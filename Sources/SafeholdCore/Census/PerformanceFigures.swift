import Foundation

/// The performance dashboard's figures for one reader: the events of every measure in the period within
/// what the reader's scope covers (`PerformanceAccess`), and the teams and workers they may choose, with
/// the counts each table shows worked out here.
public struct PerformanceFigures: Hashable, Sendable {
    /// A team or a worker the figures can be shown for.
    public struct Holder: Hashable, Sendable, Identifiable {
        public let id: UUID
        public let name: String
        /// The worker's team (nil for a team).
        public let teamId: UUID?

        public init(id: UUID, name: String, teamId: UUID? = nil) {
            self.id = id
            self.name = name
            self.teamId = teamId
        }
    }

    /// Whose figures a line shows.
    public enum Group: Hashable, Sendable {
        case service, team(UUID), worker(UUID)

        func covers(_ event: PerformanceEvent) -> Bool {
            switch self {
            case .service: true
            case .team(let id): event.teamId == id
            case .worker(let id): event.workerId == id
            }
        }
    }

    /// A count of events meeting a measure out of the events counted.
    public struct Count: Hashable, Sendable {
        public let met: Int
        public let total: Int

        public init(met: Int, total: Int) {
            self.met = met
            self.total = total
        }

        /// The share met in whole per cent, nil when nothing was counted.
        public var percent: Int? { total == 0 ? nil : Int((Double(met) * 100 / Double(total)).rounded()) }
        /// "8 of 10 (80%)", or "none" when nothing was counted.
        public var text: String { total == 0 ? "none" : "\(met) of \(total) (\(percent ?? 0)%)" }
    }

    public let period: PerformancePeriod
    public let today: LocalDate
    /// Whose figures these are: the service, one team, or one worker.
    public let group: Group
    public let events: [PerformanceEvent]
    /// The teams and workers the reader may choose (their own team, or themselves, for the narrower scopes).
    public let teams: [Holder]
    public let workers: [Holder]

    public init(
        period: PerformancePeriod, today: LocalDate, group: Group, events: [PerformanceEvent], teams: [Holder],
        workers: [Holder]
    ) {
        self.period = period
        self.today = today
        self.group = group
        self.events = events
        self.teams = teams
        self.workers = workers
        counts = Self.tally(events, period: period, today: today)
    }

    /// One figure's place in the table of counts.
    struct Key: Hashable, Sendable {
        let measure: PerformanceMeasure
        let group: Group
        let month: Int?
    }

    /// The counts of every figure, keyed by measure, group and month (nil: the whole period).
    let counts: [Key: Count]

    static func month(_ date: LocalDate) -> Int { date.year * 100 + date.month }

    /// The lines shown under the figures' own: each team for the service, each worker for a team.
    public var subgroups: [(Group, Holder)] {
        switch group {
        case .service: teams.map { (Group.team($0.id), $0) }
        case .team: workers.map { (Group.worker($0.id), $0) }
        case .worker: []
        }
    }

    /// The last day a snapshot measure is taken on for the whole period.
    public var snapshotDay: LocalDate? { PerformanceMeasures.snapshotDays(period, today: today).last }

    /// The events behind one figure: a measure for a group, in one month or (nil) the whole period.
    public func events(
        _ measure: PerformanceMeasure, _ group: Group, month: PerformancePeriod.Month? = nil
    ) -> [PerformanceEvent] {
        events.filter { event in
            guard event.measure == measure, group.covers(event) else { return false }
            if let month { return event.on >= month.first && event.on <= month.last }
            return measure.isSnapshot ? event.on == snapshotDay : true
        }
    }

    /// One figure: a measure for a group, in one month or (nil) the whole period.
    public func count(
        _ measure: PerformanceMeasure, _ group: Group, month: PerformancePeriod.Month? = nil
    ) -> Count {
        counts[Key(measure: measure, group: group, month: month.map { $0.year * 100 + $0.month })]
            ?? Count(met: 0, total: 0)
    }
}
