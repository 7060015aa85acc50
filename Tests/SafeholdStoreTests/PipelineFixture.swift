import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Children of team A part-way through the pipeline, for tests of the access path and conflicts.
enum PipelineFixture {
    struct Worked: Sendable {
        let child: UUID
        let contact: UUID
        let episode: UUID
        /// The child protection plan step (awaiting a manager's authorisation).
        let plan: UUID
        let action: UUID
    }

    /// A front-door worker, in a front-door team of their own, who decides contacts.
    static func frontDoor(_ w: World, _ name: String) async throws -> User {
        let team = try await w.env.createTeam("Front Door \(name)", in: w.council)
        return try await w.env.createUser(
            "door.\(name.lowercased())", "Dee Door", role: .frontDoor, agency: w.council, team: team)
    }

    /// A child of team A with an open episode (alice recorded the contact, the front door decided it).
    static func episode(_ w: World, name: String) async throws -> (child: UUID, contact: UUID, episode: UUID) {
        let door = try await frontDoor(w, name)
        let child = try await w.store.createPerson(Synthetic.child(name, "Pipeline"), context: w.ctx(w.alice))
        let contact = try await w.store.recordContact(
            ContactDraft(
                receivedAt: testNow, source: .police, referrerName: "PC", referrerAgency: nil, childIds: [child.id],
                concern: "Incident at home."), context: w.ctx(w.alice))
        _ = try await w.store.triage(
            contact.id,
            TriageDraft(
                decision: .strategyDiscussion, reason: "Harm", urgency: .red,
                referrerInformedOn: nil), expectedVersion: 1, context: w.ctx(door))
        let episode = try #require(try await w.store.episodes(of: child.id, context: w.ctx(w.alice)).first)
        return (child.id, contact.id, episode.id)
    }

    /// A child with an open child protection plan recorded by alice and one action on it.
    static func episodeWithPlan(_ w: World, name: String) async throws -> Worked {
        let (child, contact, episode) = try await self.episode(w, name: name)
        var count = 0
        func record(_ step: EpisodeStep) async throws -> UUID {
            defer { count += 1 }
            return try await w.store.recordStep(step, episode: episode, expectedSteps: count, context: w.ctx(w.alice))
                .id
        }
        let sd = try await record(
            .strategyDiscussion(
                on: Synthetic.today, participants: [], absentAgencyReason: "test",
                informationShared: "x", decision: .singleAgencyS47, safetyActions: ""))
        let enquiry = try await record(.section47Started(on: Synthetic.today, strategyDiscussion: sd))
        _ = try await record(
            .section47Completed(
                enquiry: enquiry, on: Synthetic.today, substantiated: true, conferenceNeeded: true,
                reasonNoConference: nil))
        _ = try await w.store.recordWishes(
            for: child, WishesDraft(gatheredOn: Synthetic.today, words: "I like my nursery.", tool: "three_houses"),
            context: w.ctx(w.alice))
        _ = try await record(
            .conference(
                initial: true, on: Synthetic.today, chair: "C", attendees: [], apologies: [], childViews: "v",
                howViewsObtained: "h", decision: .plan, category: .neglect, nextReview: nil))
        let plan = try await record(
            .planStarted(
                kind: .childProtection, on: Synthetic.today, category: .neglect,
                visitIntervalWorkingDays: 10))
        let action = try await w.store.addPlanAction(
            episode: episode, what: "Nursery", who: "Mother", dueOn: Synthetic.today,
            context: w.ctx(w.alice))
        return Worked(child: child, contact: contact, episode: episode, plan: plan, action: action.id)
    }
}
