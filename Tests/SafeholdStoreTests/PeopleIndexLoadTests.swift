import Foundation
import SQLKit
import SafeholdCore
import SafeholdSeeding
import Testing

@testable import SafeholdStore

/// `Store.loadingPeopleInBulk`: the people's search indexes are dropped for a bulk load and built once after it;
/// people are found as before, and the indexes come back whether the load finishes, fails or is cut short.
@Suite("Loading people in bulk")
struct PeopleIndexLoadTests {
    private struct Refused: Error {}

    private static func indexes(_ env: TestEnv) async throws -> Set<String> {
        try await env.database.withConnection { db in
            try await db.raw("SELECT name FROM sqlite_master WHERE type = 'index'").all().map {
                try $0.decode(column: "name", as: String.self)
            }
        }.reduce(into: []) { $0.insert($1) }
    }

    private static func recorded(_ env: TestEnv) async throws -> [String] {
        try await env.database.withConnection { db in try await DeferredIndexes.recorded(on: db) }
    }

    private static func load(_ w: World, _ details: [PersonDetails]) async throws -> [UUID] {
        try await w.store.bulkLoad(
            details.map { BulkPerson(details: $0, team: w.teamA.id, worker: w.alice.id) }, links: [],
            context: w.env.system)
    }

    @Test("Every index a people load puts off exists after the migrations, and none of them is unique")
    func theDeferredIndexesAreTheSchemasPlainOnes() async throws {
        try await withFreshStore(.sqlite) { env in
            let plain: Set<String> = try await env.database.withConnection { db in
                try await db.raw("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
                    .all().filter { try $0.decode(column: "sql", as: String.self).hasPrefix("CREATE INDEX ") }
                    .map { try $0.decode(column: "name", as: String.self) }
            }.reduce(into: []) { $0.insert($1) }
            #expect(Set(Store.peopleLoadIndexes).isSubset(of: plain))
        }
    }

    @Test(
        "People loaded while the search indexes are put off are found by name, sound and NHS number afterwards",
        arguments: TestBackend.all)
    func peopleAreFoundAfterTheIndexesAreBuilt(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let before = backend == .sqlite ? try await Self.indexes(w.env) : []
            let nhs = Synthetic.nhsNumber(41)
            let ids = try await w.store.loadingPeopleInBulk {
                if backend == .sqlite {
                    #expect(try await Self.indexes(w.env).isDisjoint(with: Store.peopleLoadIndexes))
                    #expect(try await Self.recorded(w.env).count == Store.peopleLoadIndexes.count)
                }
                let first = try await Self.load(
                    w, [Synthetic.child("Quinn", "Larkfield", nhs: nhs), Synthetic.child("Zoe\u{0308}", "Marram")])
                // Found during the load too, only without the indexes.
                let during = try await w.store.search(PersonQuery(text: "Quinn Larkfield"), context: w.ctx(w.alice))
                #expect(during.map(\.id) == [first[0]])
                return first + (try await Self.load(w, [Synthetic.child("Rowan", "Larkfield")]))
            }
            let typo = try await w.store.search(PersonQuery(text: "Quin Larkfeld"), context: w.ctx(w.alice))
            #expect(typo.first?.id == ids[0])
            let family = try await w.store.search(PersonQuery(text: "Larkfield"), context: w.ctx(w.alice))
            #expect(Set(family.map(\.id)) == [ids[0], ids[2]])
            let marked = try await w.store.search(PersonQuery(text: "Zoe\u{0308} Marram"), context: w.ctx(w.alice))
            #expect(marked.map(\.id) == [ids[1]])
            #expect(try await w.store.search(PersonQuery(text: nhs), context: w.ctx(w.alice)).map(\.id) == [ids[0]])
            // Another team sees the names only, and cannot find a child by number: the policy is untouched.
            let elsewhere = try await w.store.search(PersonQuery(text: "Larkfield"), context: w.ctx(w.carol))
            #expect(elsewhere.count == 2 && elsewhere.allSatisfy { !$0.canView })
            #expect(try await w.store.search(PersonQuery(text: nhs), context: w.ctx(w.carol)).isEmpty)
            guard backend == .sqlite else { return }
            #expect(try await Self.indexes(w.env) == before)
            #expect(try await Self.recorded(w.env).isEmpty)
        }
    }

