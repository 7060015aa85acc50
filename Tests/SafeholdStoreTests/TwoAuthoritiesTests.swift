import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Two authorities on one PostgreSQL server, one schema each (docs/scaling.md): each runs as its own
/// application role, granted on its own schema only, with the schema as its search path. Everything an
/// authority's store does then succeeds inside its schema, and a query reaching into the other schema is
/// refused by the database, so none of the work below can have crossed.
@Suite("Two authorities in one PostgreSQL")
struct TwoAuthoritiesTests {
    /// One authority as its server runs it: the store on its application role, and its world's people.
    struct Authority {
        let world: World
        let schema: String
        let role: String
        let database: Database
        var store: Store { Store(database: database, auditKey: testAuditKey, clock: world.env.clock) }
    }

    @Test(
        "Each authority finds and opens only its own children, audits only in its own log, and cannot reach the other",
        .enabled(if: TestBackend.postgresURL != nil))
    func authoritiesDoNotCross() async throws {
        try await withWorld(.postgres) { north in
            try await withWorld(.postgres) { south in
                var opened: [Authority] = []
                let outcome = await attempt {
                    let a = try await Self.authority(north)
                    opened.append(a)
                    let b = try await Self.authority(south)
                    opened.append(b)
                    try await Self.exercise(a, b)
                }
                for authority in opened {
                    await authority.database.shutdown()
                    try await Self.dropRole(authority)
                }
                try outcome.get()
            }
        }
    }

    /// The authority's own application role, granted on its schema only, and a store connected as it.
    static func authority(_ world: World) async throws -> Authority {
        guard case .postgres(_, let schema?, _) = world.env.location else { throw CancellationError() }
        let role = "t_la_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try await world.env.execute("CREATE ROLE \(role) LOGIN PASSWORD 'authority-test-only'")
        try await ApplicationRole(database: world.env.database).grant(to: role)
        let database = try Database(
            .postgres(
                url: try AuditPrivilegeTests.url(as: role, password: "authority-test-only"), schema: schema,
                poolSize: 1))
        return Authority(world: world, schema: schema, role: role, database: database)
    }

    static func exercise(_ a: Authority, _ b: Authority) async throws {
        let (north, south) = (a.world, b.world)
        let amelia = try await a.store.createPerson(
            Synthetic.child("Amelia", "Northshire"), context: north.ctx(north.alice))
        let bella = try await b.store.createPerson(
            Synthetic.child("Bella", "Southshire"), context: south.ctx(south.alice))
        // Each finds its own child, and not the other's, by name and by id.
        #expect(
            try await a.store.search(PersonQuery(text: "Amelia Northshire"), context: north.ctx(north.alice)).map(\.id)
                == [amelia.id])
        #expect(
            try await a.store.search(PersonQuery(text: "Bella Southshire"), context: north.ctx(north.alice)).isEmpty)
        #expect(
            try await b.store.search(PersonQuery(text: "Amelia Northshire"), context: south.ctx(south.alice)).isEmpty)
        _ = try await a.store.openPerson(amelia.id, context: north.ctx(north.alice))
        #expect(await throwsSomething { try await a.store.openPerson(bella.id, context: north.ctx(north.alice)) })
        #expect(await throwsSomething { try await b.store.openPerson(amelia.id, context: south.ctx(south.alice)) })
        // Each log holds only its own authority's entries, and each chain verifies on its own.
        let northAudit = try await a.store.audit.recent(limit: 1000)
        let southAudit = try await b.store.audit.recent(limit: 1000)
        let northPeople = Set(northAudit.compactMap(\.event.personId))
        let southPeople = Set(southAudit.compactMap(\.event.personId))
        #expect(northPeople.contains(amelia.id) && !northPeople.contains(bella.id))
        #expect(southPeople.contains(bella.id) && !southPeople.contains(amelia.id))
        guard case .intact = try await a.store.audit.verify(), case .intact = try await b.store.audit.verify() else {
            Issue.record("an authority's audit chain did not verify")
            return
        }
        // A query naming the other authority's schema is refused by the database, whichever way it goes.
        for (from, other) in [(a, b), (b, a)] {
            for sql in [
                "SELECT count(*) FROM \(other.schema).persons", "SELECT count(*) FROM \(other.schema).audit_log",
                "INSERT INTO \(other.schema).teams (id, name) VALUES ('x', 'y')",
            ] {
                let refusal = await attempt {
                    try await from.database.withConnection { try await $0.raw(SQLQueryString(sql)).run() }
                }
                guard case .failure(let error) = refusal else {
                    Issue.record("\(from.role) reached the other authority: \(sql)")
                    continue
                }
                let text = String(reflecting: error)
                #expect(text.contains("42501") || text.contains("permission denied"), "\(sql): \(text)")
            }
        }
    }

    static func dropRole(_ authority: Authority) async throws {
        let (schema, role) = (authority.schema, authority.role)
        for sql in [
            "REVOKE ALL ON ALL TABLES IN SCHEMA \(schema) FROM \(role)",
            "REVOKE ALL ON ALL SEQUENCES IN SCHEMA \(schema) FROM \(role)",
            "REVOKE ALL ON SCHEMA \(schema) FROM \(role)", "DROP ROLE \(role)",
        ] {
            try await authority.world.env.execute(sql)
        }
    }
}
