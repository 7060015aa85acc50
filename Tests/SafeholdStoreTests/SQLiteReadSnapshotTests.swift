import Foundation
import MetricsTestKit
import SQLKit
import SafeholdStore
import Testing

/// `Database.reading` on SQLite: one read transaction for all of a read's statements, which may not write.
@Suite struct SQLiteReadSnapshotTests {
    private static func count(_ db: any SQLDatabase) async throws -> Int {
        try #require(try await db.raw("SELECT count(*) AS c FROM t").first()).decode(column: "c", as: Int.self)
    }

    private static func withTable(
        metrics: StoreMetrics = StoreMetrics(), _ body: (Database) async throws -> Void
    )
        async throws
    {
        try await SQLiteSessionTests.withDatabase(metrics: metrics) { database in
            try await database.transaction { db in
                try await db.raw("CREATE TABLE t (i INTEGER)").run()
                try await db.raw("INSERT INTO t (i) VALUES (1)").run()
            }
            try await body(database)
        }
    }

    @Test("A read's statements see one snapshot: a write committed between them shows only in the next read")
    func oneSnapshotForAllOfARead() async throws {
        try await Self.withTable { database in
            try await database.reading { db in
                #expect(try await Self.count(db) == 1)
                try await database.transaction { db in try await db.raw("INSERT INTO t (i) VALUES (2)").run() }
                #expect(try await Self.count(db) == 1)
            }
            #expect(try await database.reading { db in try await Self.count(db) } == 2)
        }
    }

    @Test("A statement that writes inside a read is refused, changes nothing, and the connection goes on")
    func aWriteInsideAReadIsRefused() async throws {
        try await Self.withTable { database in
            for statement: SQLQueryString in [
                "INSERT INTO t (i) VALUES (3)", "UPDATE t SET i = 9", "DELETE FROM t", "COMMIT", "BEGIN IMMEDIATE",
                "ROLLBACK", "SAVEPOINT s",
            ] {
                await #expect(throws: (any Error).self) {
                    try await database.reading { db in
                        #expect(try await Self.count(db) == 1)
                        try await db.raw(statement).run()
                    }
                }
            }
            // Every pooled connection is back out of its transaction: a write and a read both go through.
            for value in 10..<30 {
                try await database.transaction { db in
                    try await db.raw("INSERT INTO t (i) VALUES (\(bind: value))").run()
                }
            }
            let rows = try await database.reading { db in
                try await db.raw("SELECT count(*) AS c, max(i) AS m FROM t").all()
            }
            #expect(try rows.first?.decode(column: "c", as: Int.self) == 21)
            #expect(try rows.first?.decode(column: "m", as: Int.self) == 29)
        }
    }

    @Test("A long read moved to the database's threads stays in its read's snapshot")
    func aMovedReadKeepsTheSnapshot() async throws {
        let metrics = TestMetrics()
        try await Self.withTable(metrics: StoreMetrics(factory: metrics)) { database in
            try await database.reading { db in
                #expect(try await Self.count(db) == 1)
                try await database.transaction { db in try await db.raw("INSERT INTO t (i) VALUES (2)").run() }
                let long = try #require(try await db.raw(SQLiteSessionTests.countTo3M).first())
                #expect(try long.decode(column: "c", as: Int.self) == 3_000_000)
                #expect(try await Self.count(db) == 1)
            }
        }
        #expect(try metrics.expectCounter("safehold_db_reads_moved_total").totalValue == 1)
    }
}
