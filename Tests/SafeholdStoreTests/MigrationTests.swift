import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("Migrations apply once; a second migrate applies nothing and none is pending", arguments: TestBackend.all)
    func migrationsApplyOnce(_ backend: TestBackend) async throws {
        try await withFreshStore(backend, migrate: false) { env in
            let migrator = Migrator(database: env.database)
            #expect(try await migrator.appliedVersions() == [])
            #expect(try await migrator.pendingVersions() == Migrator.knownVersions)

            let first = try await env.store.migrate()
            #expect(first == Migrator.knownVersions)
            let second = try await env.store.migrate()
            #expect(second == [])
            #expect(try await migrator.pendingVersions() == [])
            #expect(try await migrator.appliedVersions() == Migrator.knownVersions)
            #expect(try await env.count("schema_migrations") == Migrator.knownVersions.count)

            // The schema is usable: the tables exist and start empty.
            for table in [
                "agencies", "teams", "users", "persons", "relationships", "allocations", "access_grants",
                "audit_log", "sessions", "api_tokens",
            ] {
                #expect(try await env.count(table) == 0, "\(table) should start empty")
            }
        }
    }

    @Test(
        "Two instances migrating one empty database at once apply each migration exactly once",
        arguments: TestBackend.all)
    func concurrentMigratorsDoNotCollide(_ backend: TestBackend) async throws {
        try await withFreshStore(backend, migrate: false) { env in
            // A second, independent pool onto the same database, as a second server process would have.
            let second = try Database(env.location)
            let results: [[Int]]
            do {
                results = try await withThrowingTaskGroup(of: [Int].self) { group in
                    group.addTask { try await Migrator(database: env.database).migrate(clock: env.clock) }
                    group.addTask { try await Migrator(database: second).migrate(clock: env.clock) }
                    var all: [[Int]] = []
                    for try await applied in group { all.append(applied) }
                    return all
                }
            } catch {
                await second.shutdown()
                throw error
            }
            await second.shutdown()
            #expect(
                results.flatMap { $0 }.sorted() == Migrator.knownVersions,
                "each version applied by exactly one instance: \(results)")
            #expect(try await env.count("schema_migrations") == Migrator.knownVersions.count)
            #expect(try await Migrator(database: env.database).pendingVersions() == [])
        }
    }

    @Test(
        "The indexes that repeated a unique index are gone, and a step and link look-up still goes through an index",
        arguments: TestBackend.all)
    func redundantIndexesAreDropped(_ backend: TestBackend) async throws {
        try await withFreshStore(backend) { env in
            let names: [String] = try await env.database.withConnection { db in
                let sql: SQLQueryString =
                    backend == .sqlite
                    ? "SELECT name FROM sqlite_master WHERE type = 'index'"
                    : "SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()"
                return try await db.raw(sql).all().map { try $0.decode(column: "name", as: String.self) }
            }
            #expect(!names.contains("episode_steps_episode"))
            #expect(!names.contains("relationships_person"))
            #expect(names.contains("episode_steps_person"), "other indexes stay: \(names.count) found")
            guard backend == .sqlite else { return }
            for (query, index) in [
                ("SELECT id FROM episode_steps WHERE episode_id = 'e' ORDER BY position", "episode_steps_2"),
                ("SELECT id FROM relationships WHERE person_id = 'p'", "relationships_2"),
            ] {
                let plan = try await env.database.withConnection { db in
                    try await db.raw(SQLQueryString("EXPLAIN QUERY PLAN " + query)).all().map {
                        try $0.decode(column: "detail", as: String.self)
                    }
                }
                #expect(plan.joined().contains("sqlite_autoindex_\(index)"), "\(query): \(plan)")
            }
        }
    }
}
