import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Contacts, triage, episodes and steps, on each database.
@Suite("The statutory pipeline in the store")
struct PipelineStoreTests {
    struct Case {
        let world: World
        let frontDoor: User
        let child: Person
        let contact: Contact
    }

    /// A child of team A and a contact about her, received now, awaiting the front door.
    func makeCase(_ w: World, source: ReferralSource = .schools) async throws -> Case {
        let door = try await w.env.createTeam("Front Door", in: w.council)
        let frontDoor = try await w.env.createUser("door", "Dee Door", role: .frontDoor, agency: w.council, team: door)
        let child = try await w.store.createPerson(Synthetic.child("Pip", "Pipeline"), context: w.ctx(w.alice))
        let contact = try await w.store.recordContact(
            ContactDraft(
                receivedAt: testNow, source: source, referrerName: source == .anonymous ? nil : "Ms Teacher",
                referrerAgency: nil, childIds: [child.id], concern: "Bruise seen on the arm."),
            context: w.ctx(w.alice))
        return Case(world: w, frontDoor: frontDoor, child: child, contact: contact)
    }

    let assess = TriageDraft(
        decision: .assessment, reason: "Unexplained injury", urgency: .amber, referrerInformedOn: nil)

    @Test(
        "A contact is due for decision the next working day and lets the front door see the child until decided",
        arguments: TestBackend.all)
    func contactAndFrontDoorAccess(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let c = try await makeCase(w)
            #expect(c.contact.decisionDue(.england2025) == Synthetic.date("2026-11-25"))
            _ = try await w.store.openPerson(c.child.id, context: w.ctx(c.frontDoor))
            let waiting = try await w.store.contactsAwaitingDecision(context: w.ctx(c.frontDoor))
            #expect(waiting.map(\.id) == [c.contact.id])
            _ = try await w.store.triage(
                c.contact.id,
                TriageDraft(
                    decision: .noFurtherAction, reason: "Explained by the school nurse",
                    urgency: .green, referrerInformedOn: Synthetic.today),
                expectedVersion: 1, context: w.ctx(c.frontDoor))
            await expectRefusal(.notFound) { try await w.store.openPerson(c.child.id, context: w.ctx(c.frontDoor)) }
            #expect(try await w.store.episodes(of: c.child.id, context: w.ctx(w.alice)).isEmpty)
        }
    }

    @Test(
        """
        Triage to assessment opens one episode; \
        a second decision, a stale form or no reason is refused and writes nothing
        """,
        arguments: TestBackend.all)
    func triageOpensEpisode(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let c = try await makeCase(w)
            let blank = TriageDraft(decision: .assessment, reason: " ", urgency: .red, referrerInformedOn: nil)
            let before = try await w.env.footprint()
            await expectRefusal(.invalid) {
                try await w.store.triage(c.contact.id, blank, expectedVersion: 1, context: w.ctx(c.frontDoor))
            }
            await expectRefusal(.conflict) {
                try await w.store.triage(c.contact.id, assess, expectedVersion: 7, context: w.ctx(c.frontDoor))
            }
            await expectRefusal(.forbidden) {
                try await w.store.triage(c.contact.id, assess, expectedVersion: 1, context: w.ctx(w.alice))
            }
            let after = try await w.env.footprint()
            #expect(before.filter { $0.key != "audit_log" } == after.filter { $0.key != "audit_log" })
            let decided = try await w.store.triage(
                c.contact.id, assess, expectedVersion: 1, context: w.ctx(c.frontDoor))
            #expect(decided.triage?.decision == .assessment)
            // The decision ended the front door's sight of the child; the team that holds it is told it is decided.
            await expectRefusal(.notFound) {
                try await w.store.triage(c.contact.id, assess, expectedVersion: 2, context: w.ctx(c.frontDoor))
            }
            await expectRefusal(.conflict) {
                try await w.store.triage(c.contact.id, assess, expectedVersion: 2, context: w.ctx(w.manager))
            }
            let episodes = try await w.store.episodes(of: c.child.id, context: w.ctx(w.alice))
            #expect(episodes.count == 1)
            #expect(episodes[0].referralDate == Synthetic.today)
            #expect(episodes[0].referralSource == .schools)
            #expect(episodes[0].due.map(\.what) == ["Assessment completed"])
        }
    }

    @Test("A child with an open episode cannot have a second one", arguments: TestBackend.all)
    func oneOpenEpisode(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let c = try await makeCase(w)
            _ = try await w.store.triage(c.contact.id, assess, expectedVersion: 1, context: w.ctx(c.frontDoor))
            let second = try await w.store.recordContact(
                ContactDraft(
                    receivedAt: testNow, source: .anonymous, referrerName: nil, referrerAgency: nil,
                    childIds: [c.child.id], concern: "Shouting heard."), context: w.ctx(w.bob))
            let error = await expectRefusal(.conflict) {
                try await w.store.triage(second.id, assess, expectedVersion: 1, context: w.ctx(c.frontDoor))
            }
            #expect(error?.message.contains("already has an open episode") == true)
            #expect(try await w.store.contactsAwaitingDecision(context: w.ctx(c.frontDoor)).map(\.id) == [second.id])
        }
    }

    @Test(
        "Steps follow the workflow, stale forms conflict, other teams are refused, and a manager authorises closure",
        arguments: TestBackend.all)
    func stepsAndClosure(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let c = try await makeCase(w)
            _ = try await w.store.triage(c.contact.id, assess, expectedVersion: 1, context: w.ctx(c.frontDoor))
            let episode = try #require(try await w.store.episodes(of: c.child.id, context: w.ctx(w.alice)).first)
            let started = try await w.store.recordStep(
                .assessmentStarted(on: Synthetic.today), episode: episode.id, expectedSteps: 0,
                context: w.ctx(w.alice))
            await expectRefusal(.conflict) {
                try await w.store.recordStep(
                    .assessmentStarted(on: Synthetic.today), episode: episode.id, expectedSteps: 0,
                    context: w.ctx(w.bob))
            }
            let refused = await expectRefusal(.conflict) {
                try await w.store.recordStep(
                    .closed(on: Synthetic.today, reason: .rc8), episode: episode.id, expectedSteps: 1,
                    context: w.ctx(w.alice))
            }
            #expect(refused?.message.contains("assessment is open") == true)
            await expectRefusal(.notFound) {
                try await w.store.recordStep(
                    .visit(
                        on: Synthetic.today, visitor: "Carol", childSeen: true, seenAlone: true, location: "home",
                        observations: "", childsWords: ""), episode: episode.id, expectedSteps: 1,
                    context: w.ctx(w.carol))
            }
            await expectRefusal(.invalid) {
                try await w.store.recordStep(
                    .assessmentStarted(on: Synthetic.date("2027-01-01")), episode: episode.id, expectedSteps: 1,
                    context: w.ctx(w.alice))
            }
            let completed = try await w.store.recordStep(
                .assessmentCompleted(
                    assessment: started.id, on: Synthetic.today, factors: ["21"], childSeen: true,
                    developmentalNeeds: "ok",
                    parentingCapacity: "ok", familyAndEnvironment: "ok", outcome: "No further action"),
                episode: episode.id, expectedSteps: 1, context: w.ctx(w.alice))
            await expectRefusal(.forbidden) {
                try await w.store.authoriseStep(
                    completed.id, episode: episode.id, comment: "Agreed", context: w.ctx(w.alice))
            }
            try await w.store.authoriseStep(
                completed.id, episode: episode.id, comment: "Agreed: needs met by universal services",
                context: w.ctx(w.manager))
            let closure = try await w.store.recordStep(
                .closed(on: Synthetic.today, reason: .rc8), episode: episode.id, expectedSteps: 2,
                context: w.ctx(w.alice))
            #expect(try await w.store.episodes(of: c.child.id, context: w.ctx(w.alice)).first?.state.isClosed == false)
            try await w.store.authoriseStep(
                closure.id, episode: episode.id, comment: "Closure agreed", context: w.ctx(w.manager))
            let closed = try #require(try await w.store.episodes(of: c.child.id, context: w.ctx(w.alice)).first)
            #expect(closed.state.isClosed)
            #expect(closed.due.isEmpty)
            await expectRefusal(.conflict) {
                try await w.store.recordStep(
                    .visit(
                        on: Synthetic.today, visitor: "Alice", childSeen: true, seenAlone: false, location: "school",
                        observations: "", childsWords: ""), episode: episode.id, expectedSteps: 3,
                    context: w.ctx(w.alice))
            }
            let denials = try await w.store.audit.entries(forPerson: c.child.id).filter { $0.event.action == .denied }
            #expect(denials.contains { $0.event.actorId == w.carol.id })
            #expect(try await w.store.audit.verify() == .intact(entries: try await w.env.count("audit_log")))
        }
    }
}

