import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Joint enquiries: a strategy discussion opens the police's view of the child, and closes it")
struct PoliceJointEnquiryTests {
    func strategy(_ decision: StrategyDecision = .jointS47) -> EpisodeStep {
        .strategyDiscussion(
            on: Synthetic.today, participants: [], absentAgencyReason: "Police joined by phone",
            informationShared: "School saw bruising; police hold previous call-outs.", decision: decision,
            safetyActions: "Child to stay with grandmother.")
    }

    @Test(
        "A joint decision opens an investigation for CAIT A; its officers view (never edit) the child until s47 ends",
        arguments: TestBackend.all)
    func jointEnquiryOpensAndCloses(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let (child, _, episode) = try await PipelineFixture.episode(p.w, name: "Jade")
            await expectRefusal(.notFound) { try await p.store.openPerson(child, context: p.ctx(p.ash)) }
            let sd = try await p.store.recordStep(
                strategy(), episode: episode, expectedSteps: 0, jointEnquiry: .open(policeTeam: p.caitA.id),
                context: p.ctx(p.w.alice))
            let row = try await p.value(
                """
                SELECT COUNT(*) AS n FROM investigations WHERE team_id = \(bind: p.caitA.id.db) AND joint_open = 1
                AND episode_id = \(bind: episode.db) AND strategy_step_id = \(bind: sd.id.db) AND officer_id IS NULL
                """, "n", as: Int.self)
            #expect(row == 1)
            let created = try await p.audit(child, by: p.w.alice, "investigation").filter { $0.event.action == .create }
            #expect(created.count == 1)

            for officer in [p.ash, p.cal] {
                let record = try await p.store.openPerson(child, context: p.ctx(officer))
                #expect(record.person.id == child)
                #expect(!record.canEdit)
                #expect(record.facts.jointEnquiryTeamIds == [p.caitA.id])
            }
            let person = try await p.store.openPerson(child, context: p.ctx(p.ash)).person
            await expectRefusal(.forbidden) {
                try await p.store.updatePerson(
                    child, details: person.details, expectedVersion: person.version, context: p.ctx(p.ash))
            }
            await expectRefusal(.notFound) { try await p.store.openPerson(child, context: p.ctx(p.dev)) }
            await expectRefusal(.notFound) { try await p.store.openPerson(child, context: p.ctx(p.w.officer)) }
            // The team sees the investigation to allocate, and the child's chronology.
            let home = try await p.store.policeHome(context: p.ctx(p.bea))
            #expect(home.toAllocate.count == 1 && home.toAllocate.first?.joint == true)
            #expect(home.toAllocate.first?.children.map(\.id) == [child])
            _ = try await p.store.chronology(of: child, context: p.ctx(p.ash))

            // The enquiry ends: the team no longer reads the child's record by this rule.
            let enquiry = try await p.store.recordStep(
                .section47Started(on: Synthetic.today, strategyDiscussion: sd.id), episode: episode, expectedSteps: 1,
                context: p.ctx(p.w.alice))
            _ = try await p.store.openPerson(child, context: p.ctx(p.ash))
            _ = try await p.store.recordStep(
                .section47Completed(
                    enquiry: enquiry.id, on: Synthetic.today, substantiated: true, conferenceNeeded: true,
                    reasonNoConference: nil), episode: episode, expectedSteps: 2, context: p.ctx(p.w.alice))
            await expectRefusal(.notFound) { try await p.store.openPerson(child, context: p.ctx(p.ash)) }
            await expectRefusal(.notFound) { try await p.store.chronology(of: child, context: p.ctx(p.ash)) }
            // The investigation itself goes on, held by its team.
            let id = try #require(home.toAllocate.first?.id)
            let file = try await p.store.investigationFile(id, context: p.ctx(p.ash))
            #expect(file.view == .full && !file.investigation.jointEnquiryOpen && file.investigation.isJoint)
        }
    }

    @Test("Authorising the episode's closure ends the joint enquiry's access too", arguments: TestBackend.all)
    func closureEndsJointEnquiry(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let (child, _, episode) = try await PipelineFixture.episode(p.w, name: "Max")
            _ = try await p.store.recordStep(
                strategy(), episode: episode, expectedSteps: 0, jointEnquiry: .open(policeTeam: p.caitB.id),
                context: p.ctx(p.w.alice))
            _ = try await p.store.openPerson(child, context: p.ctx(p.dev))
            let closure = try await p.store.recordStep(
                .closed(on: Synthetic.today, reason: .rc8), episode: episode, expectedSteps: 1,
                context: p.ctx(p.w.alice))
            // Recorded but not yet authorised: the episode is still open, and so is the enquiry.
            _ = try await p.store.openPerson(child, context: p.ctx(p.dev))
            try await p.store.authoriseStep(
                closure.id, episode: episode, comment: "Agreed: no further social care role.",
                context: p.ctx(p.w.manager))
            await expectRefusal(.notFound) { try await p.store.openPerson(child, context: p.ctx(p.dev)) }
            let open = try await p.value(
                "SELECT COUNT(*) AS n FROM investigations WHERE episode_id = \(bind: episode.db) AND joint_open = 1",
                "n",
                as: Int.self)
            #expect(open == 0)
        }
    }

    @Test(
        "A joint decision with no police link, or a link to a team that is not police, writes nothing",
        arguments: TestBackend.all)
    func jointWithoutLinkRefused(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let (_, _, episode) = try await PipelineFixture.episode(p.w, name: "Kit")
            let before = try await p.footprint()
            let missing = await expectRefusal(.invalid) {
                try await p.store.recordStep(strategy(), episode: episode, expectedSteps: 0, context: p.ctx(p.w.alice))
            }
            #expect(missing?.fields == ["policeTeamId"])
            let notPolice = await expectRefusal(.invalid) {
                try await p.store.recordStep(
                    strategy(), episode: episode, expectedSteps: 0, jointEnquiry: .open(policeTeam: p.w.teamB.id),
                    context: p.ctx(p.w.alice))
            }
            #expect(notPolice?.fields == ["policeTeamId"])
            let single = await expectRefusal(.invalid) {
                try await p.store.recordStep(
                    strategy(.singleAgencyS47), episode: episode, expectedSteps: 0,
                    jointEnquiry: .open(policeTeam: p.caitA.id), context: p.ctx(p.w.alice))
            }
            #expect(single?.fields == ["policeTeamId"])
            #expect(try await p.footprint() == before)
        }
    }

    @Test(
        "Linking an existing investigation: its team then reads the child; one the worker may not see is refused",
        arguments: TestBackend.all)
    func linkExistingInvestigation(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let (child, _, episode) = try await PipelineFixture.episode(p.w, name: "Lou")
            let investigation = try await p.open(p.draft(children: [child]), by: p.dev)
            await expectRefusal(.notFound) { try await p.store.openPerson(child, context: p.ctx(p.dev)) }
            // A social worker links only an investigation she may see (every child on it).
            let zed = try await p.store.createPerson(Synthetic.child("Zed", "Elsewhere"), context: p.ctx(p.w.carol))
            let hidden = try await p.open(p.draft(crime: "NB/77777/26", children: [zed.id]), by: p.dev)
            let before = try await p.footprint()
            let refused = await expectRefusal(.invalid) {
                try await p.store.recordStep(
                    strategy(), episode: episode, expectedSteps: 0, jointEnquiry: .link(investigation: hidden.id),
                    context: p.ctx(p.w.alice))
            }
            #expect(refused?.fields == ["investigationId"])
            #expect(try await p.footprint() == before)

            _ = try await p.store.recordStep(
                strategy(), episode: episode, expectedSteps: 0, jointEnquiry: .link(investigation: investigation.id),
                context: p.ctx(p.w.alice))
            let record = try await p.store.openPerson(child, context: p.ctx(p.dev))
            #expect(!record.canEdit)
            await expectRefusal(.notFound) { try await p.store.openPerson(child, context: p.ctx(p.ash)) }
            await expectRefusal(.notFound) { try await p.store.openPerson(zed.id, context: p.ctx(p.dev)) }
            let file = try await p.store.investigationFile(investigation.id, context: p.ctx(p.dev))
            #expect(file.investigation.jointEnquiryOpen && file.investigation.episodeId == episode)
            #expect(file.history.contains { $0.kind == "joint_enquiry" })
            let chronology = try await p.store.chronology(of: child, context: p.ctx(p.w.alice))
            #expect(chronology.contains { $0.kind == .police && $0.title == "Police: joint enquiry linked" })
        }
    }
}
