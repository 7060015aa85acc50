import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// The reporting copy (`Store.readDatabase`): the heavy reads go to it, the audit entries do not, and when it
/// cannot be reached the reads fall back to the primary. The copy here is a second pool onto the same schema,
/// connected as a role that may only SELECT and named by its `application_name`, so whatever it ran can be
/// seen in `pg_stat_activity` and any write through it would be refused.
@Suite("Reporting copy")
struct ReadCopyTests {
    @Test(
        "The census, performance and search reads go to the reporting copy; the audit entries land on the primary",
        .enabled(if: TestBackend.postgresURL != nil))
    func heavyReadsGoToTheCopy() async throws {
        try await withWorld(.postgres) { w in
            _ = try await PerformanceFixture.load(w)
            let analyst = try await w.env.createUser(
                "pa.pat", "Pat Analyst", role: .performanceAnalyst, agency: w.council, team: nil)
            guard case .postgres(_, let schema?, _) = w.env.location else { throw CancellationError() }
            let role = "t_ro_" + UUID().uuidString.prefix(8).lowercased()
            let name = "safehold-test-reads-\(role)"
            for sql in [
                "CREATE ROLE \(role) LOGIN PASSWORD 'read-copy-test-only'",
                "GRANT USAGE ON SCHEMA \(schema) TO \(role)",
                "GRANT SELECT ON ALL TABLES IN SCHEMA \(schema) TO \(role)",
            ] {
                try await w.env.execute(sql)
            }
            let copy = try Database(
                .postgres(
                    url: try AuditPrivilegeTests.url(as: role, password: "read-copy-test-only"), schema: schema,
                    poolSize: 2),
                applicationName: name)
            let outcome = await attempt {
                let store = Store(
                    database: w.env.database, readDatabase: copy, auditKey: testAuditKey, clock: w.env.clock)
                #expect(store.hasReadCopy)
                let before = try await w.env.count("audit_log")
                let viaCopy = try await store.performanceFigures(
                    period: PerformanceFixture.period, context: w.ctx(analyst))
                let viaPrimary = try await w.store.performanceFigures(
                    period: PerformanceFixture.period, context: w.ctx(analyst))
                for measure in PerformanceMeasure.allCases {
                    #expect(viaCopy.count(measure, .service) == viaPrimary.count(measure, .service), "\(measure)")
                }
                _ = try await store.censusCheck(
                    year: 2025, settings: CensusFixture.settings, context: w.ctx(analyst))
                let found = try await store.search(PersonQuery(text: "Ann"), context: w.ctx(w.alice))
                let foundOnPrimary = try await w.store.search(PersonQuery(text: "Ann"), context: w.ctx(w.alice))
                #expect(!found.isEmpty && found.map(\.id) == foundOnPrimary.map(\.id))
                #expect(try await w.env.count("audit_log") > before + 4, "the reads were audited, by the primary")
                let ran = try await w.env.database.withConnection { db in
                    try await db.raw(
                        "SELECT query FROM pg_stat_activity WHERE application_name = \(bind: name)"
                    ).all().map { try $0.decode(column: "query", as: String.self) }
                }
                #expect(!ran.isEmpty, "the copy's pool was used")
                #expect(ran.allSatisfy { !$0.contains("audit_log") })
                #expect(await store.replicaLag() == 0, "a server that is not a standby is never behind")
                guard case .intact = try await store.audit.verify() else {
                    Issue.record("the audit chain does not verify")
                    return
                }
            }
            await copy.shutdown()
            for sql in [
                "REVOKE ALL ON ALL TABLES IN SCHEMA \(schema) FROM \(role)",
                "REVOKE ALL ON SCHEMA \(schema) FROM \(role)", "DROP ROLE \(role)",
            ] {
                try await w.env.execute(sql)
            }
            try outcome.get()
        }
    }

    @Test(
        "With the reporting copy unreachable the heavy reads fall back to the primary and no lag is shown",
        .enabled(if: TestBackend.postgresURL != nil))
    func unreachableCopyFallsBack() async throws {
        try await withWorld(.postgres) { w in
            _ = try await PerformanceFixture.load(w)
            let analyst = try await w.env.createUser(
                "pa.pat", "Pat Analyst", role: .performanceAnalyst, agency: w.council, team: nil)
            let copy = try Database(.postgres(url: "postgres://nobody:none@127.0.0.1:1/none", poolSize: 1))
            let outcome = await attempt {
                let store = Store(
                    database: w.env.database, readDatabase: copy, auditKey: testAuditKey, clock: w.env.clock)
                let figures = try await store.performanceFigures(
                    period: PerformanceFixture.period, context: w.ctx(analyst))
                #expect(figures.count(.assessments, .service) == PerformanceFigures.Count(met: 3, total: 4))
                _ = try await store.censusCheck(year: 2025, settings: CensusFixture.settings, context: w.ctx(analyst))
                #expect(!(try await store.search(PersonQuery(text: "Ann"), context: w.ctx(w.alice))).isEmpty)
                #expect(await store.replicaLag() == nil)
            }
            await copy.shutdown()
            try outcome.get()
        }
    }
}
