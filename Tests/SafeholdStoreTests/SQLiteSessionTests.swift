import Foundation
import MetricsTestKit
import SQLKit
import SafeholdStore
import Testing

/// The store's own SQLite connection: statements kept and run again, reads on the request's thread within a time
/// budget, and values that read back exactly as they were written.
@Suite struct SQLiteSessionTests {
    /// A fresh database file in a scratch folder, closed and removed after `body`.
    static func withDatabase(
        metrics: StoreMetrics = StoreMetrics(), _ body: (Database) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-session-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try Database(.sqlite(path: folder.appendingPathComponent("test.sqlite").path), metrics: metrics)
        do {
            try await body(database)
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    static let countTo3M: SQLQueryString = """
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) \
        SELECT count(*) AS c, sum(i) AS s FROM n
        """

    @Test("A read that outruns its time on the request's thread runs again on the database's threads, whole")
    func longReadMovesToTheDatabaseThreads() async throws {
        let metrics = TestMetrics()
        try await Self.withDatabase(metrics: StoreMetrics(factory: metrics)) { database in
            try await database.withConnection { db in
                let row = try #require(try await db.raw(Self.countTo3M).first())
                #expect(try row.decode(column: "c", as: Int.self) == 3_000_000)
                #expect(try row.decode(column: "s", as: Int.self) == 3_000_000 * 3_000_001 / 2)
                // The connection the read was stopped on goes on answering.
                let next = try #require(try await db.raw("SELECT 41 + 1 AS v").first())
                #expect(try next.decode(column: "v", as: Int.self) == 42)
            }
        }
        #expect(try metrics.expectCounter("safehold_db_reads_moved_total").totalValue == 1)
    }

    @Test("Short reads are not moved (but for the odd one a busy machine pauses past the watchdog's 2 ms)")
    func shortReadStays() async throws {
        let metrics = TestMetrics()
        try await Self.withDatabase(metrics: StoreMetrics(factory: metrics)) { database in
            for value in 0..<50 {
                let row = try await database.withConnection { db in
                    try await db.raw("SELECT \(bind: value) AS v").first()
                }
                #expect(try row?.decode(column: "v", as: Int.self) == value)
            }
        }
        // The whole suite runs in parallel on two cores: a thread can be descheduled mid-read. Every read moved (or
        // most) would mean the watchdog moves reads that are short.
        #expect(try metrics.expectCounter("safehold_db_reads_moved_total").totalValue <= 3)
    }

    @Test("A long write in a transaction is never stopped part way: every row lands")
    func longWriteIsNeverInterrupted() async throws {
        let metrics = TestMetrics()
        try await Self.withDatabase(metrics: StoreMetrics(factory: metrics)) { database in
            try await database.withConnection { db in try await db.raw("CREATE TABLE t (i INTEGER)").run() }
            try await database.transaction { db in
                try await db.raw(
                    """
                    INSERT INTO t (i) \
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) SELECT i FROM n
                    """
                ).run()
            }
            // Nothing was moved: the insert ran in place and was never interrupted (checked before the count below,
            // a read of a million rows that may itself take long enough to be moved on a busy machine).
            #expect(try metrics.expectCounter("safehold_db_reads_moved_total").totalValue == 0)
            let row = try await database.withConnection { db in
                try await db.raw("SELECT count(*) AS c FROM t").first()
            }
            #expect(try row?.decode(column: "c", as: Int.self) == 1_000_000)
        }
    }

    @Test("A statement kept from before a schema change reads the columns the table has now")
    func keptStatementSeesNewColumns() async throws {
        try await Self.withDatabase { database in
            try await database.withConnection { db in
                try await db.raw("CREATE TABLE t (a INTEGER)").run()
                try await db.raw("INSERT INTO t (a) VALUES (1)").run()
                let before = try await db.raw("SELECT * FROM t").first()?.allColumns
                #expect(before == ["a"])
                try await db.raw("ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'x'").run()
                let row = try #require(try await db.raw("SELECT * FROM t").first())
                #expect(row.allColumns == ["a", "b"])
                #expect(try row.decode(column: "b", as: String.self) == "x")
            }
        }
    }

    @Test("More distinct statements than a connection keeps still run, each with its own answer")
    func statementsPastTheCacheStillRun() async throws {
        try await Self.withDatabase { database in
            try await database.withConnection { db in
                for round in 0..<2 {
                    for value in 0..<300 {
                        let sql = SQLQueryString("SELECT \(unsafeRaw: String(value)) + \(bind: round) AS v")
                        let answer = try await db.raw(sql).first()?.decode(column: "v", as: Int.self)
                        #expect(answer == value + round)
                    }
                }
            }
        }
    }

    @Test("Text, numbers, blobs and nulls read back exactly as written")
    func valuesRoundTrip() async throws {
        let text = "Amina\u{0}Zoë e\u{301} \u{202E}dlihc\u{202C} 子供 👩🏽‍👧"
        let blob = Data([0, 1, 2, 255, 0, 128])
        try await Self.withDatabase { database in
            try await database.withConnection { db in
                try await db.raw("CREATE TABLE v (t TEXT, i INTEGER, r REAL, b BLOB, n TEXT)").run()
                try await db.raw(
                    """
                    INSERT INTO v VALUES \
                    (\(bind: text), \(bind: Int.max), \(bind: -0.125), \(bind: blob), \(bind: String?.none))
                    """
                ).run()
                let row = try #require(try await db.raw("SELECT * FROM v").first())
                #expect(try row.decode(column: "t", as: String.self) == text)
                #expect(try row.decode(column: "i", as: Int.self) == Int.max)
                #expect(try row.decode(column: "r", as: Double.self) == -0.125)
                #expect(try row.decode(column: "b", as: Data.self) == blob)
                #expect(try row.decodeNil(column: "n"))
                #expect(!row.contains(column: "missing"))
                #expect(throws: (any Error).self) { try row.decode(column: "missing", as: String.self) }
            }
        }
    }

    @Test("Thousands of text and blob values in one statement, empty ones too, read back exactly, and again")
    func manyBoundValuesRoundTrip() async throws {
        func rows(_ round: Int) -> [(String, Data)] {
            (0..<2_000).map { i in
                let text =
                    switch i % 5 {
                    case 0: ""
                    case 1: "Zoe\u{0308} \u{202E}\(round)-\(i)\u{202C}"
                    case 2: String(repeating: "a\u{301}", count: i % 97) + "\(round)"
                    case 3: "\(i)\u{0}\(round) 子供 👩🏽‍👧"
                    default: String(repeating: "x", count: 40_000 + i)
                    }
                return (text, Data((0..<(i % 7)).map { UInt8(($0 + i + round) % 256) }))
            }
        }
        try await Self.withDatabase { database in
            try await database.withConnection { db in
                try await db.raw("CREATE TABLE v (n INTEGER, t TEXT, b BLOB)").run()
                for round in 0..<2 {
                    let written = rows(round)
                    try await db.raw("DELETE FROM v").run()
                    // The same statement each round: a kept statement is bound with the new values.
                    for chunk in stride(from: 0, to: written.count, by: 500) {
                        let values = written[chunk..<chunk + 500].enumerated().map { offset, row in
                            SQLQueryString("(\(bind: chunk + offset), \(bind: row.0), \(bind: row.1))")
                        }
                        try await db.raw("INSERT INTO v VALUES \(values.joined(separator: ", "))").run()
                    }
                    let read = try await db.raw("SELECT t, b, typeof(t) AS tt, typeof(b) AS tb FROM v ORDER BY n")
                        .all()
                    #expect(read.count == written.count)
                    for (row, expected) in zip(read, written) {
                        #expect(try row.decode(column: "t", as: String.self) == expected.0)
                        #expect(try row.decode(column: "b", as: Data.self) == expected.1)
                        #expect(try row.decode(column: "tt", as: String.self) == "text")
                        #expect(try row.decode(column: "tb", as: String.self) == "blob")
                    }
                }
                // A bound value read straight back is copied out before its buffer is freed.
                let echo = try #require(try await db.raw("SELECT \(bind: "Amina Zoe\u{0308}") AS e").first())
                #expect(try echo.decode(column: "e", as: String.self) == "Amina Zoe\u{0308}")
            }
        }
    }

    @Test("A refused statement says why and leaves the connection usable")
    func refusalLeavesConnectionUsable() async throws {
        try await Self.withDatabase { database in
            try await database.withConnection { db in
                try await db.raw("CREATE TABLE u (k TEXT UNIQUE)").run()
                try await db.raw("INSERT INTO u VALUES ('a')").run()
                let failure = await #expect(throws: SQLiteFailure.self) {
                    try await db.raw("INSERT INTO u VALUES ('a')").run()
                }
                #expect(failure?.isUniqueViolation == true)
                await #expect(throws: SQLiteFailure.self) { try await db.raw("SELEC nonsense").run() }
                let count = try await db.raw("SELECT count(*) AS c FROM u").first()?.decode(column: "c", as: Int.self)
                #expect(count == 1)
            }
        }
    }

    @Test("A bulk transaction's larger page cache and in-memory statement journals are put back after it")
    func bulkTransactionPutsTheCacheBack() async throws {
        func pragma(_ db: any SQLDatabase, _ name: String) async throws -> Int {
            try #require(try await db.raw(SQLQueryString("PRAGMA \(name)")).first()).decode(column: name, as: Int.self)
        }
        func cacheSize(_ db: any SQLDatabase) async throws -> Int {
            // A connection's memory for temporary files is put back with it (0: SQLite's default, a file).
            #expect(try await pragma(db, "temp_store") == 0)
            return try await pragma(db, "cache_size")
        }
        try await Self.withDatabase { database in
            try await database.bulkTransaction { db in
                #expect(try await pragma(db, "cache_size") == -524_288)
                #expect(try await pragma(db, "temp_store") == 2)
                try await db.raw("CREATE TABLE loaded (k INTEGER)").run()
            }
            await #expect(throws: (any Error).self) {
                try await database.bulkTransaction { db in
                    try await db.raw("INSERT INTO loaded VALUES (1)").run()
                    try await db.raw("INSERT INTO missing VALUES (1)").run()
                }
            }
            // Several at once, so the pool lends every connection it has.
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<24 { group.addTask { try await database.withConnection { try await cacheSize($0) } } }
                for try await size in group { #expect(size == -32_768) }
            }
            let rows = try await database.withConnection { try await $0.raw("SELECT k FROM loaded").all() }
            #expect(rows.isEmpty, "the failed load left nothing")
        }
    }
}
