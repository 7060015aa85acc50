import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Police records and the chronology: the child's social care only, never a partner through a grant")
struct PolicePartnerTests {
    /// A school's designated safeguarding lead with a read grant on each of `children`.
    static func partner(_ p: PoliceWorld, grantedOn children: [UUID]) async throws -> User {
        let school = try await p.env.createAgency("Northfield Primary", kind: .school)
        let partner = try await p.env.createUser("dsl.pip", "Pip Lead", role: .partner, agency: school, team: nil)
        for child in children {
            try await p.env.execute(
                """
                INSERT INTO access_grants (id, person_id, user_id, can_edit, reason, granted_at)
                VALUES ('\(UUID().uuidString)', '\(child.uuidString)', '\(partner.id.uuidString)', 0,
                        'school safeguarding lead', '\(Timestamp.string(testNow))')
                """)
        }
        return partner
    }

    @Test(
        "A partner with grants on every child gets the stranger's 404, audited per child, and nothing written",
        arguments: TestBackend.all)
    func partnerRefused(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let investigation = try await p.open(p.draft(children: [p.amy, p.ben], roles: [.victim, .witness]))
            let protection = try await p.store.recordPoliceProtection(child: p.amy, p.removal(), context: p.ctx(p.ash))
            let partner = try await Self.partner(p, grantedOn: [p.amy, p.ben])
            // The grant opens each child's record...
            _ = try await p.store.openPerson(p.amy, context: p.ctx(partner))
            _ = try await p.store.openPerson(p.ben, context: p.ctx(partner))
            let before = try await p.footprint()
            // ...but not the investigation, nor the protection: the same answer as for an id that does not exist.
            let refused = await expectRefusal(.notFound) {
                try await p.store.investigationFile(investigation.id, context: p.ctx(partner))
            }
            #expect(refused?.message == AccessPolicy.noVisibleRecord)
            await expectRefusal(.notFound) {
                try await p.store.policeProtection(protection.id, context: p.ctx(partner))
            }
            await expectRefusal(.notFound) { try await p.store.investigationFile(UUID(), context: p.ctx(partner)) }
            for child in [p.amy, p.ben] {
                let denied = try await p.audit(child, by: partner, "investigation").filter {
                    $0.event.action == .denied
                }
                #expect(denied.map(\.event.entityId) == [investigation.id])
            }
            #expect(try await p.footprint().filter { $0.key != "audit_log" } == before.filter { $0.key != "audit_log" })
            // The child's page shows them no police panel lines.
            let panel = try await p.store.policePanel(of: p.amy, context: p.ctx(partner))
            #expect(panel.investigations.isEmpty && panel.protections.isEmpty)
            // The children's social worker still gets the shared view.
            let shared = try await p.store.investigationFile(investigation.id, context: p.ctx(p.w.alice))
            #expect(shared.view == .shared)
            let alicePanel = try await p.store.policePanel(of: p.amy, context: p.ctx(p.w.alice))
            #expect(alicePanel.investigations.map(\.id) == [investigation.id])
            #expect(alicePanel.protections.map(\.id) == [protection.id])
        }
    }

    @Test(
        "The chronology shows police events only to a reader the police record rules let see that record",
        arguments: TestBackend.all)
    func chronologyFollowsPoliceRules(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let investigation = try await p.open(p.draft(children: [p.amy, p.ben], roles: [.victim, .witness]))
            _ = try await p.store.changeStatus(
                investigation.id, StatusChangeDraft(status: .underInvestigation, reason: nil, expectedVersion: 1),
                context: p.ctx(p.ash))
            _ = try await p.store.shareWithSocialCare(
                investigation.id,
                DisclosureDraft(
                    field: "intelligence", text: "A previous conviction (synthetic).",
                    lawfulBasis: "dpa2018_sch8_para18", reason: "Safety plan"), context: p.ctx(p.ash))
            _ = try await p.store.recordPoliceProtection(child: p.amy, p.removal(), context: p.ctx(p.ash))
            let partner = try await Self.partner(p, grantedOn: [p.amy, p.ben])

            // The allocated social worker (children's social care) sees the shared police events with their source.
            let alice = try await p.store.chronology(of: p.amy, context: p.ctx(p.w.alice))
            let aliceTitles = alice.filter { $0.kind == .police }.map(\.title)
            #expect(aliceTitles.contains("Police investigation: under investigation"))
            #expect(aliceTitles.contains("Police shared information"))
            #expect(aliceTitles.contains("Police protection (s46)"))

            // The partner sees the child's chronology, but no police event at all.
            let before = try await p.footprint()
            let theirs = try await p.store.chronology(of: p.amy, context: p.ctx(partner))
            #expect(!theirs.contains { $0.kind == .police })
            #expect(!theirs.contains { $0.title.hasPrefix("Police") })
            #expect(theirs.contains { $0.kind == .contact })
            #expect(try await p.footprint().filter { $0.key != "audit_log" } == before.filter { $0.key != "audit_log" })

            // A social worker who holds only ben's record may not open the investigation (amy is not theirs):
            // ben's chronology shows none of its events, decided by the same rule as its page.
            try await p.env.execute(
                """
                INSERT INTO allocations (id, person_id, team_id, worker_id, started_at)
                VALUES ('\(UUID().uuidString)', '\(p.ben.uuidString)', '\(p.w.teamB.id.uuidString)',
                        '\(p.w.carol.id.uuidString)', '\(Timestamp.string(testNow))')
                """)
            await expectRefusal(.notFound) {
                try await p.store.investigationFile(investigation.id, context: p.ctx(p.w.carol))
            }
            let carol = try await p.store.chronology(of: p.ben, context: p.ctx(p.w.carol))
            #expect(!carol.contains { $0.kind == .police })
            let aliceBen = try await p.store.chronology(of: p.ben, context: p.ctx(p.w.alice))
            #expect(aliceBen.contains { $0.title == "Police investigation: under investigation" })

            // Nor may carol add analysis to that police entry by its id; alice may.
            let event = try #require(aliceBen.first { $0.title == "Police investigation: under investigation" })
            let analyses = try await p.env.count("chronology_analysis")
            await expectRefusal(.forbidden) {
                try await p.store.addAnalysis(to: event.id, of: p.ben, body: "Noted.", context: p.ctx(p.w.carol))
            }
            #expect(try await p.env.count("chronology_analysis") == analyses)
            let denied = try await p.audit(p.ben, by: p.w.carol, "chronology_analysis").filter {
                $0.event.action == .denied
            }
            #expect(denied.count == 1)
            try await p.store.addAnalysis(to: event.id, of: p.ben, body: "Noted.", context: p.ctx(p.w.alice))
            #expect(try await p.env.count("chronology_analysis") == analyses + 1)
        }
    }
}
