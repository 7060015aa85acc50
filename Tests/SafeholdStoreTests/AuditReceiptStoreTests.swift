import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Bulk reads audited as one entry with a receipt (migration 24): the census writes one entry, its receipt names
/// the children carried, each of those children's access logs shows the entry and nobody else's does, and a
/// receipt changed, removed or added behind the database's back is found by `audit verify` at its entry.
@Suite struct AuditReceiptStoreTests {
    /// The newest entry, which must name a receipt, and the receipt's stored text.
    static func newestReceipt(_ w: World) async throws -> (entry: AuditEntry, people: String) {
        let entry = try #require(try await w.env.recentAudit(1).first)
        let people = try await w.env.database.withConnection { db in
            try await db.raw("SELECT people FROM audit_receipts WHERE seq = \(bind: entry.seq)").first()?
                .decode(column: "people", as: String.self)
        }
        return (entry, try #require(people))
    }

    static func accessLogSeqs(_ w: World, of person: UUID, before: Int? = nil) async throws -> [Int] {
        try await w.store.accessLog(of: person, before: before, context: w.ctx(w.dpo)).lines.map(\.entry.seq)
    }

    @Test(
        "The export writes one entry with a receipt; a child carried sees it in their access log, others do not",
        arguments: TestBackend.all)
    func exportReceiptInTheAccessLog(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let a = try await CensusStoreTests.authority(w)
            let (entries, receipts) = (try await w.env.count("audit_log"), try await w.env.count("audit_receipts"))
            let (run, _) = try await w.store.censusExport(
                year: 2025, settings: CensusFixture.settings, allowErrors: false, context: w.ctx(a.f.analyst))
            #expect(try await w.env.count("audit_log") == entries + 1, "one entry for the whole return")
            #expect(try await w.env.count("audit_receipts") == receipts + 1)
            let (entry, people) = try await Self.newestReceipt(w)
            let carried = run.census.children.compactMap(\.personId)
            #expect(Set(carried) == [a.ava, a.bea, a.eve])
            let receipt = AuditReceipt(people: carried)
            #expect(entry.event.receipt == receipt.digest && people == receipt.text)
            #expect(entry.event.personId == nil && entry.event.actorId == a.f.analyst.id)
            #expect(entry.event.detail == "return \(run.year): 3 children, 0 errors")

            for child in [a.ava, a.bea, a.eve] {
                #expect(try await Self.accessLogSeqs(w, of: child).contains(entry.seq), "carried: \(child)")
                #expect(try await w.store.audit.entries(forPerson: child).contains { $0.seq == entry.seq })
                // The cursor and order hold: a page older than the entry does not show it, the next one up does.
                #expect(try await !Self.accessLogSeqs(w, of: child, before: entry.seq).contains(entry.seq))
                let page = try await Self.accessLogSeqs(w, of: child, before: entry.seq + 1)
                #expect(page.first == entry.seq && page == page.sorted(by: >))
            }
            for other in [a.cal, a.dan] {
                #expect(try await !Self.accessLogSeqs(w, of: other).contains(entry.seq), "not carried: \(other)")
                let entries = try await w.store.audit.entries(forPerson: other)
                #expect(entries.allSatisfy { $0.event.entityType != "census" })
            }
            #expect(try await w.store.audit.verify() == .intact(entries: try await w.env.count("audit_log")))
        }
    }

