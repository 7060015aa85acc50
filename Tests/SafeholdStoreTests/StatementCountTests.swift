import Foundation
import MetricsTestKit
import SQLKit
import SafeholdStore
import Testing

/// `safehold_db_statements_total` counts what the store sends to the database: on PostgreSQL each statement is a
/// round trip, so the count says what a page costs in them.
@Suite struct StatementCountTests {
    @Test(
        "Every statement is counted, a read's and a transaction's with its BEGIN and COMMIT", arguments: TestBackend.all
    )
    func statementsAreCounted(_ backend: TestBackend) async throws {
        let metrics = TestMetrics()
        try await withFreshStore(backend, metrics: StoreMetrics(factory: metrics)) { env in
            let counter = try metrics.expectCounter("safehold_db_statements_total")
            let before = counter.totalValue
            try await env.database.reading { db in
                _ = try await db.raw("SELECT 1 AS one").all()
                _ = try await db.raw("SELECT 2 AS two").all()
            }
            #expect(counter.totalValue - before == 2)
            try await env.database.transaction { db in _ = try await db.raw("SELECT 3 AS three").all() }
            #expect(counter.totalValue - before == 5)
            await #expect(throws: (any Error).self) {
                try await env.database.reading { db in _ = try await db.raw("SELECT * FROM no_such_table").all() }
            }
            #expect(counter.totalValue - before == 6, "a statement the database refuses was still sent")
        }
    }
}
