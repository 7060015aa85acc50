import Foundation
import SQLKit
import SafeholdCore
import Testing

@testable import SafeholdStore

/// Person search reads records a batch at a time in order of each person's best name, and stops once the
/// page is full (`Store.rankNames`): whatever the batch, the page is the one reading every candidate gives.
@Suite("Person search ranks many holders of one name")
struct SearchRankingTests {
    @Test(
        "Any batch size and page size give the page that reading every candidate gives, for each reader",
        arguments: TestBackend.all)
    func batchesAgreeWithReadingEveryone(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            var ours: Set<UUID> = [], theirs: Set<UUID> = [], formerlyNamed: Set<UUID> = []
            for i in 0..<7 {
                let born = "2015-0\(i + 1)-10"
                ours.insert(
                    try await w.store.createPerson(
                        Synthetic.child("Tessa", "Tranter", born: born), context: w.ctx(w.alice)
                    ).id)
                theirs.insert(
                    try await w.store.createPerson(
                        Synthetic.child("Tessa", "Tranter", born: born), context: w.ctx(w.carol)
                    ).id)
            }
            let exact = ours.union(theirs)
            for (given, family) in [("Tesa", "Tranter"), ("Tessa", "Tranters"), ("Tess", "Trant")] {
                ours.insert(
                    try await w.store.createPerson(
                        Synthetic.child(given, family), context: w.ctx(w.alice)
                    ).id)
            }
            for i in 0..<4 {
                formerlyNamed.insert(
                    try await w.store.createPerson(
                        Synthetic.child(
                            "Bella", "Brown\(["a", "b", "c", "d"][i])",
                            aliases: [Alias(givenName: "Tessa", familyName: "Tranter", kind: .former)]),
                        context: w.ctx(w.carol)
                    ).id)
            }
            // Known by a former name that matches exactly and a current one that matches less well: someone who
            // may not open the record finds them on the current name only, so they rank below every exact match.
            var renamed: Set<UUID> = []
            for _ in 0..<5 {
                renamed.insert(
                    try await w.store.createPerson(
                        Synthetic.child(
                            "Tessa", "Trantor",
                            aliases: [Alias(givenName: "Tessa", familyName: "Tranter", kind: .former)]),
                        context: w.ctx(w.carol)
                    ).id)
            }
            for user in [w.alice, w.carol] {
                let everyone = try await rank(w, "Tessa Tranter", as: user, limit: 50, batch: 10_000)
                let found = Set(everyone.map(\.id))
                #expect(found.isSuperset(of: ours.union(theirs)), "\(user.username)")
                // A former name finds the person only for someone who may open their record.
                #expect(found.isDisjoint(with: formerlyNamed) == (user.id == w.alice.id), "\(user.username)")
                #expect(everyone.first.map { [$0.givenName, $0.familyName] } == ["Tessa", "Tranter"])
                if user.id == w.alice.id {
                    // Every exact holder first; the renamed, found on their current name only, after them all.
                    #expect(Set(everyone.prefix(exact.count).map(\.id)) == exact)
                    #expect(everyone.filter { renamed.contains($0.id) }.allSatisfy { $0.familyName == "Trantor" })
                    #expect(everyone.firstIndex { renamed.contains($0.id) } ?? 0 >= exact.count)
                }
                for limit in [1, 2, 5, 9, 20] {
                    for batch in [1, 2, 3, 7, 100] {
                        let page = try await rank(w, "Tessa Tranter", as: user, limit: limit, batch: batch)
                        #expect(
                            page.map(\.id) == Array(everyone.prefix(limit)).map(\.id),
                            "\(user.username) limit \(limit) batch \(batch)")
                    }
                }
                // The store's own search gives the same page.
                let searched = try await w.store.search(
                    PersonQuery(text: "Tessa Tranter"), context: w.ctx(user), limit: 5)
                #expect(searched.map(\.id) == Array(everyone.prefix(5)).map(\.id))
            }
            // With a date of birth only records the reader may open, whatever the batch.
            let born = try await rank(
                w, "Tessa Tranter", as: w.alice, limit: 50, batch: 1, born: Synthetic.date("2015-03-10"))
            #expect(born.count == 1 && ours.contains(born[0].id) && born[0].canView)
        }
    }

    func rank(
        _ w: World, _ text: String, as user: User, limit: Int, batch: Int, born: LocalDate? = nil
    ) async throws -> [PersonSummary] {
        let scope = w.store.listScope(user.actor)
        let tokens = NameMatching.tokens(text)
        return try await w.store.database.withConnection { db in
            let names = try await Store.similarNames(tokens, dialect: w.store.database.dialect, on: db)
            return try await w.store.rankNames(
                names, tokens: tokens, dateOfBirth: born, view: scope.view, find: scope.find, limit: limit,
                auditor: false, batch: batch, on: db)
        }
    }
}