@Suite("Plans: actions, core group and primary need")
struct PlanDetailStoreTests {
    @Test(
        "Plan actions need an open plan, keep their status with versions, and core groups need a child protection plan",
        arguments: TestBackend.all)
    func actionsAndCoreGroup(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let door = try await w.env.createTeam("Front Door", in: w.council)
            let frontDoor = try await w.env.createUser(
                "door", "Dee Door", role: .frontDoor, agency: w.council, team: door)
            let child = try await w.store.createPerson(Synthetic.child("Ava", "Actionby"), context: w.ctx(w.alice))
            let contact = try await w.store.recordContact(
                ContactDraft(
                    receivedAt: testNow, source: .police, referrerName: "PC", referrerAgency: "Police",
                    childIds: [child.id],
                    concern: "Domestic incident."), context: w.ctx(w.alice))
            _ = try await w.store.triage(
                contact.id,
                TriageDraft(decision: .assessment, reason: "Assess", urgency: .amber, referrerInformedOn: nil),
                expectedVersion: 1, context: w.ctx(frontDoor))
            let episode = try #require(try await w.store.episodes(of: child.id, context: w.ctx(w.alice)).first)
            await expectRefusal(.conflict) {
                try await w.store.addPlanAction(
                    episode: episode.id, what: "Attend nursery", who: "Mother", dueOn: Synthetic.today,
                    context: w.ctx(w.alice))
            }
            try await w.store.setPrimaryNeed(episode: episode.id, .n5, context: w.ctx(w.alice))
            await expectRefusal(.notFound) {
                try await w.store.setPrimaryNeed(episode: episode.id, .n1, context: w.ctx(w.carol))
            }
            let started = try await w.store.recordStep(
                .assessmentStarted(on: Synthetic.today), episode: episode.id, expectedSteps: 0, context: w.ctx(w.alice))
            _ = try await w.store.recordStep(
                .assessmentCompleted(
                    assessment: started.id, on: Synthetic.today, factors: ["3B"], childSeen: true,
                    developmentalNeeds: "a", parentingCapacity: "b", familyAndEnvironment: "c", outcome: "CIN plan"),
                episode: episode.id, expectedSteps: 1, context: w.ctx(w.alice))
            _ = try await w.store.recordStep(
                .planStarted(kind: .childInNeed, on: Synthetic.today, category: nil, visitIntervalWorkingDays: 20),
                episode: episode.id, expectedSteps: 2, context: w.ctx(w.alice))
            let action = try await w.store.addPlanAction(
                episode: episode.id, what: "Attend nursery three days a week", who: "Mother",
                dueOn: Synthetic.date("2026-12-18"), context: w.ctx(w.alice))
            await expectRefusal(.invalid) {
                try await w.store.addPlanAction(
                    episode: episode.id, what: " ", who: "Mother", dueOn: Synthetic.today, context: w.ctx(w.alice))
            }
            try await w.store.updatePlanAction(
                action.id, episode: episode.id, status: .inProgress, expectedVersion: 1, context: w.ctx(w.alice))
            await expectRefusal(.conflict) {
                try await w.store.updatePlanAction(
                    action.id, episode: episode.id, status: .done, expectedVersion: 1, context: w.ctx(w.bob))
            }
            await expectRefusal(.conflict) {
                try await w.store.addCoreGroupMember(
                    episode: episode.id, Participant(name: "HV", agency: "NHS", agencyKind: .health),
                    context: w.ctx(w.alice))
            }
            let loaded = try #require(try await w.store.episodes(of: child.id, context: w.ctx(w.alice)).first)
            #expect(loaded.primaryNeed == .n5)
            #expect(loaded.actions.map(\.status) == [.inProgress])
            #expect(loaded.actions.first?.version == 2)
        }
    }
}

