import Foundation

/// An episode's steps folded for the census, up to a day (the year's end): each assessment, enquiry and plan
/// with the dates the return carries. Plans end as `EpisodeState` ends them (a plan-ended step, or a
/// conference that ends the child protection plan); a conference's category becomes the plan's latest.
struct CensusEpisodeFold {
    struct Assessment { let id: UUID; let start: LocalDate; var completed: LocalDate?; var factors: [String] }
    struct Enquiry {
        let id: UUID; let start: LocalDate; let strategyOn: LocalDate; var completed: LocalDate?
        var conferenceNeeded: Bool?
    }
    struct Plan {
        let id: UUID; let kind: PlanKind; let start: LocalDate; let initial: AbuseCategory?
        var latest: AbuseCategory?; var end: LocalDate?
    }

    private(set) var assessments: [Assessment] = []
    private(set) var enquiries: [Enquiry] = []
    private(set) var initialConferences: [LocalDate] = []
    private(set) var reviewConferences: [LocalDate] = []
    private(set) var plans: [Plan] = []

    init(_ steps: [CensusRecord.Step], until end: LocalDate) {
        var strategies: [UUID: LocalDate] = [:]
        for step in steps {
            guard let on = step.fact.date, on <= end else { continue }
            switch step.fact {
            case .assessmentStarted:
                assessments.append(Assessment(id: step.id, start: on, completed: nil, factors: []))
            case .assessmentCompleted(let id, _, let factors):
                // The census counts an assessment complete once a manager has authorised it.
                if step.authorised, let i = assessments.lastIndex(where: { $0.id == id }) {
                    assessments[i].completed = on
                    assessments[i].factors = factors
                }
            case .strategyDiscussion: strategies[step.id] = on
            case .section47Started(_, let strategy):
                enquiries.append(Enquiry(id: step.id, start: on, strategyOn: strategies[strategy] ?? on))
            case .section47Completed(let id, _, let needed):
                if let i = enquiries.lastIndex(where: { $0.id == id }) {
                    enquiries[i].completed = on
                    enquiries[i].conferenceNeeded = needed
                }
            case .conference(let initial, _, let decision, let category):
                if initial { initialConferences.append(on) } else { reviewConferences.append(on) }
                if let i = plans.lastIndex(where: { $0.kind == .childProtection && $0.end == nil }) {
                    if let category { plans[i].latest = category }
                    if decision == .endPlan { plans[i].end = on }
                }
            case .planStarted(let kind, _, let category):
                plans.append(Plan(id: step.id, kind: kind, start: on, initial: category, latest: category))
            case .planEnded(let id, _):
                if let i = plans.lastIndex(where: { $0.id == id && $0.end == nil }) { plans[i].end = on }
            case .closed, .other: break
            }
        }
    }

    /// Assessments completed in the year or not completed by its end.
    func assessments(in year: CensusYear) -> [CensusAssessment] {
        assessments.filter { $0.completed.map { $0 >= year.start } ?? true }.map {
            CensusAssessment(
                stepId: $0.id, actualStartDate: $0.start, authorisationDate: $0.completed,
                factors: $0.completed == nil ? [] : $0.factors)
        }
    }

    /// Enquiries started in the year, or whose initial conference fell in it, or still open at its start.
    func section47s(in year: CensusYear, ruleset: Ruleset) -> [CensusSection47] {
        enquiries.enumerated().compactMap { index, enquiry in
            let next = enquiries.indices.contains(index + 1) ? enquiries[index + 1].start : nil
            let conference = initialConferences.first { day in day >= enquiry.start && (next.map { day < $0 } ?? true) }
            let notRequired = enquiry.conferenceNeeded == false && conference == nil
            let relevant =
                enquiry.start >= year.start
                || conference.map { $0 >= year.start }
                    ?? (enquiry.completed.map { $0 >= year.start } ?? true)
            guard relevant else { return nil }
            return CensusSection47(
                stepId: enquiry.id, actualStartDate: enquiry.start,
                initialCPCtarget: CensusBuilder.initialConferenceTarget(
                    strategyOn: enquiry.strategyOn, ruleset: ruleset),
                dateOfInitialCPC: conference, icpcNotRequired: notRequired ? "true" : "false")
        }
    }

    func childInNeedPlans(in year: CensusYear) -> [CINPlanDates] {
        plans.filter { $0.kind == .childInNeed && ($0.end.map { $0 >= year.start } ?? true) }.map {
            CINPlanDates(stepId: $0.id, startDate: $0.start, endDate: $0.end)
        }
    }

    /// Child protection plans open at any point in the year, each with every review conference held in the year
    /// while it was open (after its start, up to its end) and the number of the child's plans that started before it.
    func protectionPlans(in year: CensusYear, previousPlanStarts: [LocalDate]) -> [CensusProtectionPlan] {
        plans.filter { $0.kind == .childProtection && ($0.end.map { $0 >= year.start } ?? true) }.map { plan in
            let reviews = reviewConferences.filter {
                $0 > plan.start && $0 >= year.start && $0 <= (plan.end ?? year.end)
            }
            return CensusProtectionPlan(
                stepId: plan.id, startDate: plan.start, endDate: plan.end,
                initialCategoryOfAbuse: plan.initial?.rawValue, latestCategoryOfAbuse: plan.latest?.rawValue,
                numberOfPreviousCPP: previousPlanStarts.filter { $0 < plan.start }.count, reviewDates: reviews)
        }
    }
}
