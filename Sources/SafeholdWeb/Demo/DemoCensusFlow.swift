import Foundation
import SafeholdCore
import SafeholdStore

/// The census demo's paths through the pipeline, each from a contact the front door decides (one worker
/// records it, another decides it) to the steps the child's worker records and the manager authorises.
struct DemoCensusFlow {
    let store: Store
    let calendar: WorkingCalendar
    let door: User, decider: User, worker: User, manager: User

    /// Not a Safehold user, so the chair's accreditation gate (dated today's courses) does not apply to
    /// conferences held a year and more ago.
    static let chair = "Jordan Independent (chair)"
    static let sources: [ReferralSource] = [.schools, .police, .healthVisitor, .individualFamily, .healthGP]

    func context(_ user: User) -> AuditContext { AuditContext(actor: user.actor, ipAddress: nil, reason: "demo") }
    func day(_ from: LocalDate, _ workingDays: Int) -> LocalDate { calendar.adding(workingDays: workingDays, to: from) }

    /// The contact and the front door's decision; the episode it opened (with its primary need), if any.
    func refer(
        _ child: UUID, on date: LocalDate, _ decision: TriageDecision, need: PrimaryNeed = .n1
    ) async throws -> DemoPipeline.Recorder? {
        let contact = try await store.recordContact(
            ContactDraft(
                receivedAt: DemoPipeline.noon(date), source: Self.sources[date.day % Self.sources.count],
                referrerName: "Demo referrer", referrerAgency: nil, childIds: [child],
                concern: DemoPipeline.concerns[date.day % DemoPipeline.concerns.count]), context: context(door))
        _ = try await store.triage(
            contact.id,
            TriageDraft(
                decision: decision, reason: "Demo census: \(decision.label).", urgency: .amber,
                referrerInformedOn: date.adding(days: 1)), expectedVersion: 1, context: context(decider))
        guard decision.opensEpisode, let episode = try await store.episodes(of: child, context: context(worker)).first
        else { return nil }
        try await store.setPrimaryNeed(episode: episode.id, need, context: context(worker))
        return DemoPipeline.Recorder(store: store, episode: episode.id, worker: context(worker))
    }

    func authorise(_ step: UUID, _ r: DemoPipeline.Recorder) async throws {
        try await store.authoriseStep(step, episode: r.episode, comment: "Agreed.", context: context(manager))
    }

    func completeAssessment(
        _ assessment: UUID, on date: LocalDate, factors: [String], _ r: inout DemoPipeline.Recorder
    ) async throws {
        let done = try await r.record(
            .assessmentCompleted(
                assessment: assessment, on: date, factors: factors, childSeen: true,
                developmentalNeeds: "Meeting most milestones.", parentingCapacity: "Loving but under strain.",
                familyAndEnvironment: "Overcrowded flat.", outcome: "As planned with the family."))
        try await authorise(done, r)
    }

    func childInNeedPlan(_ child: UUID, referred: LocalDate) async throws {
        guard var r = try await refer(child, on: referred, .assessment, need: .n4) else { return }
        let a = try await r.record(.assessmentStarted(on: referred))
        try await completeAssessment(a, on: day(referred, 20), factors: ["4B", "3B"], &r)
        let plan = try await r.record(
            .planStarted(kind: .childInNeed, on: day(referred, 21), category: nil, visitIntervalWorkingDays: 20))
        try await authorise(plan, r)
    }

    func closedAfterAssessment(_ child: UUID, referred: LocalDate) async throws {
        guard var r = try await refer(child, on: referred, .assessment, need: .n5) else { return }
        let a = try await r.record(.assessmentStarted(on: referred))
        try await completeAssessment(a, on: day(referred, 12), factors: ["21"], &r)
        let closure = try await r.record(.closed(on: day(referred, 15), reason: .rc8))
        try await authorise(closure, r)
    }