    @Test("The checks write one entry whose receipt names the children the findings name", arguments: TestBackend.all)
    func checksReceiptNamesTheFindings(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let a = try await CensusStoreTests.authority(w)
            let onAva = CensusRule("9003Q", "A test query on Ava twice") { ctx in
                ctx.census.children.indices.filter { ctx.census.children[$0].personId == a.ava }.flatMap {
                    [CensusPlace(child: $0, field: "UPN"), CensusPlace(child: $0, field: "Sex")]
                }
            }
            let before = try await w.env.count("audit_log")
            let run = try await w.store.censusCheck(
                year: 2025, settings: CensusFixture.settings, rules: [onAva], context: w.ctx(a.f.analyst))
            #expect(try await w.env.count("audit_log") == before + 1)
            let (entry, people) = try await Self.newestReceipt(w)
            #expect(people == AuditReceipt(people: [a.ava]).text)
            #expect(entry.event.detail == "checks \(run.year): 2 findings, 1 children named")
            #expect(try await Self.accessLogSeqs(w, of: a.ava).contains(entry.seq))
            #expect(try await !Self.accessLogSeqs(w, of: a.bea).contains(entry.seq))
        }
    }

    @Test("The database refuses to change, remove or add a receipt", arguments: TestBackend.all)
    func receiptsAreAppendOnly(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let a = try await CensusStoreTests.authority(w)
            _ = try await w.store.censusExport(
                year: 2025, settings: CensusFixture.settings, allowErrors: false, context: w.ctx(a.f.analyst))
            let (entry, people) = try await Self.newestReceipt(w)
            var attempts = [
                "UPDATE audit_receipts SET people = '' WHERE seq = \(entry.seq)",
                "DELETE FROM audit_receipts WHERE seq = \(entry.seq)",
                "INSERT INTO audit_receipts (seq, people) VALUES (1, 'x')",
                "INSERT INTO audit_receipts (seq, people) VALUES (\(entry.seq + 1000), 'x')",
                "INSERT INTO audit_receipts (seq, people) VALUES (\(entry.seq), 'x')",
            ]
            attempts.append(
                backend == .sqlite
                    ? "INSERT OR REPLACE INTO audit_receipts (seq, people) VALUES (\(entry.seq), 'x')"
                    : "TRUNCATE audit_receipts")
            for sql in attempts {
                #expect(await throwsSomething { try await w.env.execute(sql) }, "allowed: \(sql)")
            }
            #expect(try await Self.newestReceipt(w).people == people)
        }
    }

    @Test("A receipt changed, removed or added is found by verify at its entry", arguments: TestBackend.all)
    func tamperedReceiptsBreakVerification(_ backend: TestBackend) async throws {
        for tampering in ["change", "remove", "add"] {
            try await withWorld(backend) { w in
                let a = try await CensusStoreTests.authority(w)
                _ = try await w.store.censusExport(
                    year: 2025, settings: CensusFixture.settings, allowErrors: false, context: w.ctx(a.f.analyst))
                let (entry, people) = try await Self.newestReceipt(w)
                try await w.store.audit.record([w.env.system.event(.read, "person")])
                #expect(try await w.store.audit.verify() == .intact(entries: entry.seq + 1))
                try await AuditSQL.dropReceiptGuards(w.env)
                let expected: (seq: Int, words: String)
                switch tampering {
                case "change":
                    // Ava's line taken out: the list no longer hashes to the digest the sealed entry names.
                    let without = people.split(separator: "\n")
                        .filter { $0 != AuditReceipt.searchText(for: a.ava) }.joined(separator: "\n")
                    try await w.env.execute("UPDATE audit_receipts SET people = '\(without)' WHERE seq = \(entry.seq)")
                    expected = (entry.seq, "the receipt of entry \(entry.seq) has been altered")
                case "remove":
                    try await w.env.execute("DELETE FROM audit_receipts WHERE seq = \(entry.seq)")
                    expected = (entry.seq, "names a receipt that is missing")
                default:
                    try await w.env.execute("INSERT INTO audit_receipts (seq, people) VALUES (2, '\(people)')")
                    expected = (2, "names no receipt but one is stored for it")
                }
                try await expectBroken(w.store.audit.verify(), at: expected.seq, saying: expected.words)
                try await expectBroken(w.store.audit.verify(pageSize: 3), at: expected.seq, saying: expected.words)
            }
        }
    }
}
