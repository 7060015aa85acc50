import Foundation
import SafeholdCore
import SafeholdStore

/// Spreads demo children across every stage of the pipeline, with dates in the past so that some
/// steps are on time, some due soon and some overdue. Every step goes through the store, so the
/// workflow and the audit apply to the demo as to real work.
enum DemoPipeline {
    /// The stages, in the order children are dealt into them.
    enum Stage: CaseIterable {
        case awaitingDecision, assessing, enquiry, awaitingConference, childProtectionPlan, reviewed, childInNeedPlan,
            closed
    }

    /// Returns the children it used; half the strategy discussions decide a joint enquiry with `policeTeam`.
    @discardableResult
    static func load(
        into store: Store, children: [(child: UUID, worker: String)], users: [String: User], policeTeam: UUID? = nil
    ) async throws -> Set<UUID> {
        var used = Set<UUID>()
        let today = store.today
        let door = AuditContext(actor: users["frontdoor1"]!.actor, ipAddress: nil, reason: "demo")
        // Four eyes: the worker who records a contact never decides it.
        let decider = AuditContext(actor: users["frontdoor2"]!.actor, ipAddress: nil, reason: "demo")
        let managers = [
            "sw.north1": "tm.north", "sw.north2": "tm.north", "sw.north3": "tm.north", "sw.south1": "tm.south",
            "sw.south2": "tm.south", "sw.cin1": "tm.cin",
        ]
        let eligible = children.filter { managers[$0.worker] != nil }
        for (index, entry) in eligible.prefix(Stage.allCases.count * 8).enumerated() {
            let stage = Stage.allCases[index % Stage.allCases.count]
            used.insert(entry.child)
            let worker = AuditContext(actor: users[entry.worker]!.actor, ipAddress: nil, reason: "demo")
            let manager = AuditContext(actor: users[managers[entry.worker]!]!.actor, ipAddress: nil, reason: "demo")
            // Later children in each stage started longer ago, so some are overdue.
            let age = 3 + (index / Stage.allCases.count) * 9
            let received = today.adding(days: -age)
            let contact = try await store.recordContact(
                ContactDraft(
                    receivedAt: noon(received), source: [.schools, .police, .healthVisitor, .anonymous][index % 4],
                    referrerName: index % 4 == 3 ? nil : "Demo referrer", referrerAgency: nil, childIds: [entry.child],
                    concern: concerns[index % concerns.count]), context: door)
            if stage == .awaitingDecision { continue }
            let urgent = stage != .assessing && stage != .childInNeedPlan
            _ = try await store.triage(
                contact.id,
                TriageDraft(
                    decision: urgent ? .strategyDiscussion : .assessment,
                    reason: urgent ? "Possible significant harm" : "Needs assessment",
                    urgency: urgent ? .red : .amber,
                    referrerInformedOn: index % 4 == 3 ? nil : received.adding(days: 1)),
                expectedVersion: 1, context: decider)
            guard let episode = try await store.episodes(of: entry.child, context: worker).first else { continue }
            var recorder = Recorder(store: store, episode: episode.id, worker: worker)
            let assessment = try await recorder.record(.assessmentStarted(on: received))
            if urgent {
                let joint = policeTeam.flatMap { index % 2 == 0 ? JointEnquiryLink.open(policeTeam: $0) : nil }
                let strategy = try await recorder.record(
                    .strategyDiscussion(
                        on: received, participants: participants, absentAgencyReason: nil,
                        informationShared: "Records checked by social care, police and health.",
                        decision: joint == nil ? .singleAgencyS47 : .jointS47,
                        safetyActions: "Child to stay with grandmother while enquiries are made."), jointEnquiry: joint)
                let enquiry = try await recorder.record(.section47Started(on: received, strategyDiscussion: strategy))
                if stage == .enquiry { continue }
                try await recorder.record(
                    .section47Completed(
                        enquiry: enquiry, on: min(today, received.adding(days: 5)), substantiated: true,
                        conferenceNeeded: true, reasonNoConference: nil))
                if stage == .awaitingConference { continue }
                let icpc = min(today, received.adding(days: 14))
                // No conference decides without the child's voice (synthetic words).
                _ = try await store.recordWishes(
                    for: entry.child,
                    WishesDraft(
                        gatheredOn: min(today, received.adding(days: 3)), words: voices[index % voices.count],
                        communicationNeeds: index % 5 == 0 ? "Prefers drawing to talking." : nil,
                        tool: ["three_houses", "wizard_fairy", "bubbles", "conversation"][index % 4]),
                    context: worker)
                try await recorder.record(
                    .conference(
                        initial: true, on: icpc, chair: "Chris Chairley", attendees: participants,
                        apologies: ["GP"], childViews: "I want Mum to stop shouting.",
                        howViewsObtained: "Seen alone at school", decision: .plan, category: .neglect,
                        nextReview: icpc.adding(months: 3)))
                let plan = try await recorder.record(
                    .planStarted(
                        kind: .childProtection, on: icpc, category: .neglect,
                        visitIntervalWorkingDays: 10))
                try await store.authoriseStep(plan, episode: episode.id, comment: "Plan agreed.", context: manager)
                if icpc < today {
                    try await recorder.record(
                        .coreGroupMeeting(
                            plan: plan, on: min(today, icpc.adding(days: 7)),
                            attendees: participants, notes: "Plan actions agreed."))
                }
                try await recorder.record(
                    .visit(
                        on: min(today, icpc.adding(days: 2)), visitor: users[entry.worker]!.displayName,
                        childSeen: true, seenAlone: index % 3 != 0, location: "Home",
                        observations: "Home warm; food in cupboards.", childsWords: "I like my new bed."))
                if stage == .reviewed, icpc.adding(days: 20) <= today {
                    try await recorder.record(
                        .conference(
                            initial: false, on: icpc.adding(days: 20), chair: "Chris Chairley",
                            attendees: participants, apologies: [], childViews: "Things are better.",
                            howViewsObtained: "Conference", decision: .continuePlan, category: .neglect,
                            nextReview: icpc.adding(days: 20).adding(months: 6)))
                }
                continue
            }
            if stage == .assessing { continue }
            let done = try await recorder.record(
                .assessmentCompleted(
                    assessment: assessment, on: min(today, received.adding(days: 10)), factors: ["16A", "4B"],
                    childSeen: true,
                    developmentalNeeds: "Speech delay; otherwise meeting milestones.",
                    parentingCapacity: "Loving but overwhelmed.",
                    familyAndEnvironment: "Overcrowded flat; debts.",
                    outcome: stage == .closed ? "Needs met by early help." : "Child in need plan."))
            try await store.authoriseStep(done, episode: episode.id, comment: "Assessment agreed.", context: manager)
            if stage == .childInNeedPlan {
                let plan = try await recorder.record(
                    .planStarted(
                        kind: .childInNeed, on: min(today, received.adding(days: 11)),
                        category: nil, visitIntervalWorkingDays: 20))
                try await store.authoriseStep(plan, episode: episode.id, comment: "CIN plan agreed.", context: manager)
            } else {
                let closure = try await recorder.record(
                    .closed(on: min(today, received.adding(days: 12)), reason: .rc9))
                try await store.authoriseStep(
                    closure, episode: episode.id, comment: "Closure agreed: early help in place.", context: manager)
            }
        }
        return used
    }

