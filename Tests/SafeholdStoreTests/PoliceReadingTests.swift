import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Police investigations: who reads what, and sharing with social care")
struct PoliceReadingTests {
    /// An investigation of amy (victim) and ben (witness) with a held interview of amy.
    func investigationWithInterview(_ p: PoliceWorld) async throws -> Investigation {
        try await p.accredit(p.ash)
        let investigation = try await p.open(p.draft(children: [p.amy, p.ben], roles: [.victim, .witness]))
        let interview = try await p.store.planInterview(
            p.plan(at: testNow.addingTimeInterval(-7200)), investigation: investigation.id, context: p.ctx(p.ash))
        _ = try await p.store.recordInterview(
            interview.id, investigation: investigation.id, p.held(), expectedVersion: 1, context: p.ctx(p.ash))
        return investigation
    }

    @Test("Team A reads everything; the children's social worker the shared view", arguments: TestBackend.all)
    func teamFullSocialCareShared(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let investigation = try await investigationWithInterview(p)
            let full = try await p.store.investigationFile(investigation.id, context: p.ctx(p.cal))
            #expect(full.view == .full)
            #expect(full.investigation.intelligence == "Suspect known for violence (police only).")
            #expect(full.interviews.first?.record?.accountSummary.contains("belt") == true)
            #expect(full.history.contains { $0.kind == "interview_planned" })

            let shared = try await p.store.investigationFile(investigation.id, context: p.ctx(p.w.alice))
            #expect(shared.view == .shared)
            #expect(shared.investigation.intelligence == nil)
            #expect(shared.investigation.summary == "Bruising seen at school.")
            #expect(shared.officerName == "Ash Officer")
            #expect(shared.interviews.count == 1)
            #expect(shared.interviews.first?.record?.accountSummary == "")
            #expect(shared.interviews.first?.plan.rationale == "")
            #expect(shared.interviews.first?.record?.recordingReference == "ABE-NB-0042")
            #expect(shared.history.allSatisfy { $0.shared })
            #expect(!shared.history.contains { $0.kind == "interview_planned" })
            #expect(shared.history.contains { $0.kind == "interview_held" })
            // Every read is audited against each child on it, suspect never.
            for child in [p.amy, p.ben] {
                let reads = try await p.audit(child, by: p.w.alice, "investigation").filter { $0.event.action == .read }
                #expect(reads.count == 1)
                #expect(reads.first?.event.entityId == investigation.id)
            }
            #expect(try await p.audit(p.suspect, by: p.w.alice, "investigation").isEmpty)
        }
    }

    @Test(
        "Team B police, a partner, a worker who sees only one child: the one 404, audited against each child",
        arguments: TestBackend.all)
    func othersRefused(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let investigation = try await investigationWithInterview(p)
            let partner = try await p.env.createUser(
                "nurse.pat", "Pat Nurse", role: .partner, agency: p.w.council, team: nil)
            // carol holds ben's record only.
            try await p.env.execute(
                """
                INSERT INTO allocations (id, person_id, team_id, worker_id, started_at)
                VALUES ('\(UUID().uuidString)', '\(p.ben.uuidString)', '\(p.w.teamB.id.uuidString)',
                        '\(p.w.carol.id.uuidString)', '\(Timestamp.string(testNow))')
                """)
            _ = try await p.store.openPerson(p.ben, context: p.ctx(p.w.carol))
            for user in [p.dev, partner, p.w.carol, p.sol, p.w.officer, p.w.dpo] {
                let error = await expectRefusal(.notFound) {
                    try await p.store.investigationFile(investigation.id, context: p.ctx(user))
                }
                #expect(error?.message == AccessPolicy.noVisibleRecord)
                for child in [p.amy, p.ben] {
                    let denied = try await p.audit(child, by: user, "investigation").filter {
                        $0.event.action == .denied
                    }
                    #expect(denied.count == 1, "\(user.username)")
                    #expect(denied.first?.event.entityId == investigation.id)
                }
            }
            // An id that does not exist gets the same answer.
            let missing = await expectRefusal(.notFound) {
                try await p.store.investigationFile(UUID(), context: p.ctx(p.dev))
            }
            #expect(missing?.message == AccessPolicy.noVisibleRecord)
            // The interview and its investigation must match.
            let other = try await p.open(p.draft(crime: "NB/22222/26"))
            let interview = try #require(
                try await p.store.investigationFile(investigation.id, context: p.ctx(p.ash)).interviews.first)
            await expectRefusal(.notFound) {
                try await p.store.recordInterview(
                    interview.id, investigation: other.id, p.held(), expectedVersion: 2, context: p.ctx(p.ash))
            }
        }
    }

    @Test(
        "Sharing intelligence names its lawful basis: shared view, chronology and audit show it",
        arguments: TestBackend.all)
    func sharingIntelligence(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let investigation = try await p.open()
            let share = DisclosureDraft(
                field: "intelligence", text: "The suspect has a previous conviction for assault.",
                lawfulBasis: "dpa2018_sch8_para18", reason: "Needed for the safety plan")
            // Social care may not share on the police's behalf; team B may not see it at all.
            let before = try await p.footprint()
            await expectRefusal(.forbidden) {
                try await p.store.shareWithSocialCare(investigation.id, share, context: p.ctx(p.w.alice))
            }
            await expectRefusal(.notFound) {
                try await p.store.shareWithSocialCare(investigation.id, share, context: p.ctx(p.dev))
            }
            var bad = share
            bad.field = "officer_notes"
            await expectRefusal(.invalid) {
                try await p.store.shareWithSocialCare(investigation.id, bad, context: p.ctx(p.ash))
            }
            #expect(try await p.footprint().filter { $0.key != "audit_log" } == before.filter { $0.key != "audit_log" })
            let disclosure = try await p.store.shareWithSocialCare(investigation.id, share, context: p.ctx(p.ash))
            #expect(disclosure.sharedBy == "Ash Officer")

            let shared = try await p.store.investigationFile(investigation.id, context: p.ctx(p.w.alice))
            #expect(shared.investigation.intelligence == nil)
            #expect(shared.disclosures.map(\.text) == ["The suspect has a previous conviction for assault."])
            #expect(shared.disclosures.first?.lawfulBasis == "dpa2018_sch8_para18")

            let chronology = try await p.store.chronology(of: p.amy, context: p.ctx(p.w.alice))
            let police = chronology.filter { $0.kind == .police }
            let entry = try #require(police.first { $0.title == "Police shared information" })
            #expect(entry.detail.contains("previous conviction"))
            #expect(entry.detail.contains("Law enforcement: safeguarding of children and individuals at risk"))
            #expect(entry.source == "Police: CAIT A")
            #expect(police.contains { $0.title.contains("reported") })
            // Police-only intelligence itself never reaches the chronology.
            #expect(!chronology.contains { $0.detail.contains("known for violence") })
            // Each police entry on the chronology takes the social worker's analysis.
            try await p.store.addAnalysis(
                to: entry.id, of: p.amy, body: "Fits the pattern of escalation.", context: p.ctx(p.w.alice))
            let status = try #require(police.first { $0.title.contains("reported") })
            try await p.store.addAnalysis(
                to: status.id, of: p.amy, body: "Reported promptly.", context: p.ctx(p.w.alice))
            let annotated = try await p.store.chronology(of: p.amy, context: p.ctx(p.w.alice))
            #expect(annotated.first { $0.id == entry.id }?.analysis.map(\.body) == ["Fits the pattern of escalation."])
            #expect(annotated.first { $0.id == status.id }?.analysis.count == 1)
            // Not on another child's chronology.
            await expectRefusal(.notFound) {
                try await p.store.addAnalysis(to: entry.id, of: p.ben, body: "x", context: p.ctx(p.w.alice))
            }

            let audited = try await p.audit(p.amy, by: p.ash, "investigation").filter { $0.event.action == .update }
            #expect(audited.first?.event.detail?.contains("dpa2018_sch8_para18") == true)
        }
    }
}
