import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// A few people in team A (alice's), one in team B (carol's).
struct SearchFixture: Sendable {
    let john: Person
    let joan: Person
    let aliased: Person
    let other: Person

    static func make(_ w: World) async throws -> SearchFixture {
        let john = try await w.store.createPerson(
            Synthetic.child("John", "Smith", born: "2015-06-01", nhs: "943 476 5919", upn: Synthetic.upn(7)),
            context: w.ctx(w.alice))
        let joan = try await w.store.createPerson(
            Synthetic.child("Joan", "Smithers", born: "2017-01-20"), context: w.ctx(w.alice))
        let aliased = try await w.store.createPerson(
            Synthetic.child(
                "Leila", "Newname", born: "2015-06-01",
                aliases: [
                    Alias(givenName: "Leila", familyName: "Oldfamily", kind: .former),
                    Alias(givenName: "Lily", familyName: "Knownas"),
                ]),
            context: w.ctx(w.alice))
        let other = try await w.store.createPerson(
            Synthetic.child("Oscar", "Elsewhere", nhs: Synthetic.nhsNumber(3)),
            context: w.ctx(w.carol))
        return SearchFixture(john: john, joan: joan, aliased: aliased, other: other)
    }
}

@Suite("Searching for people")
struct SearchTests {
    func search(_ w: World, _ text: String, as user: User, born: LocalDate? = nil) async throws -> [PersonSummary] {
        try await w.store.search(PersonQuery(text: text, dateOfBirth: born), context: w.ctx(user))
    }

