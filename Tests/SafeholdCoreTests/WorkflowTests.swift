import Foundation
import Testing

@testable import SafeholdCore

/// Builds an episode step by step, as the store would, checking each step against the workflow.
struct EpisodeBuilder {
    let ids = SequentialIdGenerator()
    let episode = UUID()
    var steps: [RecordedStep] = []
    let referral: LocalDate

    init(referral: String) { self.referral = LocalDate(iso: referral)! }

    var state: EpisodeState { EpisodeState.derive(referralDate: referral, steps: steps) }

    @discardableResult
    mutating func record(_ step: EpisodeStep, authorised: Bool = true) throws(SafeholdError) -> UUID {
        try Workflow.check(step, against: state)
        let id = ids.next()
        steps.append(
            RecordedStep(
                id: id, episodeId: episode, step: step, recordedAt: Date(), recordedBy: "test",
                authorisedBy: authorised ? "manager" : nil, authorisedAt: authorised ? Date() : nil))
        return id
    }
}

func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }
let people = [
    Participant(name: "SW", agency: "Council", agencyKind: .localAuthority),
    Participant(name: "DC", agency: "Police", agencyKind: .police),
    Participant(name: "HV", agency: "NHS", agencyKind: .health),
]

func strategy(_ on: String, _ decision: StrategyDecision = .jointS47) -> EpisodeStep {
    .strategyDiscussion(
        on: d(on), participants: people, absentAgencyReason: nil, informationShared: "x", decision: decision,
        safetyActions: "")
}

func conference(
    initial: Bool, _ on: String, _ decision: ConferenceDecision, _ category: AbuseCategory? = .neglect
) -> EpisodeStep {
    .conference(
        initial: initial, on: d(on), chair: "Chair", attendees: people, apologies: [], childViews: "wants to stay",
        howViewsObtained: "visit", decision: decision, category: category, nextReview: nil)
}

func refusal(_ body: () throws -> Void) -> String? {
    do { try body(); return nil } catch {
        if case SafeholdError.conflict(let m) = error { return m }; return "\(error)"
    }
}

