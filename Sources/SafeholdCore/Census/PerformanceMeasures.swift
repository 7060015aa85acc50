import Foundation

/// The dashboards' measures worked out from one child's history (pure): each event the child gives a
/// measure in a period. The DfE's measures (assessments, initial conferences) count working days with
/// both ends included, as the census does; the workers' measures (contact decisions, visits) use the
/// due dates the workers see; month timescales (reviews, two-year plans) are calendar months.
public enum PerformanceMeasures {
    /// Every event of `history` that falls in `period`, judged on `today` (a contact not yet due for its
    /// decision, or a month not yet begun, gives none).
    public static func events(
        _ history: PerformanceHistory, period: PerformancePeriod, today: LocalDate, ruleset: Ruleset
    ) -> [PerformanceEvent] {
        var events: [PerformanceEvent] = []
        let child = history.personId
        func add(_ measure: PerformanceMeasure, _ on: LocalDate, _ met: Bool) {
            events.append(PerformanceEvent(measure, personId: child, on: on, met: met))
        }
        for contact in history.contacts where period.contains(contact.receivedOn) {
            let due = ruleset.due(ruleset.contactDecision, from: contact.receivedOn)
            if let decided = contact.decidedOn {
                add(.contactDecisions, contact.receivedOn, decided <= due)
            } else if due < today {
                add(.contactDecisions, contact.receivedOn, false)
            }
        }
        let episodes = history.episodes.sorted { $0.referralDate < $1.referralDate }
        for (index, episode) in episodes.enumerated() where period.contains(episode.referralDate) {
            let since = episode.referralDate.adding(months: -12)
            add(.reReferrals, episode.referralDate, episodes[..<index].contains { $0.referralDate >= since })
        }
        var plans: [(plan: Plan, closedOn: LocalDate?, visits: [PerformanceStep.SeenVisit])] = []
        for episode in episodes {
            for (measure, on, met) in conferenceAndAssessmentEvents(episode.steps, ruleset: ruleset)
            where period.contains(on) {
                add(measure, on, met)
            }
            let visits = episode.steps.compactMap(\.seen)
            plans += Plan.fold(episode.steps).map { (plan: $0, closedOn: episode.closedOn, visits: visits) }
        }
        let protection = plans.map { $0.plan }.filter { $0.kind == .childProtection }.sorted {
            $0.startedOn < $1.startedOn
        }
        for (index, plan) in protection.enumerated() {
            if period.contains(plan.startedOn) {
                add(.repeatPlans, plan.startedOn, index > 0)
                for category in AbuseCategory.allCases {
                    add(.counting(category), plan.startedOn, plan.initialCategory == category)
                }
            }
            if let ended = plan.endedOn, period.contains(ended) {
                add(.longPlans, ended, ended >= plan.startedOn.adding(months: 24))
            }
        }
        for day in snapshotDays(period, today: today) {
            for (plan, closedOn, visits) in plans
            where plan.startedOn <= day && (plan.endedOn ?? closedOn ?? .maximum) > day {
                let interval = Timescale.workingDays(plan.visitIntervalWorkingDays)
                let inPlan = visits.filter { $0.on >= plan.startedOn && $0.on <= day }
                let seen = inPlan.map(\.on).max() ?? plan.startedOn
                add(.visits, day, ruleset.due(interval, from: seen) >= day)
                let alone = inPlan.filter(\.alone).map(\.on).max()
                add(.seenAlone, day, alone.map { ruleset.due(interval, from: $0) >= day } ?? false)
            }
        }
        return events
    }

    /// The days the snapshot measures are taken on: the last day of each month of the period that has
    /// begun, no later than `today`.
    public static func snapshotDays(_ period: PerformancePeriod, today: LocalDate) -> [LocalDate] {
        period.months.filter { $0.first <= today }.map { min($0.last, today) }
    }

    /// Assessments completed, initial conferences and reviews held on one episode, each with whether it
    /// was in time.
    static func conferenceAndAssessmentEvents(
        _ steps: [PerformanceStep], ruleset: Ruleset
    ) -> [(PerformanceMeasure, LocalDate, Bool)] {
        var events: [(PerformanceMeasure, LocalDate, Bool)] = []
        let calendar = ruleset.calendar
        var assessmentStarts: [UUID: LocalDate] = [:], strategies: [UUID: LocalDate] = [:]
        var awaiting: (enquiry: UUID, strategyOn: LocalDate)?
        var initial: LocalDate?, lastReview: LocalDate?
        for recorded in steps {
            switch recorded.fact {
            case .assessmentStarted(let on): assessmentStarts[recorded.id] = on
            case .assessmentCompleted(let id, let on, _):
                if let start = assessmentStarts[id] {
                    events.append(
                        (
                            .assessments, on,
                            calendar.workingDaysInclusive(from: start, to: on) <= days(ruleset.assessment)
                        ))
                }
            case .strategyDiscussion(let on): strategies[recorded.id] = on
            case .section47Started(let on, let strategy): awaiting = (recorded.id, strategies[strategy] ?? on)
            case .section47Completed(let enquiry, _, let needed):
                if !needed && awaiting?.enquiry == enquiry { awaiting = nil }
            case .conference(let isInitial, let on, _, _):
                if isInitial {
                    if let start = awaiting?.strategyOn {
                        let limit = days(ruleset.initialConference)
                        events.append(
                            (.initialConferences, on, calendar.workingDaysInclusive(from: start, to: on) <= limit))
                    }
                    awaiting = nil
                    initial = on
                    lastReview = nil
                } else {
                    let due =
                        lastReview.map { ruleset.due(ruleset.laterReviews, from: $0) }
                        ?? initial.map { ruleset.due(ruleset.firstReview, from: $0) }
                    if let due { events.append((.reviews, on, on <= due)) }
                    lastReview = on
                }
            default: break
            }
        }
        return events
    }

    /// A working-day timescale's number of days (a timescale of another kind never applies here).
    static func days(_ timescale: Timescale) -> Int {
        if case .workingDays(let n) = timescale { return n }
        return 0
    }
}
