import Foundation
import Testing

@testable import SafeholdCore

/// `PlanFact` reads a stored step's plan facts alone; its fold must agree with `EpisodeState`'s.
struct PlanFactTests {
    private func facts(_ builder: EpisodeBuilder) throws -> [(step: UUID, fact: PlanFact)] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try builder.steps.map { ($0.id, try JSONDecoder().decode(PlanFact.self, from: encoder.encode($0.step))) }
    }

    private func openKinds(_ builder: EpisodeBuilder) -> Set<PlanKind> {
        Set([PlanKind.childProtection, .childInNeed].filter { builder.state.openPlan($0) != nil })
    }

    private func conference(_ on: String, _ decision: ConferenceDecision, initial: Bool) -> EpisodeStep {
        .conference(
            initial: initial, on: d(on), chair: "Chair", attendees: people, apologies: [], childViews: "v",
            howViewsObtained: "h", decision: decision, category: decision == .plan ? .neglect : nil,
            nextReview: nil)
    }

    @Test func aPlanStartedAndNotEndedIsOpenAndTheOtherStepsSayNothing() throws {
        var b = EpisodeBuilder(referral: "2025-04-01")
        let assessment = try b.record(.assessmentStarted(on: d("2025-04-02")))
        try b.record(
            .assessmentCompleted(
                assessment: assessment, on: d("2025-04-03"), factors: ["21"], childSeen: true,
                developmentalNeeds: "d", parentingCapacity: "p", familyAndEnvironment: "f", outcome: "o"))
        try b.record(.planStarted(kind: .childInNeed, on: d("2025-04-03"), category: nil, visitIntervalWorkingDays: 20))
        #expect(try PlanFact.openPlans(facts(b)) == [.childInNeed])
        #expect(try facts(b).first?.fact == .other)
        #expect(PlanFact.openPlans(try facts(b)) == openKinds(b))
    }

    @Test func aPlanEndedByItsIdOrByAConferenceIsClosedAsTheEpisodeStateSays() throws {
        var b = EpisodeBuilder(referral: "2025-04-01")
        try b.record(strategy("2025-04-02"))
        let strategyId = b.steps.last!.id
        try b.record(.section47Started(on: d("2025-04-02"), strategyDiscussion: strategyId))
        let enquiry = b.steps.last!.id
        try b.record(
            .section47Completed(
                enquiry: enquiry, on: d("2025-04-10"), substantiated: true, conferenceNeeded: true,
                reasonNoConference: nil))
        try b.record(conference("2025-04-20", .plan, initial: true))
        try b.record(
            .planStarted(kind: .childProtection, on: d("2025-04-20"), category: .neglect, visitIntervalWorkingDays: 10))
        #expect(PlanFact.openPlans(try facts(b)) == [.childProtection])
        #expect(PlanFact.openPlans(try facts(b)) == openKinds(b))
        try b.record(conference("2025-07-18", .endPlan, initial: false))
        #expect(try facts(b).last?.fact == .conference(.endPlan))
        #expect(PlanFact.openPlans(try facts(b)).isEmpty)
        #expect(PlanFact.openPlans(try facts(b)) == openKinds(b))
    }

    @Test func aPlanEndingNamesThePlanItEnds() throws {
        let plan = UUID()
        let ending = EpisodeStep.planEnded(plan: plan, on: d("2025-05-01"), reason: "Needs met")
        let fact = try JSONDecoder().decode(PlanFact.self, from: JSONEncoder().encode(ending))
        #expect(fact == .ended(plan: plan))
        let other = UUID()
        #expect(PlanFact.openPlans([(plan, .started(.childInNeed)), (other, .ended(plan: plan))]).isEmpty)
        #expect(PlanFact.openPlans([(plan, .started(.childInNeed)), (other, .ended(plan: other))]) == [.childInNeed])
    }
}
