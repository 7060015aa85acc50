import Foundation
import SafeholdCore
import SafeholdSeeding
import SafeholdStore

/// A small authority whose dashboard figures for 1 April to 30 September 2026 are counted by hand in
/// `PerformanceStoreTests`. Alice holds Ann, Ben and Gus; Bob holds Cal and Fay (team A); Carol holds Dee
/// and Eve (team B). Dates are chosen on the boundaries the DfE's inclusive count decides.
enum PerformanceFixture {
    static let period = PerformancePeriod(from: Synthetic.date("2026-04-01"), to: Synthetic.date("2026-09-30"))

    struct Children { let ann, ben, cal, dee, eve, fay, gus: UUID }

    /// One episode: a contact received on `received` and decided on `decided`, then `steps`.
    final class Episode {
        let child: UUID
        let received: String
        let decided: String
        var steps: [(id: UUID, step: EpisodeStep)] = []

        init(_ child: UUID, _ received: String, decided: String? = nil) {
            self.child = child
            self.received = received
            self.decided = decided ?? received
        }

        @discardableResult func add(_ step: EpisodeStep) -> UUID {
            let id = UUID()
            steps.append((id, step))
            return id
        }

        func assessment(_ start: String, _ end: String) {
            let id = add(.assessmentStarted(on: d(start)))
            add(
                .assessmentCompleted(
                    assessment: id, on: d(end), factors: ["21"], childSeen: true, developmentalNeeds: "n",
                    parentingCapacity: "p", familyAndEnvironment: "f", outcome: "o"))
        }

        /// Strategy discussion and enquiry on `strategy`, the enquiry ending on `enquiryEnds`, an initial
        /// conference on `icpc` deciding a plan, and the plan starting that day. Returns the plan's id.
        func protectionPlan(
            strategy: String, enquiryEnds: String, icpc: String, category: AbuseCategory, interval: Int = 10
        ) -> UUID {
            let sd = add(
                .strategyDiscussion(
                    on: d(strategy), participants: [], absentAgencyReason: "test", informationShared: "x",
                    decision: .singleAgencyS47, safetyActions: ""))
            let enquiry = add(.section47Started(on: d(strategy), strategyDiscussion: sd))
            add(
                .section47Completed(
                    enquiry: enquiry, on: d(enquiryEnds), substantiated: true, conferenceNeeded: true,
                    reasonNoConference: nil))
            conference(initial: true, icpc, .plan, category: category)
            return add(
                .planStarted(
                    kind: .childProtection, on: d(icpc), category: category, visitIntervalWorkingDays: interval))
        }

        func conference(initial: Bool, _ on: String, _ decision: ConferenceDecision, category: AbuseCategory? = nil) {
            add(
                .conference(
                    initial: initial, on: d(on), chair: "Chair", attendees: [], apologies: [], childViews: "v",
                    howViewsObtained: "h", decision: decision, category: category, nextReview: nil))
        }

        func visit(_ on: String, alone: Bool) {
            add(
                .visit(
                    on: d(on), visitor: "SW", childSeen: true, seenAlone: alone, location: "Home", observations: "o",
                    childsWords: "w"))
        }

        var history: ChildHistory {
            ChildHistory(
                childId: child,
                contact: ContactDraft(
                    receivedAt: Timestamp.date("\(received)T09:00:00.000Z")!, source: .police, referrerName: "PC",
                    referrerAgency: nil, childIds: [child], concern: "Concern."),
                triage: Triage(
                    decision: .strategyDiscussion, reason: "Harm", urgency: .red,
                    decidedAt: Timestamp.date("\(decided)T09:30:00.000Z")!, decidedBy: "Dee Door",
                    referrerInformedOn: nil),
                steps: steps, notes: [],
                wishes: [WishesDraft(gatheredOn: d(received), words: "I am fine.", tool: "three_houses")],
                recordedBy: "SW")
        }
    }