    @Test("A people load that fails still builds the search indexes again", arguments: TestBackend.all)
    func aFailedLoadBuildsTheIndexes(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let before = backend == .sqlite ? try await Self.indexes(w.env) : []
            await #expect(throws: Refused.self) {
                try await w.store.loadingPeopleInBulk {
                    _ = try await Self.load(w, [Synthetic.child("Sky", "Oxlip")])
                    throw Refused()
                }
            }
            #expect(try await w.store.search(PersonQuery(text: "Sky Oxlip"), context: w.ctx(w.alice)).count == 1)
            guard backend == .sqlite else { return }
            #expect(try await Self.indexes(w.env) == before)
            #expect(try await Self.recorded(w.env).isEmpty)
        }
    }

    @Test("Indexes a load dropped and never built (the process was killed) are built by the next migration run")
    func theNextMigrationBuildsWhatAStoppedLoadLeft() async throws {
        try await withWorld(.sqlite) { w in
            let before = try await Self.indexes(w.env)
            let dropped = try await w.env.database.transaction { db in
                try await DeferredIndexes.drop(["persons_family", "person_names_sounds"], on: db)
            }
            #expect(dropped == ["persons_family", "person_names_sounds"])
            #expect(try await Self.indexes(w.env) == before.subtracting(dropped))
            _ = try await Self.load(w, [Synthetic.child("Ash", "Teasel")])
            #expect(try await w.store.migrate() == [])
            #expect(try await Self.indexes(w.env) == before)
            #expect(try await Self.recorded(w.env).isEmpty)
            #expect(try await w.store.search(PersonQuery(text: "Ash Teasle"), context: w.ctx(w.alice)).count == 1)
        }
    }

    @Test("A recorded statement that is not one plain index is not run, and the record is cleared")
    func onlyPlainIndexStatementsAreBuilt() async throws {
        try await withWorld(.sqlite) { w in
            let before = try await Self.indexes(w.env)
            let bogus = [
                "DROP TABLE persons", "CREATE INDEX evil ON persons (id); DROP TABLE persons",
                "CREATE UNIQUE INDEX evil2 ON persons (family_name)",
            ]
            let text = String(decoding: try JSONEncoder().encode(bogus), as: UTF8.self)
            try await w.env.database.transaction { db in
                try await db.raw("INSERT INTO settings (key, value) VALUES ('deferred_indexes', \(bind: text))").run()
            }
            try await w.store.buildDeferredIndexes()
            #expect(try await Self.indexes(w.env) == before)
            #expect(try await Self.recorded(w.env).isEmpty)
            #expect(try await w.store.search(PersonQuery(text: "Nobody"), context: w.ctx(w.alice)).isEmpty)
        }
    }

    @Test("A server that starts during a load builds the indexes; the load goes on and its own build runs nothing")
    func aMigrationDuringTheLoadBuildsTheIndexes() async throws {
        try await withWorld(.sqlite) { w in
            let before = try await Self.indexes(w.env)
            let ids = try await w.store.loadingPeopleInBulk {
                let first = try await Self.load(w, [Synthetic.child("Ira", "Sedgemoor")])
                // Another server starting now migrates: it finds the record and builds what is missing.
                #expect(try await w.store.migrate() == [])
                #expect(try await Self.indexes(w.env) == before)
                #expect(try await Self.recorded(w.env).isEmpty)
                return first + (try await Self.load(w, [Synthetic.child("Ivo", "Sedgemoor")]))
            }
            #expect(try await Self.indexes(w.env) == before)
            #expect(try await Self.recorded(w.env).isEmpty)
            let found = try await w.store.search(PersonQuery(text: "Sedgemore"), context: w.ctx(w.alice))
            #expect(Set(found.map(\.id)) == Set(ids))
        }
    }

    @Test("A unique index, or one the schema does not have, is never dropped")
    func uniqueIndexesStay() async throws {
        try await withWorld(.sqlite) { w in
            let before = try await Self.indexes(w.env)
            let dropped = try await w.env.database.transaction { db in
                try await DeferredIndexes.drop(
                    ["looked_after_open", "sqlite_autoindex_persons_2", "no_such_index", "persons_dob"], on: db)
            }
            #expect(dropped == ["persons_dob"])
            #expect(try await Self.recorded(w.env).count == 1)
            try await w.store.buildDeferredIndexes()
            #expect(try await Self.indexes(w.env) == before)
            // Nothing recorded: building again runs nothing.
            try await w.store.buildDeferredIndexes()
            #expect(try await Self.recorded(w.env).isEmpty)
        }
    }
}
