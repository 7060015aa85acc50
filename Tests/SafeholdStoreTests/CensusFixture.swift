import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// A small authority for the census in the 2025-26 year (the tests' clock is in November 2026): children of
/// team A taken through the pipeline by the store, each with the dates written out so the return can be
/// checked by hand.
struct CensusFixture {
    let w: World
    let door: User
    let analyst: User

    static func make(_ w: World) async throws -> CensusFixture {
        CensusFixture(
            w: w, door: try await PipelineFixture.frontDoor(w, "Census"),
            analyst: try await w.env.createUser(
                "analyst", "Pat Analyst", role: .performanceAnalyst, agency: w.council, team: nil))
    }

    static let settings = CensusSettings(laCode: "123", softwareCode: "Safehold", release: "1.0", serialNo: "7")
    static let year2025 = CensusYear(startYear: 2025)!

    /// A child of team A with what the return carries.
    func child(_ given: String, born: String = "2015-06-01", upn: String? = nil) async throws -> UUID {
        let details = PersonDetails(
            kind: .child, givenName: given, familyName: "Censusfield", dateOfBirth: Synthetic.date(born), sex: .female,
            ethnicity: "WBRI", disabilities: ["NONE"], upn: upn)
        return try await w.store.createPerson(details, context: w.ctx(w.alice)).id
    }

    /// A contact received on `date` about `child`, decided by the front door; the episode it opened, if any.
    func refer(
        _ child: UUID, on date: String, _ decision: TriageDecision = .strategyDiscussion,
        source: ReferralSource = .police
    ) async throws -> Steps? {
        let contact = try await w.store.recordContact(
            ContactDraft(
                receivedAt: Timestamp.date("\(date)T12:00:00.000Z")!, source: source, referrerName: "PC",
                referrerAgency: nil, childIds: [child], concern: "Incident at home."), context: w.ctx(w.alice))
        _ = try await w.store.triage(
            contact.id, TriageDraft(decision: decision, reason: "Census test", urgency: .red, referrerInformedOn: nil),
            expectedVersion: 1, context: w.ctx(door))
        guard decision.opensEpisode else { return nil }
        let episode = try #require(try await w.store.episodes(of: child, context: w.ctx(w.alice)).first)
        try await w.store.setPrimaryNeed(episode: episode.id, .n1, context: w.ctx(w.alice))
        return Steps(w: w, child: child, episode: episode.id)
    }

    /// Records steps on one episode in turn (alice), authorising what needs it (team A's manager).
    final class Steps: @unchecked Sendable {
        let w: World, child: UUID, episode: UUID
        var count = 0

        init(w: World, child: UUID, episode: UUID) {
            self.w = w
            self.child = child
            self.episode = episode
        }

        @discardableResult
        func record(_ step: EpisodeStep, authorise: Bool = false) async throws -> UUID {
            let id = try await w.store.recordStep(step, episode: episode, expectedSteps: count, context: w.ctx(w.alice))
                .id
            count += 1
            if authorise {
                try await w.store.authoriseStep(id, episode: episode, comment: "Agreed.", context: w.ctx(w.manager))
            }
            return id
        }

        /// Strategy discussion and enquiry on `on`, completed five days later needing a conference; the child's
        /// voice; the initial conference on `icpc` deciding a plan (neglect) that starts the same day.
        func enquiryToPlan(on: String, icpc: String) async throws -> UUID {
            let day = Synthetic.date(on)
            let sd = try await record(
                .strategyDiscussion(
                    on: day, participants: [], absentAgencyReason: "test", informationShared: "x",
                    decision: .singleAgencyS47, safetyActions: ""))
            let enquiry = try await record(.section47Started(on: day, strategyDiscussion: sd))
            try await record(
                .section47Completed(
                    enquiry: enquiry, on: day.adding(days: 5), substantiated: true, conferenceNeeded: true,
                    reasonNoConference: nil))
            _ = try await w.store.recordWishes(
                for: child, WishesDraft(gatheredOn: day, words: "I like school.", tool: "three_houses"),
                context: w.ctx(w.alice))
            try await record(conference(initial: true, on: icpc, decision: .plan, category: .neglect))
            return try await record(
                .planStarted(
                    kind: .childProtection, on: Synthetic.date(icpc), category: .neglect,
                    visitIntervalWorkingDays: 10), authorise: true)
        }

        func conference(
            initial: Bool, on: String, decision: ConferenceDecision, category: AbuseCategory
        ) -> EpisodeStep {
            .conference(
                initial: initial, on: Synthetic.date(on), chair: "Independent chair", attendees: [], apologies: [],
                childViews: "v", howViewsObtained: "h", decision: decision, category: category, nextReview: nil)
        }
    }
}
