import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Accreditation gates: refused without, allowed with current, refused when expired, a manager's override")
struct TrainingGateStoreTests {
    static func draft(_ course: String, from: Int, to: Int) -> TrainingDraft {
        TrainingDraft(
            course: course, completedOn: Synthetic.today.adding(days: from).description,
            expiresOn: Synthetic.today.adding(days: to).description)
    }

    /// An episode of team A awaiting its initial conference (the child's voice recorded).
    static func awaitingConference(_ w: World, _ name: String) async throws -> UUID {
        let (child, _, episode) = try await PipelineFixture.episode(w, name: name)
        var count = 0
        func record(_ step: EpisodeStep) async throws -> UUID {
            defer { count += 1 }
            return try await w.store.recordStep(step, episode: episode, expectedSteps: count, context: w.ctx(w.alice))
                .id
        }
        let sd = try await record(
            .strategyDiscussion(
                on: Synthetic.today, participants: [], absentAgencyReason: "test", informationShared: "x",
                decision: .singleAgencyS47, safetyActions: ""))
        let enquiry = try await record(.section47Started(on: Synthetic.today, strategyDiscussion: sd))
        _ = try await record(
            .section47Completed(
                enquiry: enquiry, on: Synthetic.today, substantiated: true, conferenceNeeded: true,
                reasonNoConference: nil))
        _ = try await w.store.recordWishes(
            for: child, WishesDraft(gatheredOn: Synthetic.today, words: "I like my nursery.", tool: "three_houses"),
            context: w.ctx(w.alice))
        return episode
    }

    static func conference(_ chair: String, on: LocalDate = Synthetic.today) -> EpisodeStep {
        .conference(
            initial: true, on: on, chair: chair, attendees: [], apologies: [], childViews: "v", howViewsObtained: "h",
            decision: .plan, category: .neglect, nextReview: nil)
    }

