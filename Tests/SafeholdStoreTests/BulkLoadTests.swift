import Foundation
import SQLKit
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import Testing

@Suite("Bulk loading synthetic families")
struct BulkLoadTests {
    /// Two synthetic families: the Fernsbys (mother, two children) and the Gallowhills (father, child).
    static func families(_ w: World) -> (people: [BulkPerson], links: [BulkLink]) {
        let people = [
            BulkPerson(
                details: Synthetic.adult(
                    " Fiona ", "Fernsby", born: "1990-03-03", sex: .female, nhs: Synthetic.nhsNumber(11)),
                team: w.teamA.id, worker: w.alice.id),
            BulkPerson(
                details: Synthetic.child("Finn", "Fernsby", born: "2015-05-05", sex: .male, upn: Synthetic.upn(12)),
                team: w.teamA.id, worker: w.alice.id),
            BulkPerson(
                details: Synthetic.child("Flora", "Fernsby", born: "2018-08-08", sex: .female),
                team: w.teamA.id, worker: w.alice.id),
            BulkPerson(
                details: Synthetic.adult("Gareth", "Gallowhill", born: "1982-12-12", sex: .male),
                team: w.teamB.id, worker: w.carol.id),
            BulkPerson(
                details: Synthetic.child("Gwen", "Gallowhill", born: "2019-09-09", sex: .female),
                team: w.teamB.id, worker: w.carol.id),
        ]
        let links = [
            BulkLink(from: 0, to: 1, kind: .mother, parentalResponsibility: true, livesTogether: true),
            BulkLink(from: 0, to: 2, kind: .mother, parentalResponsibility: true, livesTogether: true),
            BulkLink(from: 1, to: 2, kind: .sibling, parentalResponsibility: false, livesTogether: true),
            BulkLink(from: 3, to: 4, kind: .father, parentalResponsibility: true, livesTogether: false),
        ]
        return (people, links)
    }

    @Test(
        "bulkLoad validates each person, allocates them, links the families and audits every creation",
        arguments: TestBackend.all)
    func bulkLoadFamilies(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let (people, links) = Self.families(w)
            let auditBefore = try await w.env.count("audit_log")
            let ids = try await w.store.bulkLoad(people, links: links, context: w.env.system)

            #expect(ids.count == 5)
            #expect(Set(ids).count == 5)
            #expect(try await w.env.count("persons") == 5)
            #expect(try await w.env.count("relationships") == 4)
            #expect(try await w.env.count("audit_log") == auditBefore + 5)
            for id in ids {
                let creations = try await w.store.audit.entries(forPerson: id).filter { $0.event.action == .create }
                #expect(creations.count == 1)
                #expect(creations.first?.event.actorName == "store test set-up")
                #expect(creations.first?.event.entityId == id)
            }

            let fiona = try await w.store.openPerson(ids[0], context: w.ctx(w.alice))
            #expect(fiona.person.details.givenName == "Fiona", "validated (trimmed) on the way in")
            #expect(fiona.person.localId == "SH-000001")
            #expect(fiona.facts.allocatedWorkerIds == [w.alice.id])
            #expect(fiona.facts.allocatedTeamIds == [w.teamA.id])
            #expect(fiona.related.map(\.label).sorted() == ["Child", "Child"])

            let finn = try await w.store.openPerson(ids[1], context: w.ctx(w.alice))
            #expect(Set(finn.related.map(\.label)) == ["Mother", "Sibling"])
            let flora = try await w.store.openPerson(ids[2], context: w.ctx(w.bob))
            #expect(Set(flora.related.map(\.label)) == ["Mother", "Sibling"])

            let gwen = try await w.store.openPerson(ids[4], context: w.ctx(w.carol))
            #expect(gwen.related.map(\.label) == ["Father"])
            #expect(gwen.related.first?.relationship.parentalResponsibility == true)
            #expect(gwen.related.first?.relationship.livesTogether == false)
            await expectRefusal(.notFound) { try await w.store.openPerson(ids[4], context: w.ctx(w.alice)) }

            let alice = try await w.store.caseload(context: w.ctx(w.alice))
            #expect(Set(alice.mine.map(\.id)) == Set(ids[0...2]))
            #expect(try await w.store.audit.verify() == .intact(entries: try await w.env.count("audit_log")))
        }
    }

    @Test("One invalid person in a batch refuses the whole batch and writes nothing", arguments: TestBackend.all)
    func invalidBatchWritesNothing(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            var (people, links) = Self.families(w)
            people[3].details.nhsNumber = "943 476 5918"
            let before = try await w.env.footprint()
            let error = await expectRefusal(.invalid) {
                try await w.store.bulkLoad(people, links: links, context: w.env.system)
            }
            #expect(error?.fields == ["nhsNumber"])
            #expect(try await w.env.footprint() == before)
        }
    }

    @Test("A batch that fails part-way in the database rolls back whole", arguments: TestBackend.all)
    func failingBatchRollsBack(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let (people, _) = Self.families(w)
            // The same link twice breaks the relationships' unique key after every person was inserted.
            let twice = [
                BulkLink(from: 0, to: 1, kind: .mother, parentalResponsibility: true, livesTogether: true),
                BulkLink(from: 0, to: 1, kind: .mother, parentalResponsibility: true, livesTogether: true),
            ]
            let before = try await w.env.footprint()
            #expect(await throwsSomething { try await w.store.bulkLoad(people, links: twice, context: w.env.system) })
            #expect(try await w.env.footprint() == before)
            // The person counter rolled back too.
            let ids = try await w.store.bulkLoad(Array(people.prefix(1)), links: [], context: w.env.system)
            #expect(try await w.store.openPerson(ids[0], context: w.ctx(w.alice)).person.localId == "SH-000001")
        }
    }
}