@Suite("Denials on plans, core groups and the chronology")
struct PlanDenialStoreTests {
    @Test(
        """
        Another team cannot add or change plan actions, core group members or chronology analysis, \
        and each refusal is audited
        """,
        arguments: TestBackend.all)
    func otherTeamsAreRefused(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let door = try await w.env.createTeam("Front Door", in: w.council)
            let frontDoor = try await w.env.createUser(
                "door", "Dee Door", role: .frontDoor, agency: w.council, team: door)
            let child = try await w.store.createPerson(Synthetic.child("Dora", "Denied"), context: w.ctx(w.alice))
            let contact = try await w.store.recordContact(
                ContactDraft(
                    receivedAt: testNow, source: .police, referrerName: "PC", referrerAgency: nil, childIds: [child.id],
                    concern: "Incident."), context: w.ctx(w.alice))
            _ = try await w.store.triage(
                contact.id,
                TriageDraft(
                    decision: .strategyDiscussion, reason: "Harm", urgency: .red,
                    referrerInformedOn: nil), expectedVersion: 1, context: w.ctx(frontDoor))
            let episode = try #require(try await w.store.episodes(of: child.id, context: w.ctx(w.alice)).first)
            var count = 0
            func record(_ step: EpisodeStep) async throws -> UUID {
                defer { count += 1 }
                return try await w.store.recordStep(
                    step, episode: episode.id, expectedSteps: count, context: w.ctx(w.alice)
                ).id
            }
            let sd = try await record(
                .strategyDiscussion(
                    on: Synthetic.today, participants: [], absentAgencyReason: "test",
                    informationShared: "x", decision: .singleAgencyS47, safetyActions: ""))
            let e = try await record(.section47Started(on: Synthetic.today, strategyDiscussion: sd))
            _ = try await record(
                .section47Completed(
                    enquiry: e, on: Synthetic.today, substantiated: true, conferenceNeeded: true,
                    reasonNoConference: nil))
            _ = try await w.store.recordWishes(
                for: child.id, WishesDraft(gatheredOn: Synthetic.today, notGatheredReason: "Too young to say."),
                context: w.ctx(w.alice))
            _ = try await record(
                .conference(
                    initial: true, on: Synthetic.today, chair: "C", attendees: [], apologies: [], childViews: "v",
                    howViewsObtained: "h", decision: .plan, category: .neglect, nextReview: nil))
            let plan = try await record(
                .planStarted(
                    kind: .childProtection, on: Synthetic.today, category: .neglect, visitIntervalWorkingDays: 10))
            let action = try await w.store.addPlanAction(
                episode: episode.id, what: "Nursery", who: "Mother", dueOn: Synthetic.today,
                context: w.ctx(w.alice))
            let before = try await w.env.footprint()
            await expectRefusal(.notFound) {
                try await w.store.addPlanAction(
                    episode: episode.id, what: "x", who: "y", dueOn: Synthetic.today, context: w.ctx(w.carol))
            }
            await expectRefusal(.notFound) {
                try await w.store.updatePlanAction(
                    action.id, episode: episode.id, status: .done, expectedVersion: 1, context: w.ctx(w.carol))
            }
            await expectRefusal(.notFound) {
                try await w.store.addCoreGroupMember(
                    episode: episode.id, Participant(name: "X", agency: "Y", agencyKind: .other),
                    context: w.ctx(w.carol))
            }
            await expectRefusal(.notFound) {
                try await w.store.addAnalysis(to: plan, of: child.id, body: "x", context: w.ctx(w.carol))
            }
            await expectRefusal(.notFound) {
                try await w.store.authoriseStep(plan, episode: episode.id, comment: "ok", context: w.ctx(w.carol))
            }
            let after = try await w.env.footprint()
            #expect(before.filter { $0.key != "audit_log" } == after.filter { $0.key != "audit_log" })
            let denials = try await w.store.audit.entries(forPerson: child.id).filter {
                $0.event.action == .denied && $0.event.actorId == w.carol.id
            }
            #expect(denials.count == 5)
            try await w.store.addCoreGroupMember(
                episode: episode.id, Participant(name: "HV", agency: "NHS", agencyKind: .health),
                context: w.ctx(w.alice))
            let loaded = try #require(try await w.store.episodes(of: child.id, context: w.ctx(w.alice)).first)
            #expect(loaded.coreGroup[plan]?.map(\.name) == ["HV"])
        }
    }
}
