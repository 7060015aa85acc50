import Foundation
import SQLKit
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import Testing

/// The team caseload read: stages from the record, sibling groups weighed together, unallocated
/// children, and who may read it.
@Suite("Team caseloads")
struct TeamCaseloadStoreTests {
    @Test(
        "Each worker's children are weighed by stage, a sibling group less per child; unallocated listed",
        arguments: TestBackend.all)
    func weighedCaseloads(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let people = [
                BulkPerson(details: Synthetic.child("Sia", "Sibling"), team: w.teamA.id, worker: w.alice.id),
                BulkPerson(
                    details: Synthetic.child("Sol", "Sibling", born: "2018-01-02"), team: w.teamA.id,
                    worker: w.alice.id),
                BulkPerson(
                    details: Synthetic.child("Sam", "Halfsib", born: "2019-03-04"), team: w.teamA.id,
                    worker: w.alice.id),
                BulkPerson(details: Synthetic.adult("Mae", "Sibling"), team: w.teamA.id, worker: w.alice.id),
                BulkPerson(details: Synthetic.child("Ola", "Onlychild"), team: w.teamA.id, worker: w.bob.id),
                BulkPerson(details: Synthetic.child("Una", "Waiting"), team: w.teamA.id, worker: nil),
                BulkPerson(details: Synthetic.child("Cy", "Elsewhere"), team: w.teamB.id, worker: w.carol.id),
            ]
            // Sia and Sol are siblings; Sam shares their mother Mae.
            let links = [
                BulkLink(from: 0, to: 1, kind: .sibling, parentalResponsibility: false, livesTogether: true),
                BulkLink(from: 3, to: 2, kind: .mother, parentalResponsibility: true, livesTogether: true),
                BulkLink(from: 3, to: 1, kind: .mother, parentalResponsibility: true, livesTogether: true),
            ]
            let ids = try await w.store.bulkLoad(people, links: links, context: w.env.system)
            // Ola looked after: the heaviest stage.
            try await w.env.execute(
                """
                INSERT INTO looked_after_periods (id, person_id, status, started_on, recorded_at)
                VALUES ('\(UUID().uuidString.lowercased())', '\(ids[4].uuidString.lowercased())', 'c2',
                    '2026-01-01', '2026-01-01T00:00:00Z')
                """)
            let caseload = try await w.store.teamCaseload(w.teamA.id, context: w.ctx(w.manager))
            let alice = try #require(caseload.workers.first { $0.workerId == w.alice.id })
            #expect(Set(alice.children.map(\.personId)) == [ids[0], ids[1], ids[2]], "adults are not on a caseload")
            #expect(alice.children.allSatisfy { $0.stage == .contact })
            // One group of three contacts: 0.5 + 2 x 0.5 x 0.6.
            #expect(abs(alice.weighted - 1.1) < 1e-9)
            let bob = try #require(caseload.workers.first { $0.workerId == w.bob.id })
            #expect(bob.children.map(\.stage) == [.lookedAfter] && bob.weighted == 1.5)
            #expect(caseload.workers.contains { $0.workerId == w.manager.id }, "a manager may hold cases")
            #expect(caseload.unallocated.map(\.personId) == [ids[5]])
            #expect(caseload.contactsAwaiting == 1)
            #expect(!caseload.workers.contains { $0.children.contains { $0.personId == ids[6] } })
            // Every child shown is audited against them, in the one entry of the page.
            let listed = try #require(try await w.env.recentAudit(20).first { $0.event.entityType == "caseload" })
            let read = Set(try await w.env.peopleRead(in: [listed]))
            for id in ids[0...2] + [ids[4], ids[5]] { #expect(read.contains(id)) }
            #expect(!read.contains(ids[6]))
            #expect(try await w.store.audit.entries(forPerson: ids[0]).contains { $0.seq == listed.seq })
            // The figures agree and name no child.
            let figures = try #require(try await w.store.caseloads(team: w.teamA.id, context: w.ctx(w.admin)))
            #expect(figures.children == 4 && figures.unallocated == 1)
            #expect(abs(figures.weighted - 2.6) < 1e-9)
        }
    }

    @Test(
        "Another team's manager, a worker, a partner and the DPO cannot read a team's caseload",
        arguments: TestBackend.all)
    func caseloadDenials(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let managerB = try await w.env.createUser(
                "tm.b", "Bo Manager", role: .teamManager, agency: w.council, team: w.teamB)
            let health = try await w.env.createAgency("Northfield Health", kind: .health)
            let nurse = try await w.env.createUser("hv.hana", "Hana Visitor", role: .partner, agency: health, team: nil)
            _ = try await w.store.createPerson(Synthetic.child("Ava", "Counted"), context: w.ctx(w.alice))
            for user in [managerB, w.alice, nurse, w.dpo, w.admin] {
                await expectRefusal(.forbidden) { try await w.store.teamCaseload(w.teamA.id, context: w.ctx(user)) }
            }
            for user in [managerB, w.alice, nurse, w.dpo] {
                await expectRefusal(.forbidden) {
                    try await w.store.caseloads(teams: [w.teamA.id], context: w.ctx(user))
                }
            }
            await expectRefusal(.forbidden) {
                try await w.store.caseloads(teams: [w.teamA.id, w.teamB.id], context: w.ctx(w.manager))
            }
            let denied = try await w.env.recentAudit(20).filter { $0.event.action == .denied }
            #expect(denied.contains { $0.event.actorId == managerB.id && $0.event.entityType == "caseload" })
        }
    }

    static func letter(_ n: Int) -> String { String(UnicodeScalar(UInt8(97 + n))) }

    @Test("A worker over the capacity held as data is flagged", arguments: TestBackend.all)
    func overCapacity(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let capacity = Ruleset.england2025.workforce.caseload.capacity
            let count = Int(capacity / 0.5) + 2
            let people = (0..<count).map { i in
                BulkPerson(
                    details: Synthetic.child("Ka" + Self.letter(i % 26), "Many" + Self.letter(i / 26)),
                    team: w.teamA.id,
                    worker: w.bob.id)
            }
            _ = try await w.store.bulkLoad(people, links: [], context: w.env.system)
            let caseload = try await w.store.teamCaseload(w.teamA.id, context: w.ctx(w.manager))
            let bob = try #require(caseload.workers.first { $0.workerId == w.bob.id })
            #expect(bob.count == count && bob.overCapacity)
            #expect(caseload.overCapacity == 1)
        }
    }
}
