import Foundation
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import Testing

/// The workforce dashboard's figures: gathered from the caseload, training, supervision and welfare reads
/// for the teams the reader's dashboard covers, never naming a child nor reading a check-in's content.
@Suite("Workforce dashboard")
struct WorkforceDashboardStoreTests {
    @Test(
        "A team manager sees their own team: caseloads, unallocated children, training due to expire",
        arguments: TestBackend.all)
    func managersOwnTeam(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let people = [
                BulkPerson(details: Synthetic.child("Ana", "Dash"), team: w.teamA.id, worker: w.alice.id),
                BulkPerson(details: Synthetic.child("Ben", "Dash"), team: w.teamA.id, worker: w.alice.id),
                BulkPerson(details: Synthetic.child("Cal", "Other"), team: w.teamA.id, worker: w.bob.id),
                BulkPerson(details: Synthetic.child("Dee", "Waiting"), team: w.teamA.id, worker: nil),
                BulkPerson(details: Synthetic.child("Eli", "Elsewhere"), team: w.teamB.id, worker: w.carol.id),
            ]
            _ = try await w.store.bulkLoad(people, links: [], context: w.env.system)
            let today = Synthetic.today
            _ = try await w.store.recordTraining(
                TrainingDraft(
                    course: "swe_registration", completedOn: today.adding(days: -300).description,
                    expiresOn: today.adding(days: 20).description),
                for: w.alice.id, context: w.ctx(w.manager))

            let figures = try await w.store.workforceFigures(team: nil, context: w.ctx(w.manager))
            #expect(figures.teams.map(\.id) == [w.teamA.id], "a manager's dashboard is their own team")
            let team = try #require(figures.teams.first)
            #expect(team.children == 3 && team.unallocated == 1)
            let alice = try #require(team.workers.first { $0.id == w.alice.id })
            #expect(alice.children == 2)
            #expect(alice.expectedCourses == 2 && alice.currentExpectedCourses == 1, "registration held, CSA not")
            #expect(alice.expiring(within: 30, of: today) == 1 && alice.expiring(within: 10, of: today) == 0)
            #expect(figures.expiring(within: 90) == 1)
            #expect(team.trainingCompliance == 0, "nobody holds every course their role expects")
            let audit = try await w.env.recentAudit(10)
            #expect(audit.contains { $0.event.entityType == "workforce" && $0.event.action == .read })
            #expect(!audit.contains { $0.event.personId != nil && $0.event.entityType == "workforce" })
        }
    }

    @Test(
        "Another team's figures, and the dashboard itself for a worker, a partner, police and the DPO, are refused",
        arguments: TestBackend.all)
    func refusals(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            await expectRefusal(.forbidden) {
                try await w.store.workforceFigures(team: w.teamB.id, context: w.ctx(w.manager))
            }
            let health = try await w.env.createAgency("Northfield Health", kind: .health)
            let nurse = try await w.env.createUser("hv.hana", "Hana Visitor", role: .partner, agency: health, team: nil)
            for user in [w.alice, nurse, w.officer, w.dpo] {
                await expectRefusal(.forbidden) { try await w.store.workforceFigures(team: nil, context: w.ctx(user)) }
            }
            let denied = try await w.env.recentAudit(10).filter {
                $0.event.entityType == "workforce" && $0.event.action == .denied
            }
            #expect(denied.count == 5)
        }
    }

    @Test(
        "A senior role sees every staffed team, or one team asked for; an unknown team is 404",
        arguments: TestBackend.all)
    func seniorRoles(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            _ = try await w.store.bulkLoad(
                [BulkPerson(details: Synthetic.child("Eli", "Elsewhere"), team: w.teamB.id, worker: w.carol.id)],
                links: [], context: w.env.system)
            let analyst = try await w.env.createUser(
                "pa.pat", "Pat Analyst", role: .performanceAnalyst, agency: w.council, team: nil)
            let all = try await w.store.workforceFigures(team: nil, context: w.ctx(analyst))
            #expect(Set(all.teams.map(\.id)) == [w.teamA.id, w.teamB.id])
            let one = try await w.store.workforceFigures(team: w.teamB.id, context: w.ctx(w.admin))
            #expect(one.teams.map(\.id) == [w.teamB.id] && one.teams.first?.children == 1)
            await expectRefusal(.notFound) { try await w.store.workforceFigures(team: UUID(), context: w.ctx(analyst)) }
        }
    }
}
