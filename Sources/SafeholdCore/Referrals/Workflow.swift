import Foundation

/// The order of the statutory pipeline as one table of named rules: which step may follow which,
/// and what must exist first. A refusal is `SafeholdError.conflict` with a sentence a worker understands.
public enum Workflow {
    /// One rule: the steps it governs and the refusal it gives when the state does not allow them.
    public struct Rule: Sendable {
        public let name: String
        let applies: @Sendable (EpisodeStep) -> Bool
        let refusal: @Sendable (EpisodeStep, EpisodeState) -> String?
    }

    public static let rules: [Rule] = [
        Rule(name: "nothing after closure", applies: { _ in true }) { _, s in
            s.isClosed ? "This episode of need is closed. Open a new referral to record more work." : nil
        },
        Rule(name: "nothing while closure awaits authorisation", applies: { _ in true }) { _, s in
            s.pendingClosure != nil ? "A closure of this episode is waiting for a manager's authorisation." : nil
        },
        Rule(name: "no step before the referral", applies: { _ in true }) { step, s in
            step.date < s.referralDate ? "This date is before the referral (\(s.referralDate)). Check the date." : nil
        },
        Rule(name: "one open assessment", applies: { if case .assessmentStarted = $0 { true } else { false } }) {
            _, s in
            s.openAssessment != nil ? "An assessment is already open. Complete it before starting another." : nil
        },
        Rule(
            name: "complete an open assessment", applies: { if case .assessmentCompleted = $0 { true } else { false } }
        ) { step, s in
            guard case .assessmentCompleted(let id, let on, _, _, _, _, _, _) = step,
                let a = s.assessments.first(where: { $0.id == id })
            else { return "There is no such assessment on this episode." }
            if a.completedOn != nil { return "This assessment is already completed." }
            return on < a.startedOn ? "An assessment cannot be completed before it started (\(a.startedOn))." : nil
        },
        Rule(
            name: "s47 needs a strategy discussion that decided one",
            applies: { if case .section47Started = $0 { true } else { false } }
        ) { step, s in
            guard case .section47Started(let on, let strategyId) = step else { return nil }
            guard let strategy = s.lastStrategy, strategy.id == strategyId else {
                return "A section 47 enquiry starts from the latest strategy discussion. "
                    + "Record the strategy discussion first."
            }
            if !strategy.decision.startsSection47 {
                return "The strategy discussion decided there would be no section 47 enquiry."
            }
            if s.openEnquiry != nil { return "A section 47 enquiry is already open." }
            return on < strategy.on ? "The enquiry cannot start before the strategy discussion (\(strategy.on))." : nil
        },
        Rule(name: "complete an open s47", applies: { if case .section47Completed = $0 { true } else { false } }) {
            step, s in
            guard case .section47Completed(let id, let on, _, _, _) = step,
                let e = s.enquiries.first(where: { $0.id == id })
            else { return "There is no such section 47 enquiry on this episode." }
            if e.completedOn != nil { return "This section 47 enquiry is already completed." }
            return on < e.startedOn ? "The enquiry cannot end before it started (\(e.startedOn))." : nil
        },
        Rule(
            name: "no initial conference without an s47",
            applies: { if case .conference(true, _, _, _, _, _, _, _, _, _) = $0 { true } else { false } }
        ) { _, s in
            s.enquiryAwaitingConference == nil
                ? "An initial child protection conference needs a section 47 enquiry that calls for one. "
                    + "Record the enquiry first."
                : nil
        },
        Rule(
            name: "a review conference needs a plan",
            applies: { if case .conference(false, _, _, _, _, _, _, _, _, _) = $0 { true } else { false } }
        ) { _, s in
            s.openPlan(.childProtection) == nil
                ? "A review conference reviews a child protection plan, and this child has none open." : nil
        },
        Rule(
            name: "no plan without a conference decision",
            applies: { if case .planStarted(.childProtection, _, _, _) = $0 { true } else { false } }
        ) { _, s in
            if s.openPlan(.childProtection) != nil { return "This child already has an open child protection plan." }
            guard let c = s.lastConference, c.initial, c.decision == .plan else {
                return
                    "A child protection plan starts only when a conference decides on one. Record the conference first."
            }
            return nil
        },
        Rule(
            name: "a child in need plan follows an assessment",
            applies: { if case .planStarted(.childInNeed, _, _, _) = $0 { true } else { false } }
        ) { _, s in
            if s.openPlan(.childInNeed) != nil { return "This child already has an open child in need plan." }
            return s.assessments.contains(where: { $0.completedOn != nil })
                ? nil
                : "A child in need plan follows a completed assessment. Complete the assessment first."
        },
        Rule(name: "end an open plan", applies: { if case .planEnded = $0 { true } else { false } }) { step, s in
            guard case .planEnded(let id, let on, _) = step, let p = s.plans.first(where: { $0.id == id }) else {
                return "There is no such plan on this episode."
            }
            if p.endedOn != nil { return "This plan has already ended." }
            return on < p.startedOn ? "A plan cannot end before it started (\(p.startedOn))." : nil
        },
        Rule(name: "core groups meet under a plan", applies: { if case .coreGroupMeeting = $0 { true } else { false } })
        { step, s in
            guard case .coreGroupMeeting(let id, _, _, _) = step, let p = s.plans.first(where: { $0.id == id }),
                p.kind == .childProtection, p.endedOn == nil
            else {
                return "Core group meetings are held under an open child protection plan."
            }
            return nil
        },
        Rule(name: "no closure with open work", applies: { if case .closed = $0 { true } else { false } }) { _, s in
            if let plan = s.plans.first(where: { $0.endedOn == nil }) {
                return
                    "This episode cannot close while the \(plan.kind.label.lowercased()) is open. End the plan first."
            }
            if s.openAssessment != nil {
                return "This episode cannot close while an assessment is open. Complete it first."
            }
            if s.openEnquiry != nil {
                return "This episode cannot close while a section 47 enquiry is open. Complete it first."
            }
            return nil
        },
    ]

    /// Throws a conflict naming the first rule the step breaks; returns when the step may be recorded.
    public static func check(_ step: EpisodeStep, against state: EpisodeState) throws(SafeholdError) {
        for rule in rules where rule.applies(step) {
            if let refusal = rule.refusal(step, state) { throw .conflict(refusal) }
        }
    }
}