    /// Records steps one after another, keeping count for the store's stale-form check.
    struct Recorder {
        let store: Store
        let episode: UUID
        let worker: AuditContext
        var count = 0

        @discardableResult
        mutating func record(_ step: EpisodeStep, jointEnquiry: JointEnquiryLink? = nil) async throws -> UUID {
            let recorded = try await store.recordStep(
                step, episode: episode, expectedSteps: count, jointEnquiry: jointEnquiry, context: worker)
            count += 1
            return recorded.id
        }
    }

    static func noon(_ date: LocalDate) -> Date { Timestamp.date("\(date)T12:00:00.000Z")! }

    static let participants = [
        Participant(name: "Demo social worker", agency: "Northbridge Council", agencyKind: .localAuthority),
        Participant(name: "DC Jordan Peel", agency: "Northbridge Police", agencyKind: .police),
        Participant(name: "Hannah Nurseley", agency: "Northbridge Health NHS Trust", agencyKind: .health),
    ]

    /// Synthetic wishes and feelings, in a child's words.
    static let voices = [
        "In my house of worries Mum and Dad shout. In my house of good things I have my cat.",
        "I want to live with Nan. I feel safe at school.",
        "My wish is that nobody is cross at home and I can have my friends round.",
        "I don't like it when the man comes. I like football club.",
    ]

    static let concerns = [
        "School reports the child arrived hungry and in thin clothing for the third time this week.",
        "Police attended a domestic incident at the home overnight; the child was present.",
        "Health visitor saw unexplained bruising on the child's upper arm.",
        "Anonymous caller reports children left alone in the flat in the evenings.",
    ]
}
