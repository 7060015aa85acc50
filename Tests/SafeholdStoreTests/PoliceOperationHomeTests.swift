import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Operations, the police home and the child's police panel")
struct PoliceOperationHomeTests {
    static let sha = String(repeating: "ab", count: 32)

    @Test(
        "Operations: unique names per force, evidence by reference, identified victims raise a contact",
        arguments: TestBackend.all)
    func operations(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let operation = try await p.store.createOperation(
                name: "Operation Kestrel", summary: "Online sharing ring", context: p.ctx(p.ash))
            let before = try await p.footprint()
            let taken = await expectRefusal(.invalid) {
                try await p.store.createOperation(name: "operation kestrel", summary: "Again", context: p.ctx(p.dev))
            }
            #expect(taken?.fields == ["name"])
            await expectRefusal(.forbidden) {
                try await p.store.createOperation(name: "Operation Wren", summary: "x", context: p.ctx(p.w.alice))
            }
            #expect(try await p.footprint() == before)
            _ = try await p.store.createOperation(name: "Operation Kestrel", summary: "Theirs", context: p.ctx(p.sol))

            let item = EvidenceItem(
                kind: .imageSet, identifier: "EXH-SID-01", hash: Self.sha.uppercased(), categoryA: 3, categoryB: 12,
                categoryC: 140)
            try await p.store.addEvidence(item, operation: operation.id, context: p.ctx(p.cal))
            // Every write is audited, even on an operation that concerns no child yet.
            let evidenceAudit = try await p.env.recentAudit(10).filter {
                $0.event.entityId == operation.id && $0.event.actorId == p.cal.id
            }
            #expect(evidenceAudit.map(\.event.action) == [.update])
            #expect(evidenceAudit.first?.event.detail == "evidence image_set EXH-SID-01")
            #expect(try await p.env.count("evidence_items") == 1)
            let duplicate = await expectRefusal(.invalid) {
                try await p.store.addEvidence(item, operation: operation.id, context: p.ctx(p.ash))
            }
            #expect(duplicate?.fields == ["identifier"])
            await expectRefusal(.notFound) {
                try await p.store.addEvidence(item, operation: operation.id, context: p.ctx(p.dev))
            }
            var huge = item
            huge.categoryA = Int.max
            await expectRefusal(.invalid) {
                try await p.store.addEvidence(huge, operation: operation.id, context: p.ctx(p.ash))
            }

            // Amy is a victim in one of the operation's investigations and a witness in another.
            let first = try await p.open(p.draft(operation: operation.id))
            _ = try await p.open(p.draft(crime: "NB/22222/26", roles: [.witness], operation: operation.id))
            let cara = try await p.store.createPerson(Synthetic.child("Cara", "Found"), context: p.ctx(p.w.alice))
            let contacts = try await p.env.count("contacts")
            let contactId = try await p.store.identifyVictim(
                cara.id, role: .victim, investigation: first.id, operation: operation.id, raiseContact: true,
                concern: "Identified in images seized in Operation Kestrel.", context: p.ctx(p.ash))
            let contact = try await p.store.contact(try #require(contactId), context: p.ctx(p.w.alice))
            #expect(contact.source == .police && contact.childIds == [cara.id])
            #expect(try await p.env.count("contacts") == contacts + 1)
            await expectRefusal(.conflict) {
                try await p.store.identifyVictim(
                    cara.id, role: .witness, investigation: first.id, operation: operation.id, raiseContact: false,
                    concern: "", context: p.ctx(p.ash))
            }
            let suspectVictim = await expectRefusal(.invalid) {
                try await p.store.identifyVictim(
                    p.suspect, role: .victim, investigation: first.id, operation: operation.id, raiseContact: false,
                    concern: "", context: p.ctx(p.ash))
            }
            #expect(suspectVictim?.fields == ["childId"])

            let file = try await p.store.operationFile(operation.id, context: p.ctx(p.bea))
            #expect(file.evidence.map(\.hash) == [Self.sha])
            #expect(file.evidence.first?.categoryC == 140)
            #expect(file.investigations.count == 2)
            let roles = Dictionary(uniqueKeysWithValues: file.victims.map { ($0.person.personId, $0.person.role) })
            #expect(roles == [p.amy: .victimAndWitness, cara.id: .victim])
            await expectRefusal(.notFound) { try await p.store.operationFile(operation.id, context: p.ctx(p.dev)) }
            // Social care sees the children's investigations, not the operation itself.
            await expectRefusal(.forbidden) { try await p.store.operationFile(operation.id, context: p.ctx(p.w.alice)) }
        }
    }

