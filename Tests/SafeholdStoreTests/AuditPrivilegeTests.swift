import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// On PostgreSQL the server connects as an application role granted by `safehold migrate
/// --grant-app-role`: it may INSERT and SELECT on `audit_log` and `audit_receipts`, nothing else there, even
/// when the owner has disabled the triggers. (The test user must be allowed to create roles.)
@Suite("The PostgreSQL application role")
struct AuditPrivilegeTests {
    /// The PostgreSQL URL with another user and password.
    static func url(as role: String, password: String) throws -> String {
        let base = try #require(TestBackend.postgresURL)
        var components = try #require(URLComponents(string: base))
        components.user = role
        components.password = password
        return try #require(components.string)
    }

    @Test(
        "The application role may only INSERT and SELECT on audit_log, even with the triggers disabled",
        .enabled(if: TestBackend.postgresURL != nil))
    func applicationRoleCannotRewrite() async throws {
        try await withWorld(.postgres) { w in
            guard case .postgres(_, let schema?, _) = w.env.location else { throw CancellationError() }
            let role = "t_app_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
            try await w.env.execute("CREATE ROLE \(role) LOGIN PASSWORD 'app-test-only'")
            let outcome = await attempt { try await Self.exercise(w, role: role, schema: schema) }
            for sql in [
                "REVOKE ALL ON ALL TABLES IN SCHEMA \(schema) FROM \(role)",
                "REVOKE ALL ON ALL SEQUENCES IN SCHEMA \(schema) FROM \(role)",
                "REVOKE ALL ON SCHEMA \(schema) FROM \(role)", "DROP ROLE \(role)",
            ] {
                try await w.env.execute(sql)
            }
            try outcome.get()
        }
    }

    static func exercise(_ w: World, role: String, schema: String) async throws {
        let owner = ApplicationRole(database: w.env.database)
        try await owner.grant(to: role)
        try await owner.grant(to: role)  // again, as after the next upgrade: the same rights
        #expect(try await owner.auditLogRightsBeyondAppend().contains("owner of audit_log"))
        #expect(try await owner.auditLogRightsBeyondAppend().contains("owner of audit_receipts"))

        let appDatabase = try Database(
            .postgres(
                url: try url(as: role, password: "app-test-only"), schema: schema,
                poolSize: 1))
        let outcome = await attempt {
            let app = Store(database: appDatabase, auditKey: testAuditKey, clock: w.env.clock)
            #expect(try await ApplicationRole(database: appDatabase).auditLogRightsBeyondAppend() == [])
            // The application works: writes, audited reads, verification.
            let child = try await app.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            _ = try await app.openPerson(child.id, context: w.ctx(w.alice))
            let before = try await w.env.storedAudit()
            #expect(try await app.audit.verify() == .intact(entries: before.count))

            // The owner disables the triggers; the application role still cannot rewrite the log.
            try await w.env.execute("ALTER TABLE audit_log DISABLE TRIGGER USER")
            try await w.env.execute("ALTER TABLE audit_receipts DISABLE TRIGGER USER")
            let attempts = [
                "UPDATE audit_receipts SET people = ''", "DELETE FROM audit_receipts", "TRUNCATE audit_receipts",
                "ALTER TABLE audit_receipts ENABLE TRIGGER USER", "DROP TABLE audit_receipts",
                "UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 3",
                "DELETE FROM audit_log WHERE seq = \(before.count)",
                "TRUNCATE audit_log",
                "ALTER TABLE audit_log ENABLE TRIGGER USER",
                "ALTER TABLE audit_log DISABLE TRIGGER ALL",
                "DROP TRIGGER audit_log_no_update ON audit_log",
                "DROP TABLE audit_log",
                "ALTER TABLE audit_log RENAME TO old_audit_log",
                "CREATE TABLE \(schema).audit_log_copy (seq BIGINT)",
                "SET session_replication_role = replica",
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'x', 'y')",
            ]
            for sql in attempts {
                let refusal = await attempt {
                    try await appDatabase.withConnection { try await $0.raw(SQLQueryString(sql)).run() }
                }
                guard case .failure(let error) = refusal else {
                    Issue.record("the application role was allowed: \(sql)")
                    continue
                }
                let text = String(reflecting: error)
                #expect(
                    text.contains("42501") || text.contains("permission denied") || text.contains("must be owner"),
                    "\(sql) was refused for another reason: \(text)")
            }
            try await w.env.execute("ALTER TABLE audit_log ENABLE TRIGGER USER")
            try await w.env.execute("ALTER TABLE audit_receipts ENABLE TRIGGER USER")
            #expect(try await w.env.storedAudit() == before)
            #expect(try await app.audit.verify() == .intact(entries: before.count))
        }
        await appDatabase.shutdown()
        try outcome.get()
    }

    @Test(
        "Granting refuses a superuser, the owner itself, a missing role, an odd name and SQLite",
        arguments: TestBackend.all)
    func grantRefusals(_ backend: TestBackend) async throws {
        try await withFreshStore(backend) { env in
            let grants = ApplicationRole(database: env.database)
            let me = TestBackend.postgresURL.flatMap { URLComponents(string: $0)?.user } ?? "safehold"
            let names =
                backend == .sqlite
                ? ["safehold_app"]
                : ["postgres", me, "t_no_such_role_\(UInt32.random(in: 0...UInt32.max))", "app\"; DROP TABLE x"]
            for name in names {
                #expect(await throwsSomething { try await grants.grant(to: name) }, "granted to \(name)")
            }
            let expected: [String] =
                backend == .sqlite
                ? []
                : ["audit_log", "audit_receipts", "audit_receipt_people"].flatMap { table in
                    ["owner of", "UPDATE on", "DELETE on", "TRUNCATE on"].map { "\($0) \(table)" }
                }
            let rights = try await grants.auditLogRightsBeyondAppend()
            #expect(rights == expected)
        }
    }
}
