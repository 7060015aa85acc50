import Foundation
import SQLKit
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import Testing

@Suite("Caseloads agree with the record policy")
struct CaseloadTests {
    @Test(
        "Caseload: mine lists my allocations, team lists the rest of my team's, never another team's",
        arguments: TestBackend.all)
    func mineVersusTeam(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let a1 = try await w.store.createPerson(Synthetic.child("Amelia", "Aardvark"), context: w.ctx(w.alice))
            let a2 = try await w.store.createPerson(Synthetic.child("Ben", "Badger"), context: w.ctx(w.alice))
            let b1 = try await w.store.createPerson(Synthetic.child("Cody", "Crane"), context: w.ctx(w.bob))
            let c1 = try await w.store.createPerson(Synthetic.child("Dara", "Dingo"), context: w.ctx(w.carol))

            let alice = try await w.store.caseload(context: w.ctx(w.alice))
            #expect(alice.mine.map(\.id) == [a1.id, a2.id], "ordered by family name")
            #expect(alice.team.map(\.id) == [b1.id])
            #expect((alice.mine + alice.team).allSatisfy { $0.canView })
            #expect(alice.mine.first?.localId == a1.localId)
            #expect(alice.mine.first?.dateOfBirth == a1.details.dateOfBirth)

            let bob = try await w.store.caseload(context: w.ctx(w.bob))
            #expect(bob.mine.map(\.id) == [b1.id])
            #expect(bob.team.map(\.id) == [a1.id, a2.id])

            let manager = try await w.store.caseload(context: w.ctx(w.manager))
            #expect(manager.mine.isEmpty)
            #expect(manager.team.map(\.id) == [a1.id, a2.id, b1.id])

            let carol = try await w.store.caseload(context: w.ctx(w.carol))
            #expect(carol.mine.map(\.id) == [c1.id])
            #expect(try await w.store.caseload(context: w.ctx(w.officer)).mine.isEmpty)
            #expect(carol.team.isEmpty)

            for user in [w.admin, w.dpo] {
                let none = try await w.store.caseload(context: w.ctx(user))
                #expect(none.mine.isEmpty && none.team.isEmpty, "\(user.username) has no caseload")
            }
            // A creator with no team (a police officer) is allocated the record alone.
            let reported = try await w.store.createPerson(Synthetic.child("Eve", "Eagle"), context: w.ctx(w.officer))
            let officer = try await w.store.caseload(context: w.ctx(w.officer))
            #expect(officer.mine.map(\.id) == [reported.id])
            #expect(officer.team.isEmpty)
            let facts = try await w.store.openPerson(reported.id, context: w.ctx(w.officer)).facts
            #expect(facts.allocatedWorkerIds == [w.officer.id])
            #expect(facts.allocatedTeamIds.isEmpty)
            await expectRefusal(.notFound) { try await w.store.openPerson(reported.id, context: w.ctx(w.manager)) }

            let limited = try await w.store.caseload(context: w.ctx(w.manager), limit: 2)
            #expect(limited.team.map(\.id) == [a1.id, a2.id])
        }
    }

    @Test(
        """
        For a grid of users and records, caseload and openPerson agree: every listed record opens, \
        every openable record is listed or granted
        """,
        arguments: TestBackend.all)
    func caseloadAgreesWithOpenPerson(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let chair = try await w.env.createUser(
                "chair", "Chris Chair", role: .conferenceChair, agency: w.council, team: w.teamB)
            let users = [w.alice, w.bob, w.manager, w.carol, w.officer, w.admin, w.dpo, chair]

            // Records with every shape of relationship to the workforce.
            let shapes: [BulkPerson] = [
                BulkPerson(details: Synthetic.child("Ada", "Gridone"), team: w.teamA.id, worker: w.alice.id),
                BulkPerson(details: Synthetic.child("Ben", "Gridtwo"), team: w.teamA.id, worker: nil),
                BulkPerson(details: Synthetic.child("Cal", "Gridthree"), team: nil, worker: w.bob.id),
                BulkPerson(details: Synthetic.child("Dee", "Gridfour"), team: w.teamB.id, worker: w.carol.id),
                BulkPerson(
                    details: Synthetic.child("Eli", "Gridfive"), restricted: true, team: w.teamA.id,
                    worker: w.alice.id),
                BulkPerson(details: Synthetic.child("Fay", "Gridsix"), restricted: true, team: w.teamB.id, worker: nil),
                BulkPerson(
                    details: Synthetic.child("Gus", "Gridseven"), team: w.teamB.id, worker: w.carol.id,
                    grants: [(user: w.officer.id, canEdit: false), (user: w.alice.id, canEdit: true)]),
                BulkPerson(
                    details: Synthetic.child("Hal", "Grideight"), restricted: true, team: w.teamB.id, worker: nil,
                    grants: [(user: w.bob.id, canEdit: false)]),
                BulkPerson(details: Synthetic.child("Ivy", "Gridnine"), team: nil, worker: nil),
                BulkPerson(details: Synthetic.child("Jo", "Gridten"), team: w.teamA.id, worker: w.carol.id),
            ]
            let ids = try await w.store.bulkLoad(shapes, links: [], context: w.env.system)
            let granted: [UUID: Set<UUID>] = [
                w.officer.id: [ids[6]], w.alice.id: [ids[6]], w.bob.id: [ids[7]],
            ]
            // The same records created through the UI path too.
            let created = try await w.store.createPerson(Synthetic.child("Kit", "Gridmade"), context: w.ctx(w.manager))
            let all = ids + [created.id]

            for user in users {
                let caseload = try await w.store.caseload(context: w.ctx(user))
                let listed = Set(caseload.mine.map(\.id) + caseload.team.map(\.id))
                #expect(Set(caseload.mine.map(\.id)).isDisjoint(with: caseload.team.map(\.id)))
                #expect(listed.count == caseload.mine.count + caseload.team.count, "no duplicates for \(user.username)")

                var openable: Set<UUID> = []
                for id in all {
                    do {
                        let record = try await w.store.openPerson(id, context: w.ctx(user))
                        openable.insert(id)
                        // The single-record decision and the facts it came from agree.
                        #expect(w.store.policy.decide(user.actor, .view, record.facts) == .allowed)
                    } catch SafeholdError.notFound {
                        continue
                    }
                }
                #expect(
                    listed.isSubset(of: openable),
                    "\(user.username): listed but refused \(listed.subtracting(openable))")
                let viaGrant = granted[user.id] ?? []
                let unexplained = openable.subtracting(listed).subtracting(viaGrant)
                #expect(
                    openable.subtracting(listed).isSubset(of: viaGrant),
                    "\(user.username): openable but not listed and not granted \(unexplained)"
                )

                // Mine is exactly what is allocated to the user (and viewable); team the rest of the team's.
                for summary in caseload.mine {
                    let facts = try await w.store.openPerson(summary.id, context: w.ctx(user)).facts
                    #expect(facts.allocatedWorkerIds.contains(user.id))
                }
                for summary in caseload.team {
                    let facts = try await w.store.openPerson(summary.id, context: w.ctx(user)).facts
                    #expect(user.teamId.map { facts.allocatedTeamIds.contains($0) } == true)
                    #expect(!facts.allocatedWorkerIds.contains(user.id))
                }
            }

            // Spot checks of the grid, so the agreement above is not vacuous.
            let alice = try await w.store.caseload(context: w.ctx(w.alice))
            #expect(Set(alice.mine.map(\.id)) == [ids[0], ids[4]])
            #expect(Set(alice.team.map(\.id)) == [ids[1], ids[9], created.id])
            let carol = try await w.store.caseload(context: w.ctx(w.carol))
            #expect(Set(carol.mine.map(\.id)) == [ids[3], ids[6], ids[9]])
            #expect(carol.team.isEmpty, "Fay and Hal are restricted; carol is not their worker")
            let chairs = try await w.store.caseload(context: w.ctx(chair))
            #expect(Set(chairs.team.map(\.id)) == [ids[3], ids[6]])
            let bob = try await w.store.caseload(context: w.ctx(w.bob))
            #expect(Set(bob.mine.map(\.id)) == [ids[2]])
            _ = try await w.store.openPerson(ids[7], context: w.ctx(w.bob))
            await expectRefusal(.notFound) { try await w.store.openPerson(ids[8], context: w.ctx(w.manager)) }
        }
    }
}