    @Test(
        "The police home: the team's investigations, clocks, interviews, decisions due; one entry naming each child",
        arguments: TestBackend.all)
    func policeHome(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            try await p.accredit(p.ash)
            let mine = try await p.open(p.draft(children: [p.amy, p.ben], roles: [.victim, .witness]))
            let other = try await p.open(p.draft(crime: "NB/88888/26"), by: p.dev)
            _ = try await p.store.changeStatus(
                mine.id, StatusChangeDraft(status: .underInvestigation, reason: nil, expectedVersion: 1),
                context: p.ctx(p.ash))
            _ = try await p.store.changeStatus(
                mine.id, StatusChangeDraft(status: .fileToCPS, reason: nil, expectedVersion: 2), context: p.ctx(p.ash))
            let (jade, _, episode) = try await PipelineFixture.episode(p.w, name: "Jade")
            _ = try await p.store.recordStep(
                .strategyDiscussion(
                    on: Synthetic.today, participants: [], absentAgencyReason: "n/a", informationShared: "x",
                    decision: .jointS47, safetyActions: ""), episode: episode, expectedSteps: 0,
                jointEnquiry: .open(policeTeam: p.caitA.id), context: p.ctx(p.w.alice))
            _ = try await p.store.recordPoliceProtection(
                child: p.ben, p.removal(at: testNow.addingTimeInterval(-50 * 3600)), context: p.ctx(p.ash))
            let interview = try await p.store.planInterview(p.plan(), investigation: mine.id, context: p.ctx(p.ash))

            let reads = try await p.env.count("audit_log")
            let home = try await p.store.policeHome(context: p.ctx(p.cal))
            #expect(home.investigations.count == 2)
            #expect(!home.investigations.contains { $0.id == other.id })
            #expect(home.investigations.allSatisfy { $0.view == .full })
            #expect(home.decisionsDue.map(\.id) == [mine.id])
            #expect(home.toAllocate.map(\.children).map { $0.map(\.id) } == [[jade]])
            #expect(home.protections.map(\.clock) == [.dueSoon(hours: 50)])
            #expect(home.protections.map(\.child.id) == [p.ben])
            #expect(home.interviewsToPlan.map(\.id) == [interview.id])
            let audited = try await p.store.audit.recent(limit: 20).filter {
                $0.event.actorId == p.cal.id && $0.event.entityType == "police_home"
            }
            #expect(try await p.env.count("audit_log") == reads + 1, "one entry for the page")
            #expect(Set(try await p.env.peopleRead(in: audited)) == [p.amy, p.ben, jade])
            #expect(audited.allSatisfy { $0.event.action == .read })

            let teamB = try await p.store.policeHome(context: p.ctx(p.dev))
            #expect(teamB.investigations.map(\.id) == [other.id])
            #expect(teamB.protections.isEmpty && teamB.interviewsToPlan.isEmpty && teamB.toAllocate.isEmpty)
            await expectRefusal(.forbidden) { try await p.store.policeHome(context: p.ctx(p.w.officer)) }
            await expectRefusal(.forbidden) { try await p.store.policeHome(context: p.ctx(p.w.alice)) }
        }
    }

    @Test(
        "The child's police panel: social care sees shared lines; police only their team's", arguments: TestBackend.all)
    func policePanel(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let mine = try await p.open()
            let theirs = try await p.open(p.draft(crime: "NB/88888/26", roles: [.witness]), by: p.dev)
            let protection = try await p.store.recordPoliceProtection(child: p.amy, p.removal(), context: p.ctx(p.ash))
            let panel = try await p.store.policePanel(of: p.amy, context: p.ctx(p.w.alice))
            #expect(Set(panel.investigations.map(\.id)) == [mine.id, theirs.id])
            #expect(panel.investigations.allSatisfy { $0.view == .shared })
            #expect(panel.protections.map(\.id) == [protection.id])
            #expect(panel.protections.first?.clock == .running(hours: 1))
            let reads = try await p.audit(p.amy, by: p.w.alice, "police_panel").filter { $0.event.action == .read }
            #expect(reads.count == 1)
            // A police officer reaches the panel only through the child's record; then sees their team's only.
            await expectRefusal(.notFound) { try await p.store.policePanel(of: p.amy, context: p.ctx(p.ash)) }
            // A worker who may not see the child gets nothing.
            await expectRefusal(.notFound) { try await p.store.policePanel(of: p.amy, context: p.ctx(p.w.carol)) }
        }
    }

    @Test(
        "The panel shows no investigation the worker could not open: another child on it is not theirs",
        arguments: TestBackend.all)
    func panelFollowsRecordRules(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let zed = try await p.store.createPerson(Synthetic.child("Zed", "Elsewhere"), context: p.ctx(p.w.carol))
            let shared = try await p.open(p.draft(children: [p.amy, zed.id], roles: [.victim, .witness]))
            let own = try await p.open(p.draft(crime: "NB/33333/26"))
            await expectRefusal(.notFound) { try await p.store.investigationFile(shared.id, context: p.ctx(p.w.alice)) }
            let panel = try await p.store.policePanel(of: p.amy, context: p.ctx(p.w.alice))
            #expect(panel.investigations.map(\.id) == [own.id])
            #expect(!panel.investigations.flatMap(\.children).contains { $0.id == zed.id })
        }
    }
}