    @Test("Exact name finds the person with full details for someone who may view", arguments: TestBackend.all)
    func exactName(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let f = try await SearchFixture.make(w)
            let hits = try await search(w, "John Smith", as: w.alice)
            #expect(hits.first?.id == f.john.id)
            let top = try #require(hits.first)
            #expect(top.canView)
            #expect(top.localId == f.john.localId)
            #expect(top.dateOfBirth == Synthetic.date("2015-06-01"))
            #expect(top.kind == .child)
            #expect(top.givenName == "John")
            #expect(top.familyName == "Smith")
            // Family name first, given name first, any case, with a comma: all the same person.
            #expect(try await search(w, "smith, john", as: w.alice).first?.id == f.john.id)
            #expect(try await search(w, "SMITH JOHN", as: w.alice).first?.id == f.john.id)
        }
    }

    @Test("A typo still finds the person: 'Jon Smyth' finds John Smith", arguments: TestBackend.all)
    func typoTolerated(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let f = try await SearchFixture.make(w)
            #expect(try await search(w, "Jon Smyth", as: w.alice).map(\.id).contains(f.john.id))
            #expect(try await search(w, "Smyth", as: w.alice).map(\.id).contains(f.john.id))
            #expect(try await search(w, "Jhon Smith", as: w.alice).first?.id == f.john.id)
            // An exact match ranks above a near one.
            let smiths = try await search(w, "Smith", as: w.alice)
            #expect(smiths.first?.id == f.john.id)
            #expect(smiths.map(\.id).contains(f.joan.id))
            // Something unrelated finds nothing.
            #expect(try await search(w, "Zebedee Quartermaine", as: w.alice).isEmpty)
        }
    }

    @Test("Aliases and former names find the person", arguments: TestBackend.all)
    func aliasesAndFormerNames(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let f = try await SearchFixture.make(w)
            #expect(try await search(w, "Leila Oldfamily", as: w.alice).map(\.id) == [f.aliased.id])
            #expect(try await search(w, "Lily Knownas", as: w.alice).map(\.id) == [f.aliased.id])
            #expect(try await search(w, "Oldfamily", as: w.alice).map(\.id) == [f.aliased.id])
            #expect(try await search(w, "Leila Newname", as: w.alice).map(\.id) == [f.aliased.id])
            // One person, even when several of their names match.
            #expect(try await search(w, "Leila", as: w.alice).map(\.id) == [f.aliased.id])
        }
    }

    @Test("Each part of a double-barrelled family name finds the person", arguments: TestBackend.all)
    func doubleBarrelledNames(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(
                Synthetic.child("Nia", "Ashworth-Okafor"), context: w.ctx(w.alice))
            for text in ["Nia Ashworth-Okafor", "Nia Okafor", "Okafor", "Ashworth", "Nia Ashworth"] {
                #expect(try await search(w, text, as: w.alice).map(\.id) == [child.id], "'\(text)'")
            }
        }
    }

    @Test("NHS number, UPN and local id find only records the actor may view", arguments: TestBackend.all)
    func identifiersScopedToView(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let f = try await SearchFixture.make(w)
            for text in [
                "9434765919", "943 476 5919", Synthetic.upn(7), Synthetic.upn(7).lowercased(),
                f.john.localId, f.john.localId.lowercased(),
            ] {
                let mine = try await search(w, text, as: w.alice)
                #expect(mine.map(\.id) == [f.john.id], "alice searching '\(text)'")
                #expect(mine.first?.canView == true)
                #expect(
                    try await search(w, text, as: w.bob).map(\.id) == [f.john.id], "bob (same team) searching '\(text)'"
                )
                for outsider in [w.carol, w.officer, w.dpo] {
                    #expect(
                        try await search(w, text, as: outsider).isEmpty,
                        "\(outsider.username) must not unmask a name from '\(text)'")
                }
            }
            // Carol finds her own record by its NHS number.
            #expect(try await search(w, Synthetic.nhsNumber(3), as: w.carol).map(\.id) == [f.other.id])
            // A wrong check digit is not an identifier and matches no name either.
            #expect(try await search(w, "9434765918", as: w.alice).isEmpty)
        }
    }

    @Test("An unrelated worker's name search returns the name only", arguments: TestBackend.all)
    func unrelatedSeesNameOnly(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let f = try await SearchFixture.make(w)
            for outsider in [w.carol, w.officer] {
                let hits = try await search(w, "John Smith", as: outsider)
                let hit = try #require(hits.first { $0.id == f.john.id })
                #expect(hit.canView == false)
                #expect(hit.dateOfBirth == nil)
                #expect(hit.localId == nil)
                #expect(hit.kind == nil)
                #expect(hit.givenName == "John")
                #expect(hit.familyName == "Smith")
                #expect(hits.allSatisfy { !$0.canView && $0.dateOfBirth == nil && $0.localId == nil })
            }
            // The data protection officer may find names (with the local id, to tell records apart), never details.
            let dpoHits = try await search(w, "John Smith", as: w.dpo)
            #expect(dpoHits.first?.id == f.john.id)
            #expect(dpoHits.allSatisfy { !$0.canView && $0.dateOfBirth == nil && $0.localId != nil })
            // Carol sees her own record in full alongside.
            let carolHits = try await search(w, "Oscar Elsewhere", as: w.carol)
            #expect(carolHits.first?.canView == true)
            #expect(carolHits.first?.localId == f.other.localId)
        }
    }

    @Test(
        "Every search writes one `search` entry naming the terms and the count, its receipt carrying each person shown",
        arguments: TestBackend.all)
    func searchIsAudited(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            _ = try await SearchFixture.make(w)
            let before = try await w.env.count("audit_log")
            let found = try await search(w, "John Smith", as: w.carol)
            _ = try await search(w, "Nobody Atall", as: w.alice, born: Synthetic.date("2015-06-01"))
            #expect(try await w.env.count("audit_log") == before + 2, "one entry a search")
            let entries = try await w.env.recentAudit(20).filter { $0.seq > before }
            let searches = entries.filter { $0.event.action == .search }
            #expect(searches.count == 2)
            #expect(searches[1].event.actorId == w.carol.id)
            #expect(searches[1].event.detail?.contains("John Smith") == true)
            #expect(searches[1].event.detail?.hasSuffix("\(found.count) shown") == true)
            #expect(searches[0].event.actorId == w.alice.id)
            #expect(searches[0].event.detail?.contains("born 2015-06-01") == true)
            #expect(searches.allSatisfy { $0.event.personId == nil })
            #expect(searches[1].event.receipt != nil && searches[0].event.receipt == nil, "nobody shown, no receipt")
            let shown = try await w.env.peopleRead(in: [searches[1]])
            #expect(shown.count == found.count && Set(shown) == Set(found.map(\.id)))
        }
    }

    @Test(
        "Date-of-birth filter narrows a name search, and alone finds viewable records born that day",
        arguments: TestBackend.all)
    func dateOfBirthFilter(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let f = try await SearchFixture.make(w)
            let born = Synthetic.date("2015-06-01")
            #expect(try await search(w, "Smith", as: w.alice, born: born).map(\.id) == [f.john.id])
            #expect(
                try await search(w, "Smith", as: w.alice, born: Synthetic.date("2017-01-20")).map(\.id) == [f.joan.id])
            #expect(try await search(w, "Smith", as: w.alice, born: Synthetic.date("2001-01-01")).isEmpty)
            #expect(Set(try await search(w, "", as: w.alice, born: born).map(\.id)) == [f.john.id, f.aliased.id])
            // A date of birth cannot be used to confirm who an unrelated record is.
            #expect(try await search(w, "John Smith", as: w.carol, born: born).isEmpty)
            #expect(try await search(w, "", as: w.carol, born: born).isEmpty)
            // An empty query finds nothing.
            #expect(try await search(w, "   ", as: w.alice).isEmpty)
        }
    }

    @Test("Roles that do not search are refused; over-long queries are invalid", arguments: TestBackend.all)
    func searchRefusals(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            _ = try await SearchFixture.make(w)
            await expectRefusal(.forbidden) { try await search(w, "John Smith", as: w.admin) }
            let analyst = try await w.env.createUser(
                "ana", "Ana Lyst", role: .performanceAnalyst, agency: w.council, team: nil)
            await expectRefusal(.forbidden) { try await search(w, "John Smith", as: analyst) }
            let long = await expectRefusal(.invalid) {
                try await search(w, String(repeating: "a", count: 101), as: w.alice)
            }
            #expect(long?.fields == ["q"])
            await expectRefusal(.unauthenticated) {
                try await w.store.search(PersonQuery(text: "John"), context: AuditContext(system: "no one"))
            }
        }
    }
}
