import Foundation
import SQLKit
import SafeholdStore
import Testing

/// The store's PostgreSQL statements: those run often become named prepared statements on their connection,
/// values read back exactly as they were written, and a statement that fails leaves nothing unusable behind.
@Suite("PostgreSQL session", .enabled(if: TestBackend.postgresURL != nil))
struct PostgresSessionTests {
    /// Runs `body` on one connection of a fresh, unmigrated schema (a pool of one: every call is that connection).
    private func onOneConnection(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        try await withFreshStore(.postgres, migrate: false) { env in
            guard case .postgres(let url, let schema, _) = env.location else { throw CancellationError() }
            let database = try Database(.postgres(url: url, schema: schema, poolSize: 1))
            let outcome = await attempt { try await database.withConnection { try await body($0) } }
            await database.shutdown()
            try outcome.get()
        }
    }

    private func prepared(_ db: any SQLDatabase, containing text: String) async throws -> Int {
        let rows = try await db.raw(
            "SELECT name FROM pg_prepared_statements WHERE statement LIKE \(bind: "%" + text + "%")"
        ).all()
        return rows.count
    }

    @Test("A statement run a few times is prepared once and answers the same each time; a one-off is not prepared")
    func oftenRunStatementsArePrepared() async throws {
        try await onOneConnection { db in
            try await db.raw("CREATE TABLE kept (id BIGINT PRIMARY KEY, label TEXT NOT NULL)").run()
            for id in 1...20 {
                try await db.raw("INSERT INTO kept (id, label) VALUES (\(bind: id), \(bind: "row \(id)"))").run()
            }
            for id in 1...20 {
                let row = try #require(try await db.raw("SELECT label FROM kept WHERE id = \(bind: id)").first())
                #expect(try row.decode(column: "label", as: String.self) == "row \(id)")
            }
            #expect(try await prepared(db, containing: "SELECT label FROM kept") == 1)
            #expect(try await prepared(db, containing: "INSERT INTO kept") == 1)
            _ = try await db.raw("SELECT count(*) AS once_only FROM kept").first()
            #expect(try await prepared(db, containing: "once_only") == 0)
            // Transaction control and DDL are never named.
            #expect(try await prepared(db, containing: "CREATE TABLE") == 0)
        }
    }

    @Test("Every connection runs with just-in-time compilation off, so no short read pays to compile itself")
    func connectionsRunWithoutJIT() async throws {
        try await onOneConnection { db in
            let row = try #require(try await db.raw("SELECT current_setting('jit') AS jit").first())
            #expect(try row.decode(column: "jit", as: String.self) == "off")
        }
    }

    @Test("Text, whole and real numbers, flags and nulls read back exactly from a prepared statement")
    func valuesRoundTrip() async throws {
        let texts = [
            "plain", "", "e\u{301}e\u{301} combining", "\u{202E}bidi\u{202C} override", "emoji 👩🏽‍⚕️",
            String(repeating: "long ", count: 2_000),
        ]
        try await onOneConnection { db in
            for _ in 0..<3 {
                for text in texts {
                    let row = try #require(try await db.raw("SELECT \(bind: text)::text AS t").first())
                    #expect(try row.decode(column: "t", as: String.self) == text)
                }
                for number in [Int.min, -1, 0, 1, Int.max] {
                    let row = try #require(try await db.raw("SELECT \(bind: number)::bigint AS n").first())
                    #expect(try row.decode(column: "n", as: Int.self) == number)
                }
                for real in [0.0, -0.0, 5e-324, 1e21, -2.5] {
                    let row = try #require(try await db.raw("SELECT \(bind: real)::float8 AS r").first())
                    #expect(try row.decode(column: "r", as: Double.self) == real)
                }
                for flag in [true, false] {
                    let row = try #require(try await db.raw("SELECT \(bind: flag)::boolean AS f").first())
                    #expect(try row.decode(column: "f", as: Bool.self) == flag)
                }
                let missing: String? = nil
                let row = try #require(
                    try await db.raw("SELECT \(bind: missing)::text AS m, \(bind: "x")::text AS x").first())
                #expect(try row.decodeNil(column: "m"))
                #expect(try row.decode(column: "x", as: String.self) == "x")
            }
            #expect(try await prepared(db, containing: "AS t") == 1)
        }
    }

    @Test("A prepared statement the database refuses leaves the connection and the statement usable")
    func refusedStatementLeavesNothingBroken() async throws {
        try await onOneConnection { db in
            try await db.raw("CREATE TABLE once (id BIGINT PRIMARY KEY)").run()
            for id in 1...5 { try await db.raw("INSERT INTO once (id) VALUES (\(bind: id))").run() }
            await #expect(throws: (any Error).self) {
                try await db.raw("INSERT INTO once (id) VALUES (\(bind: 3))").run()
            }
            try await db.raw("INSERT INTO once (id) VALUES (\(bind: 6))").run()
            let row = try #require(try await db.raw("SELECT count(*) AS c FROM once").first())
            #expect(try row.decode(column: "c", as: Int.self) == 6)
        }
    }

    @Test("A statement first met inside a failed transaction still runs once the transaction is rolled back")
    func preparationInAnAbortedTransactionDoesNotStick() async throws {
        try await onOneConnection { db in
            try await db.raw("CREATE TABLE later (id BIGINT PRIMARY KEY)").run()
            // Three runs qualify the statement for a name; the third is inside an aborted transaction, so its
            // preparation fails.
            for id in 1...2 { _ = try await db.raw("SELECT id FROM later WHERE id = \(bind: id)").all() }
            try await db.raw("BEGIN").run()
            await #expect(throws: (any Error).self) { try await db.raw("SELECT 1 / 0 AS broken").run() }
            await #expect(throws: (any Error).self) {
                _ = try await db.raw("SELECT id FROM later WHERE id = \(bind: 3)").all()
            }
            try await db.raw("ROLLBACK").run()
            try await db.raw("INSERT INTO later (id) VALUES (\(bind: 4))").run()
            for _ in 0..<4 {
                let rows = try await db.raw("SELECT id FROM later WHERE id = \(bind: 4)").all()
                #expect(try rows.map { try $0.decode(column: "id", as: Int.self) } == [4])
            }
        }
    }
}
