import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Joint and embedded teams: a member of another agency keeps their own role and policy, and the
/// team's allocations give them what they give every member.
@Suite("Joint and embedded teams")
struct EmbeddedTeamStoreTests {
    @Test(
        "A social worker embedded in the police team reads its children but not police-only intelligence",
        arguments: TestBackend.all)
    func embeddedSocialWorker(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let w = p.w
            let sam = try await w.env.createUser(
                "sw.sam", "Sam Embedded", role: .socialWorker, agency: w.council, team: nil)
            try await w.store.setTeam(sam.id, team: p.caitA.id, context: w.ctx(w.admin))
            let embedded = try #require(try await w.store.account(id: sam.id)?.user)
            #expect(
                embedded.teamId == p.caitA.id && embedded.agencyId == w.council.id && embedded.role == .socialWorker)
            // A child the police team holds (opened by its officer): Sam, like every member, opens it.
            let child = try await w.store.createPerson(Synthetic.child("Tia", "Jointcase"), context: p.ctx(p.ash))
            let record = try await w.store.openPerson(child.id, context: w.ctx(embedded))
            #expect(record.facts.allocatedTeamIds == [p.caitA.id])
            // A police record of that child: the police see it all, Sam what is shared with social care.
            let investigation = try await p.open(p.draft(children: [child.id]))
            let full = try await w.store.investigationFile(investigation.id, context: p.ctx(p.cal))
            #expect(full.view == .full && full.investigation.intelligence != nil)
            let shared = try await w.store.investigationFile(investigation.id, context: w.ctx(embedded))
            #expect(shared.view == .shared && shared.investigation.intelligence == nil)
            await expectRefusal(.forbidden) {
                try await w.store.changeStatus(
                    investigation.id, StatusChangeDraft(status: .underInvestigation, reason: nil, expectedVersion: 1),
                    context: w.ctx(embedded))
            }
            // The team page lists Sam with his own agency, marked embedded.
            let members = try await w.store.teamMembers(p.caitA.id, context: p.ctx(p.ash))
            let listed = try #require(members.first { $0.userId == sam.id })
            #expect(listed.embedded && listed.agencyName == "Northfield Children's Services")
            #expect(members.filter { $0.userId != sam.id }.allSatisfy { !$0.embedded })
            // The team's manager of another team cannot list it.
            await expectRefusal(.forbidden) { try await w.store.teamMembers(p.caitA.id, context: w.ctx(w.manager)) }
        }
    }

    @Test(
        "Only an administrator moves a user; a partner is never embedded; a worker holding children is not moved",
        arguments: TestBackend.all)
    func movingRules(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let health = try await w.env.createAgency("Northfield Health", kind: .health)
            let nurse = try await w.env.createUser("hv.hana", "Hana Visitor", role: .partner, agency: health, team: nil)
            let cait = try await w.env.createTeam("CAIT", in: w.police)
            await expectRefusal(.forbidden) {
                try await w.store.setTeam(w.bob.id, team: cait.id, context: w.ctx(w.manager))
            }
            let refusal = await expectRefusal(.invalid) {
                try await w.store.setTeam(nurse.id, team: w.teamA.id, context: w.ctx(w.admin))
            }
            if case .invalid(let errors) = refusal { #expect(errors.map(\.field) == ["teamId"]) }
            await expectRefusal(.invalid) {
                try await w.env.createUser("hv.hal", "Hal Visitor", role: .partner, agency: health, team: w.teamA)
            }
            await expectRefusal(.invalid) { try await w.store.setTeam(w.bob.id, team: UUID(), context: w.ctx(w.admin)) }
            _ = try await w.store.createPerson(Synthetic.child("Ira", "Kept"), context: w.ctx(w.bob))
            let held = await expectRefusal(.conflict) {
                try await w.store.setTeam(w.bob.id, team: cait.id, context: w.ctx(w.admin))
            }
            #expect(held.map { "\($0)" }?.contains("1 child") == true)
            #expect(try await w.store.account(id: w.bob.id)?.user.teamId == w.teamA.id)
            #expect(try await w.store.account(id: nurse.id)?.user.teamId == nil)
        }
    }
}
