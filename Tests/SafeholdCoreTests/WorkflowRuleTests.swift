import Foundation
import Testing

@testable import SafeholdCore

/// Every rule of the workflow table, each pinned by a step it refuses and the same step allowed
/// once the missing fact is recorded.
@Suite struct WorkflowRuleTests {
    /// A state builder: records steps unchecked (authorised), to set up a situation.
    struct Given {
        var steps: [RecordedStep] = []
        let referral = d("2025-04-17")
        let ids = SequentialIdGenerator()

        var state: EpisodeState { EpisodeState.derive(referralDate: referral, steps: steps) }

        @discardableResult
        mutating func had(_ step: EpisodeStep, authorised: Bool = true) -> UUID {
            let id = ids.next()
            steps.append(
                RecordedStep(
                    id: id, episodeId: UUID(), step: step, recordedAt: Date(), recordedBy: "t",
                    authorisedBy: authorised ? "m" : nil, authorisedAt: authorised ? Date() : nil))
            return id
        }

        func refuses(_ step: EpisodeStep) -> String? {
            do { try Workflow.check(step, against: state); return nil } catch { return error.message }
        }
    }

    static let visit = EpisodeStep.visit(
        on: d("2025-05-01"), visitor: "v", childSeen: true, seenAlone: false, location: "l",
        observations: "", childsWords: "")

    @Test func everyRuleInTheTableIsExercised() {
        #expect(Workflow.rules.count == 14, "a new rule needs a test here")
    }

    @Test func nothingAfterClosureAndNothingWhileClosureAwaitsAuthorisation() {
        var g = Given()
        g.had(.closed(on: d("2025-04-20"), reason: .rc8), authorised: false)
        #expect(g.refuses(Self.visit)?.contains("waiting for a manager") == true)
        var h = Given()
        h.had(.closed(on: d("2025-04-20"), reason: .rc8))
        #expect(h.refuses(Self.visit)?.contains("closed") == true)
        #expect(Given().refuses(Self.visit) == nil)
    }

    @Test func noStepBeforeTheReferral() {
        #expect(Given().refuses(.assessmentStarted(on: d("2025-04-16")))?.contains("before the referral") == true)
        #expect(Given().refuses(.assessmentStarted(on: d("2025-04-17"))) == nil)
    }