    @Test(
        "Chairing a conference: the chair named needs a current chairing accreditation on the conference date",
        arguments: TestBackend.all)
    func chairGate(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let chair = try await w.env.createUser(
                "chair", "Chris Chair", role: .conferenceChair, agency: w.council, team: w.teamA)
            let episode = try await Self.awaitingConference(w, "Gated")
            let none = await expectRefusal(.conflict) {
                try await w.store.recordStep(
                    Self.conference(" chris chair "), episode: episode, expectedSteps: 3, context: w.ctx(w.alice))
            }
            #expect(none?.message.contains("Chris Chair holds no Child protection conference chairing") == true)
            #expect(none?.message.contains("none is recorded") == true)
            // Expired the day before the conference: still refused, saying when it expired.
            _ = try await w.store.recordTraining(
                Self.draft("conference_chairing", from: -1000, to: -1), for: chair.id, context: w.ctx(w.manager))
            let expired = await expectRefusal(.conflict) {
                try await w.store.recordStep(
                    Self.conference("Chris Chair"), episode: episode, expectedSteps: 3, context: w.ctx(w.alice))
            }
            #expect(expired?.message.contains("expired on \(Synthetic.today.adding(days: -1).display)") == true)
            // Renewed (current from today): allowed. The refusals recorded nothing: the episode still holds
            // its three steps, or `expectedSteps: 3` would be a conflict.
            _ = try await w.store.recordTraining(
                Self.draft("conference_chairing", from: 0, to: 1000), for: chair.id, context: w.ctx(w.manager))
            let held = try await w.store.recordStep(
                Self.conference("Chris Chair"), episode: episode, expectedSteps: 3, context: w.ctx(w.alice))
            #expect(held.step.kind == "initial_conference")
            // A chair who is not a Safehold user is not in the register and is not checked.
            let outside = try await Self.awaitingConference(w, "Outside")
            _ = try await w.store.recordStep(
                Self.conference("An Independent Chair"), episode: outside, expectedSteps: 3, context: w.ctx(w.alice))
        }
    }

    @Test(
        "An override by the chair's team manager lets the conference go ahead once, audited; nobody else's",
        arguments: TestBackend.all)
    func chairOverride(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let chair = try await w.env.createUser(
                "chair", "Chris Chair", role: .conferenceChair, agency: w.council, team: w.teamA)
            let first = try await Self.awaitingConference(w, "First")
            let second = try await Self.awaitingConference(w, "Second")
            for who in [w.alice, w.carol, w.admin, chair] {
                let refused = await expectRefusal(who.id == w.admin.id ? .forbidden : .forbidden) {
                    try await w.store.recordTrainingOverride(
                        act: "conference_chair", userId: chair.id.uuidString, reason: "Cover", context: w.ctx(who))
                }
                #expect(refused != nil)
            }
            let badInput = await expectRefusal(.invalid) {
                try await w.store.recordTrainingOverride(
                    act: "juggling", userId: chair.id.uuidString, reason: "", context: w.ctx(w.manager))
            }
            #expect(badInput?.fields == ["act", "reason"])
            #expect(try await w.env.count("training_overrides") == 0)
            let override = try await w.store.recordTrainingOverride(
                act: "conference_chair", userId: chair.id.uuidString,
                reason: "The usual chair is off sick and the conference cannot wait.", context: w.ctx(w.manager))
            #expect(override.validUntil == Synthetic.today.adding(days: 6))
            _ = try await w.store.recordStep(
                Self.conference("Chris Chair"), episode: first, expectedSteps: 3, context: w.ctx(w.alice))
            // Used once: the next conference is refused again.
            await expectRefusal(.conflict) {
                try await w.store.recordStep(
                    Self.conference("Chris Chair"), episode: second, expectedSteps: 3, context: w.ctx(w.alice))
            }
            let report = try await w.store.trainingOverrides(context: w.ctx(w.manager))
            #expect(report.count == 1 && report[0].usedAt != nil && report[0].recordedByName == "Mina Manager")
            let audit = try await w.env.recentAudit(40)
            #expect(audit.contains { $0.event.entityType == "training_override" && $0.event.action == .create })
            #expect(audit.contains { $0.event.entityType == "training_override" && $0.event.action == .update })
            #expect(audit.contains { $0.event.entityType == "training_override" && $0.event.action == .denied })
            // The report is for managers and auditors, not social workers.
            await expectRefusal(.forbidden) { try await w.store.trainingOverrides(context: w.ctx(w.alice)) }
            #expect(try await w.store.trainingOverrides(context: w.ctx(w.dpo)).count == 1)
            let told = try await w.store.notifications(context: w.ctx(chair))
            #expect(told.contains { $0.text.contains("override") })
        }
    }

    @Test(
        "Officer in the case of a child sexual abuse investigation: refused, current, expired, overridden",
        arguments: TestBackend.all)
    func officerGate(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let csa = p.draft(crime: "NB/22221/26", offences: ["SOA9"])
            let before = try await p.footprint()
            let none = await expectRefusal(.conflict) { try await p.open(csa) }
            #expect(none?.message.contains("Ash Officer holds no Specialist child sexual abuse") == true)
            _ = try await p.store.recordTraining(
                Self.draft("csa_specialist", from: -1100, to: -1), for: p.ash.id, context: p.ctx(p.bea))
            let expired = await expectRefusal(.conflict) { try await p.open(csa) }
            #expect(expired?.message.contains("expired on") == true)
            #expect(try await p.footprint()["investigations"] == before["investigations"])
            // Not a sexual abuse investigation: no gate.
            let other = try await p.open()
            // Adding a sexual offence later makes it one: checked then.
            await expectRefusal(.conflict) {
                try await p.store.updateInvestigation(
                    other.id, p.draft(offences: ["OAPA47", "PCA1"]), expectedVersion: other.version,
                    context: p.ctx(p.ash))
            }
            // A social worker may not override a police act; a police supervisor of the force may.
            await expectRefusal(.forbidden) {
                try await p.store.recordTrainingOverride(
                    act: "csa_officer_in_case", userId: p.ash.id.uuidString, reason: "r", context: p.ctx(p.w.alice))
            }
            await expectRefusal(.forbidden) {
                try await p.store.recordTrainingOverride(
                    act: "csa_officer_in_case", userId: p.ash.id.uuidString, reason: "r", context: p.ctx(p.sol))
            }
            _ = try await p.store.recordTrainingOverride(
                act: "csa_officer_in_case", userId: p.ash.id.uuidString, reason: "Renewal course booked; urgent case.",
                context: p.ctx(p.bea))
            let opened = try await p.open(p.draft(crime: "NB/22222/26", offences: ["SOA9"]))
            #expect(opened.officerId == p.ash.id)
            // Current: allowed without an override.
            _ = try await p.store.recordTraining(
                Self.draft("csa_specialist", from: -10, to: 1000), for: p.cal.id, context: p.ctx(p.bea))
            _ = try await p.open(p.draft(crime: "NB/12346/26", offences: ["SOA9"], officer: p.cal.id))
        }
    }

    @Test(
        "An ABE interviewer's override: planned and then held under the one override, used once",
        arguments: TestBackend.all)
    func interviewerOverride(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let investigation = try await p.open()
            await expectRefusal(.invalid) {
                try await p.store.planInterview(p.plan(), investigation: investigation.id, context: p.ctx(p.ash))
            }
            _ = try await p.store.recordTrainingOverride(
                act: "abe_interviewer", userId: p.ash.id.uuidString, reason: "Only trained officer on leave.",
                context: p.ctx(p.bea))
            let planned = try await p.store.planInterview(
                p.plan(), investigation: investigation.id, context: p.ctx(p.ash))
            _ = try await p.store.recordInterview(
                planned.id, investigation: investigation.id, p.held(at: testNow.addingTimeInterval(-60)),
                expectedVersion: planned.version, context: p.ctx(p.ash))
            await expectRefusal(.invalid) {
                try await p.store.planInterview(p.plan(), investigation: investigation.id, context: p.ctx(p.ash))
            }
        }
    }

    @Test(
        "Taking a LADO case needs a current LADO accreditation; the LADO team's manager may override",
        arguments: TestBackend.all)
    func ladoGate(_ backend: TestBackend) async throws {
        try await withAllegations(backend) { a in
            let team = try await a.w.env.createTeam("LADO North", in: a.w.council)
            let newLado = try await a.w.env.createUser(
                "lado.new", "Nell Newlado", role: .lado, agency: a.w.council, team: team)
            let peer = try await a.w.env.createUser(
                "lado.peer", "Pat Peer", role: .lado, agency: a.w.council, team: team)
            let head = try await a.w.env.createUser(
                "lado.head", "Hana Head", role: .teamManager, agency: a.w.council, team: team)
            let before = try await a.footprint()
            let none = await expectRefusal(.conflict) {
                try await a.store.recordAllegation(try a.draft(), context: a.ctx(newLado))
            }
            #expect(none?.message.contains("LADO practice") == true)
            _ = try await a.store.recordTraining(
                Self.draft("lado", from: -1100, to: -2), for: newLado.id, context: a.ctx(head))
            await expectRefusal(.conflict) {
                try await a.store.recordAllegation(try a.draft(), context: a.ctx(newLado))
            }
            #expect(try await a.footprint() == before)
            await expectRefusal(.forbidden) {
                try await a.store.recordTrainingOverride(
                    act: "lado_case_allocation", userId: newLado.id.uuidString, reason: "r", context: a.ctx(peer))
            }
            _ = try await a.store.recordTrainingOverride(
                act: "lado_case_allocation", userId: newLado.id.uuidString, reason: "Renewal next week.",
                context: a.ctx(head))
            _ = try await a.store.recordAllegation(try a.draft(), context: a.ctx(newLado))
            // The fixture's LADO holds a current accreditation.
            _ = try await a.record()
        }
    }
}
