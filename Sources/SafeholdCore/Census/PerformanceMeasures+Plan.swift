import Foundation

extension PerformanceMeasures {
    /// A plan as the measures see it: its kind, dates, first category and visit interval.
    struct Plan {
        let id: UUID
        let kind: PlanKind
        let startedOn: LocalDate
        let initialCategory: AbuseCategory?
        let visitIntervalWorkingDays: Int
        var endedOn: LocalDate?

        /// The plans of one episode's steps, folded as `EpisodeState` folds them: a plan ends by its own
        /// ending, and the open child protection plan also by a conference that decides to end it.
        static func fold(_ steps: [PerformanceStep]) -> [Plan] {
            var plans: [Plan] = []
            for step in steps {
                switch step.fact {
                case .planStarted(let kind, let on, let category):
                    plans.append(
                        Plan(
                            id: step.id, kind: kind, startedOn: on, initialCategory: category,
                            visitIntervalWorkingDays: step.visitIntervalWorkingDays ?? 0))
                case .planEnded(let id, let on):
                    if let i = plans.lastIndex(where: { $0.id == id }) { plans[i].endedOn = on }
                case .conference(_, let on, let decision, _):
                    if decision == .endPlan,
                        let i = plans.lastIndex(where: { $0.kind == .childProtection && $0.endedOn == nil })
                    {
                        plans[i].endedOn = on
                    }
                default: break
                }
            }
            return plans
        }
    }
}