@Suite struct WorkflowTests {
    @Test func theWholePipelineRunsInOrderAndDerivesItsDueDates() throws {
        var e = EpisodeBuilder(referral: "2025-04-17")
        let ruleset = Ruleset.england2025
        #expect(
            Timeliness.dueItems(e.state, ruleset: ruleset, today: d("2025-04-17")).map(\.what) == [
                "Assessment completed"
            ])
        let assessment = try e.record(.assessmentStarted(on: d("2025-04-17")))
        let sd = try e.record(strategy("2025-04-17"))
        let s47 = try e.record(.section47Started(on: d("2025-04-18"), strategyDiscussion: sd))
        let due = Timeliness.dueItems(e.state, ruleset: ruleset, today: d("2025-04-22"))
        #expect(due.first { $0.what == "Initial child protection conference" }?.dueOn == d("2025-05-13"))
        try e.record(
            .section47Completed(
                enquiry: s47, on: d("2025-05-01"), substantiated: true, conferenceNeeded: true, reasonNoConference: nil)
        )
        try e.record(conference(initial: true, "2025-05-12", .plan))
        let plan = try e.record(
            .planStarted(kind: .childProtection, on: d("2025-05-12"), category: .neglect, visitIntervalWorkingDays: 10))
        let afterPlan = Timeliness.dueItems(e.state, ruleset: ruleset, today: d("2025-05-13"))
        #expect(afterPlan.first { $0.what == "First core group meeting" }?.dueOn == d("2025-05-27"))
        #expect(afterPlan.first { $0.what == "First review conference" }?.dueOn == d("2025-08-12"))
        try e.record(.coreGroupMeeting(plan: plan, on: d("2025-05-20"), attendees: people, notes: ""))
        try e.record(
            .visit(
                on: d("2025-05-22"), visitor: "SW", childSeen: true, seenAlone: true, location: "home",
                observations: "", childsWords: ""))
        try e.record(
            .assessmentCompleted(
                assessment: assessment, on: d("2025-06-01"), factors: ["16A"], childSeen: true,
                developmentalNeeds: "", parentingCapacity: "", familyAndEnvironment: "", outcome: "plan"))
        try e.record(conference(initial: false, "2025-08-11", .endPlan))
        #expect(e.state.openPlan(.childProtection) == nil)
        try e.record(.closed(on: d("2025-08-20"), reason: .rc7))
        #expect(e.state.isClosed)
        #expect(Timeliness.dueItems(e.state, ruleset: ruleset, today: d("2025-09-01")).isEmpty)
    }

    @Test func noConferenceWithoutAnEnquiry() {
        var e = EpisodeBuilder(referral: "2025-04-17")
        #expect(
            refusal { try e.record(conference(initial: true, "2025-05-01", .plan)) }?.contains("section 47") == true)
    }

    @Test func noEnquiryWhenTheStrategyDiscussionDecidedAgainstIt() throws {
        var e = EpisodeBuilder(referral: "2025-04-17")
        let sd = try e.record(strategy("2025-04-17", .noS47))
        #expect(
            refusal { try e.record(.section47Started(on: d("2025-04-18"), strategyDiscussion: sd)) }?.contains(
                "no section 47") == true)
        #expect(refusal { try e.record(.section47Started(on: d("2025-04-18"), strategyDiscussion: UUID())) } != nil)
    }

    @Test func noPlanWithoutAConferenceDecision() throws {
        var e = EpisodeBuilder(referral: "2025-04-17")
        let step = EpisodeStep.planStarted(
            kind: .childProtection, on: d("2025-05-01"), category: .neglect, visitIntervalWorkingDays: 10)
        #expect(refusal { try e.record(step) }?.contains("conference decides") == true)
        let sd = try e.record(strategy("2025-04-17"))
        let s47 = try e.record(.section47Started(on: d("2025-04-17"), strategyDiscussion: sd))
        try e.record(
            .section47Completed(
                enquiry: s47, on: d("2025-04-25"), substantiated: false, conferenceNeeded: true, reasonNoConference: nil
            ))
        try e.record(conference(initial: true, "2025-05-01", .noPlan))
        #expect(refusal { try e.record(step) } != nil)
        #expect(
            refusal { try e.record(conference(initial: false, "2025-06-01", .continuePlan)) }?.contains("review")
                == true)
    }

    @Test func noClosureWithAnOpenPlanOrAssessment() throws {
        var e = EpisodeBuilder(referral: "2025-04-17")
        let a = try e.record(.assessmentStarted(on: d("2025-04-17")))
        #expect(
            refusal { try e.record(.closed(on: d("2025-05-01"), reason: .rc8)) }?.contains("assessment is open") == true
        )
        #expect(refusal { try e.record(.assessmentStarted(on: d("2025-04-18"))) }?.contains("already open") == true)
        try e.record(
            .assessmentCompleted(
                assessment: a, on: d("2025-04-30"), factors: ["21"], childSeen: true,
                developmentalNeeds: "", parentingCapacity: "", familyAndEnvironment: "", outcome: ""))
        let plan = try e.record(
            .planStarted(kind: .childInNeed, on: d("2025-05-01"), category: nil, visitIntervalWorkingDays: 20))
        #expect(
            refusal { try e.record(.closed(on: d("2025-05-02"), reason: .rc7)) }?.contains("child in need plan is open")
                == true)
        try e.record(.planEnded(plan: plan, on: d("2025-06-01"), reason: "needs met"))
        try e.record(.closed(on: d("2025-06-02"), reason: .rc7))
        #expect(
            refusal {
                try e.record(
                    .visit(
                        on: d("2025-06-03"), visitor: "x", childSeen: true, seenAlone: false, location: "",
                        observations: "", childsWords: ""))
            }?.contains("closed") == true)
    }

    @Test func stepsCannotPrecedeTheReferralOrTheirOwnStart() throws {
        var e = EpisodeBuilder(referral: "2025-04-17")
        #expect(
            refusal { try e.record(.assessmentStarted(on: d("2025-04-16"))) }?.contains("before the referral") == true)
        let a = try e.record(.assessmentStarted(on: d("2025-04-20")))
        #expect(
            refusal {
                try e.record(
                    .assessmentCompleted(
                        assessment: a, on: d("2025-04-19"), factors: [], childSeen: true,
                        developmentalNeeds: "", parentingCapacity: "", familyAndEnvironment: "",
                        outcome: ""))
            }?.contains("before it started") == true)
    }

    @Test func overdueAndDueSoonFollowToday() {
        let calendar = Ruleset.england2025.calendar
        #expect(Timeliness.status(of: d("2025-05-13"), today: d("2025-05-14"), calendar: calendar) == .overdue)
        #expect(Timeliness.status(of: d("2025-05-13"), today: d("2025-05-09"), calendar: calendar) == .dueSoon)
        #expect(Timeliness.status(of: d("2025-05-30"), today: d("2025-05-09"), calendar: calendar) == .onTrack)
    }
}