    @Test func assessmentsOpenOneAtATimeAndCompleteOnlyWhenOpen() {
        var g = Given()
        let a = g.had(.assessmentStarted(on: d("2025-04-17")))
        #expect(g.refuses(.assessmentStarted(on: d("2025-04-18"))) != nil)
        let complete = EpisodeStep.assessmentCompleted(
            assessment: a, on: d("2025-04-20"), factors: ["21"], childSeen: true,
            developmentalNeeds: "", parentingCapacity: "", familyAndEnvironment: "", outcome: "")
        #expect(g.refuses(complete) == nil)
        #expect(
            g.refuses(
                .assessmentCompleted(
                    assessment: UUID(), on: d("2025-04-20"), factors: [], childSeen: true,
                    developmentalNeeds: "", parentingCapacity: "", familyAndEnvironment: "", outcome: "")) != nil)
        g.had(complete)
        #expect(g.refuses(complete)?.contains("already completed") == true)
        #expect(g.refuses(.assessmentStarted(on: d("2025-05-18"))) == nil)
    }

    @Test func enquiriesNeedTheLatestStrategyDiscussionAndCompleteOnce() {
        var g = Given()
        #expect(g.refuses(.section47Started(on: d("2025-04-18"), strategyDiscussion: UUID())) != nil)
        let old = g.had(strategy("2025-04-17"))
        let latest = g.had(strategy("2025-04-18"))
        #expect(
            g.refuses(.section47Started(on: d("2025-04-18"), strategyDiscussion: old)) != nil, "not an older discussion"
        )
        #expect(
            g.refuses(.section47Started(on: d("2025-04-17"), strategyDiscussion: latest))?.contains(
                "before the strategy") == true)
        let e = g.had(.section47Started(on: d("2025-04-18"), strategyDiscussion: latest))
        #expect(
            g.refuses(.section47Started(on: d("2025-04-19"), strategyDiscussion: latest))?.contains("already open")
                == true)
        let done = EpisodeStep.section47Completed(
            enquiry: e, on: d("2025-04-25"), substantiated: true, conferenceNeeded: true, reasonNoConference: nil)
        #expect(
            g.refuses(
                .section47Completed(
                    enquiry: e, on: d("2025-04-17"), substantiated: true, conferenceNeeded: true,
                    reasonNoConference: nil))?.contains("before it started") == true)
        g.had(done)
        #expect(g.refuses(done)?.contains("already completed") == true)
    }

    @Test func initialConferencesNeedAnEnquiryThatCallsForOne() {
        var g = Given()
        let icpc = conference(initial: true, "2025-05-01", .plan)
        #expect(g.refuses(icpc) != nil)
        let sd = g.had(strategy("2025-04-17"))
        let e = g.had(.section47Started(on: d("2025-04-17"), strategyDiscussion: sd))
        #expect(g.refuses(icpc) == nil, "an open enquiry may lead to a conference")
        g.had(
            .section47Completed(
                enquiry: e, on: d("2025-04-25"), substantiated: false, conferenceNeeded: false,
                reasonNoConference: "no harm"))
        #expect(g.refuses(icpc) != nil, "not when the enquiry said no conference")
    }

    @Test func plansNeedTheirGroundsAndEndOnce() {
        var g = Given()
        let cin = EpisodeStep.planStarted(
            kind: .childInNeed, on: d("2025-05-01"), category: nil, visitIntervalWorkingDays: 20)
        #expect(g.refuses(cin)?.contains("completed assessment") == true)
        let a = g.had(.assessmentStarted(on: d("2025-04-17")))
        g.had(
            .assessmentCompleted(
                assessment: a, on: d("2025-04-30"), factors: ["21"], childSeen: true, developmentalNeeds: "",
                parentingCapacity: "", familyAndEnvironment: "", outcome: ""))
        let plan = g.had(cin)
        #expect(g.refuses(cin)?.contains("already has an open child in need plan") == true)
        #expect(
            g.refuses(.coreGroupMeeting(plan: plan, on: d("2025-05-05"), attendees: [], notes: "")) != nil,
            "core groups are for CP plans")
        #expect(
            g.refuses(.planEnded(plan: plan, on: d("2025-04-30"), reason: "x"))?.contains("before it started") == true)
        g.had(.planEnded(plan: plan, on: d("2025-06-01"), reason: "x"))
        #expect(g.refuses(.planEnded(plan: plan, on: d("2025-06-02"), reason: "x"))?.contains("already ended") == true)
        #expect(g.refuses(.planEnded(plan: UUID(), on: d("2025-06-02"), reason: "x")) != nil)
    }

    @Test func reviewConferencesAndCoreGroupsNeedAnOpenChildProtectionPlan() {
        var g = Given()
        let review = conference(initial: false, "2025-06-01", .continuePlan)
        #expect(g.refuses(review) != nil)
        let sd = g.had(strategy("2025-04-17"))
        let e = g.had(.section47Started(on: d("2025-04-17"), strategyDiscussion: sd))
        g.had(
            .section47Completed(
                enquiry: e, on: d("2025-04-25"), substantiated: true, conferenceNeeded: true, reasonNoConference: nil))
        g.had(conference(initial: true, "2025-05-01", .plan))
        let plan = g.had(
            .planStarted(kind: .childProtection, on: d("2025-05-01"), category: .neglect, visitIntervalWorkingDays: 10))
        #expect(
            g.refuses(
                .planStarted(
                    kind: .childProtection, on: d("2025-05-02"), category: .neglect, visitIntervalWorkingDays: 10))
                != nil)
        #expect(g.refuses(review) == nil)
        #expect(g.refuses(.coreGroupMeeting(plan: plan, on: d("2025-05-08"), attendees: [], notes: "")) == nil)
        #expect(
            g.refuses(.closed(on: d("2025-06-01"), reason: .rc7))?.contains("child protection plan is open") == true)
    }
}