    static func load(_ w: World) async throws -> Children {
        let ids = try await w.store.bulkLoad(
            [
                ("Ann", w.teamA.id, w.alice.id), ("Ben", w.teamA.id, w.alice.id), ("Cal", w.teamA.id, w.bob.id),
                ("Dee", w.teamB.id, w.carol.id), ("Eve", w.teamB.id, w.carol.id), ("Fay", w.teamA.id, w.bob.id),
                ("Gus", w.teamA.id, w.alice.id),
            ].map { BulkPerson(details: Synthetic.child($0.0, "Measure"), team: $0.1, worker: $0.2) },
            links: [], context: w.env.system)
        let c = Children(ann: ids[0], ben: ids[1], cal: ids[2], dee: ids[3], eve: ids[4], fay: ids[5], gus: ids[6])
        var episodes: [Episode] = []
        // Ann: decided the next working day (in time); assessment of exactly 45 working days inclusive.
        let ann = Episode(c.ann, "2026-05-05", decided: "2026-05-06")
        ann.assessment("2026-05-05", "2026-07-07")
        episodes.append(ann)
        // Ben: decided two days later (late); assessment of 46 working days; a child in need plan never visited.
        let ben = Episode(c.ben, "2026-05-05", decided: "2026-05-07")
        ben.assessment("2026-05-05", "2026-07-08")
        ben.add(.planStarted(kind: .childInNeed, on: d("2026-07-08"), category: nil, visitIntervalWorkingDays: 20))
        episodes.append(ben)
        // Cal: referred in March; assessment completed in April (10 working days); conference on the 15th
        // working day after the strategy discussion, Easter between; first review four days late; seen alone.
        let cal = Episode(c.cal, "2026-03-20")
        cal.assessment("2026-03-20", "2026-04-02")
        _ = cal.protectionPlan(
            strategy: "2026-04-01", enquiryEnds: "2026-04-15", icpc: "2026-04-23", category: .neglect)
        cal.conference(initial: false, "2026-07-27", .continuePlan)
        cal.visit("2026-09-25", alone: true)
        episodes.append(cal)
        // Dee: conference on the 16th working day; seen on 28 September, alone on 21 September.
        let dee = Episode(c.dee, "2026-06-01", decided: "2026-06-02")
        dee.assessment("2026-06-01", "2026-06-10")
        _ = dee.protectionPlan(
            strategy: "2026-06-10", enquiryEnds: "2026-06-20", icpc: "2026-07-01", category: .emotional)
        dee.visit("2026-09-21", alone: true)
        dee.visit("2026-09-28", alone: false)
        episodes.append(dee)
        // Eve: closed in October 2025, referred again in July 2026 (a re-referral within 12 months).
        let eve1 = Episode(c.eve, "2025-09-01")
        eve1.add(.closed(on: d("2025-10-01"), reason: .rc8))
        let eve2 = Episode(c.eve, "2026-07-01")
        episodes += [eve1, eve2]
        // Fay: a plan in 2024, referred again in April 2026 (not within 12 months), a second plan, its
        // first review on the day it was due, last seen (not alone) on 1 September.
        let fay1 = Episode(c.fay, "2024-03-01")
        let first = fay1.protectionPlan(
            strategy: "2024-03-01", enquiryEnds: "2024-03-08", icpc: "2024-03-15", category: .sexual)
        fay1.add(.planEnded(plan: first, on: d("2024-06-03"), reason: "Safe"))
        fay1.add(.closed(on: d("2024-06-03"), reason: .rc8))
        let fay2 = Episode(c.fay, "2026-04-10", decided: "2026-04-13")
        _ = fay2.protectionPlan(
            strategy: "2026-04-13", enquiryEnds: "2026-04-20", icpc: "2026-04-30", category: .physical)
        fay2.conference(initial: false, "2026-07-30", .continuePlan)
        fay2.visit("2026-09-01", alone: false)
        episodes += [fay1, fay2]
        // Gus: a plan from January 2024, reviewed on time, ended on 1 May 2026 after more than two years.
        let gus = Episode(c.gus, "2024-01-08")
        let plan = gus.protectionPlan(
            strategy: "2024-01-08", enquiryEnds: "2024-01-15", icpc: "2024-01-22", category: .physical)
        for review in ["2024-04-18", "2024-10-10", "2025-04-10", "2025-10-09", "2026-04-09"] {
            gus.conference(initial: false, review, .continuePlan)
        }
        gus.add(.planEnded(plan: plan, on: d("2026-05-01"), reason: "Safe"))
        episodes.append(gus)
        try await w.store.bulkLoadHistories(episodes.map(\.history), context: w.env.system)
        return c
    }
}

/// A fixture date.
private func d(_ iso: String) -> LocalDate { Synthetic.date(iso) }