    /// Strategy discussion, enquiry, initial conference and plan; `reviews` review conferences (the last ends
    /// the plan and the episode closes when `endsAndCloses`).
    func protectionPlan(_ child: UUID, referred: LocalDate, reviews: Int, endsAndCloses: Bool) async throws {
        guard var r = try await refer(child, on: referred, .strategyDiscussion) else { return }
        let a = try await r.record(.assessmentStarted(on: referred))
        let enquiry = try await startEnquiry(referred, &r)
        try await r.record(
            .section47Completed(
                enquiry: enquiry, on: day(referred, 5), substantiated: true, conferenceNeeded: true,
                reasonNoConference: nil))
        _ = try await store.recordWishes(
            for: child,
            WishesDraft(
                gatheredOn: day(referred, 3), words: DemoPipeline.voices[referred.day % DemoPipeline.voices.count],
                communicationNeeds: nil, tool: "three_houses"), context: context(worker))
        let icpc = day(referred, 10)
        try await r.record(conference(initial: true, on: icpc, decision: .plan, category: .neglect))
        let plan = try await r.record(
            .planStarted(kind: .childProtection, on: icpc, category: .neglect, visitIntervalWorkingDays: 10))
        try await authorise(plan, r)
        try await completeAssessment(a, on: day(referred, 30), factors: ["16A", "4B"], &r)
        var last = icpc
        for review in 0..<reviews {
            last = last.adding(months: review == 0 ? 3 : 6)
            while !calendar.isWorkingDay(last) { last = last.adding(days: 1) }
            let ends = endsAndCloses && review == reviews - 1
            try await r.record(
                conference(
                    initial: false, on: last, decision: ends ? .endPlan : .continuePlan,
                    category: review == 0 ? .emotional : .neglect))
        }
        if endsAndCloses {
            let closure = try await r.record(.closed(on: day(last, 5), reason: .rc7))
            try await authorise(closure, r)
        }
    }

    func enquiryWithoutConference(_ child: UUID, referred: LocalDate) async throws {
        guard var r = try await refer(child, on: referred, .strategyDiscussion, need: .n2) else { return }
        let a = try await r.record(.assessmentStarted(on: referred))
        let enquiry = try await startEnquiry(referred, &r)
        try await r.record(
            .section47Completed(
                enquiry: enquiry, on: day(referred, 6), substantiated: false, conferenceNeeded: false,
                reasonNoConference: "Concerns not substantiated; the family accepts support."))
        try await completeAssessment(a, on: day(referred, 25), factors: ["3B"], &r)
        let plan = try await r.record(
            .planStarted(kind: .childInNeed, on: day(referred, 26), category: nil, visitIntervalWorkingDays: 20))
        try await authorise(plan, r)
    }

    func referralWithNoFurtherAction(_ child: UUID, referred: LocalDate) async throws {
        _ = try await refer(child, on: referred, .referralNoFurtherAction)
    }

    func openAssessment(_ child: UUID, referred: LocalDate) async throws {
        guard var r = try await refer(child, on: referred, .assessment, need: .n3) else { return }
        try await r.record(.assessmentStarted(on: referred))
    }

    func openEnquiry(_ child: UUID, referred: LocalDate) async throws {
        guard var r = try await refer(child, on: referred, .strategyDiscussion) else { return }
        try await r.record(.assessmentStarted(on: referred))
        _ = try await startEnquiry(referred, &r)
    }

    private func startEnquiry(_ on: LocalDate, _ r: inout DemoPipeline.Recorder) async throws -> UUID {
        let strategy = try await r.record(
            .strategyDiscussion(
                on: on, participants: DemoPipeline.participants, absentAgencyReason: nil,
                informationShared: "Records checked by social care, police and health.", decision: .singleAgencyS47,
                safetyActions: "Safety plan agreed with the family."))
        return try await r.record(.section47Started(on: on, strategyDiscussion: strategy))
    }

    private func conference(
        initial: Bool, on: LocalDate, decision: ConferenceDecision, category: AbuseCategory
    ) -> EpisodeStep {
        .conference(
            initial: initial, on: on, chair: Self.chair, attendees: DemoPipeline.participants, apologies: [],
            childViews: "I want things to be calmer at home.", howViewsObtained: "Seen alone at school",
            decision: decision, category: category, nextReview: on.adding(months: initial ? 3 : 6))
    }
}
