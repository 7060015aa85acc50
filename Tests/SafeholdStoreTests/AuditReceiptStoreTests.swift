import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Bulk reads audited as one entry with a receipt (migrations 24 and 31): the census writes one entry, its receipt
/// names the children carried, each of those children's access logs shows the entry and nobody else's does, and a
/// receipt changed, removed or added behind the database's back is found by `audit verify` at its entry. A receipt
/// kept as text (before migration 31) still verifies and is still found.
@Suite struct AuditReceiptStoreTests {
    /// The newest entry, which must name a receipt, and the receipt's stored people.
    static func newestReceipt(_ w: World) async throws -> (entry: AuditEntry, people: [UUID]) {
        let entry = try #require(try await w.env.recentAudit(1).first)
        return (entry, try #require(try await w.store.audit.receiptPeople(ofEntry: entry.seq)))
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
            let (entries, rows) = (try await w.env.count("audit_log"), try await w.env.count("audit_receipt_people"))
            let (run, _) = try await w.store.censusExport(
                year: 2025, settings: CensusFixture.settings, allowErrors: false, context: w.ctx(a.f.analyst))
            #expect(try await w.env.count("audit_log") == entries + 1, "one entry for the whole return")
            #expect(try await w.env.count("audit_receipt_people") == rows + 3, "a row for each child carried")
            let (entry, people) = try await Self.newestReceipt(w)
            let carried = run.census.children.compactMap(\.personId)
            #expect(Set(carried) == [a.ava, a.bea, a.eve])
            let receipt = AuditReceipt(people: carried)
            #expect(entry.event.receipt == receipt.digest && people == receipt.people)
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
            #expect(people == [a.ava])
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
            let (ava, digest) = (a.ava.uuidString, try #require(entry.event.receipt))
            let unnamed = String(repeating: "f", count: 64)
            var attempts = [
                "UPDATE audit_receipt_people SET person_id = 'x' WHERE digest = '\(digest)'",
                "DELETE FROM audit_receipt_people WHERE digest = '\(digest)'",
                "INSERT INTO audit_receipt_people (digest, person_id) VALUES ('\(unnamed)', '\(ava)')",
                "INSERT INTO audit_receipt_people (digest, person_id) VALUES ('\(digest)', '\(ava)')",
                "INSERT INTO audit_receipts (seq, people) VALUES (1, 'x')",
                "INSERT INTO audit_receipts (seq, people) VALUES (\(entry.seq + 1000), 'x')",
            ]
            attempts.append(
                backend == .sqlite
                    ? "INSERT OR REPLACE INTO audit_receipt_people (digest, person_id) VALUES ('\(digest)', '\(ava)')"
                    : "TRUNCATE audit_receipt_people")
            for sql in attempts {
                #expect(await throwsSomething { try await w.env.execute(sql) }, "allowed: \(sql)")
            }
            #expect(try await Self.newestReceipt(w).people == people)
        }
    }

    @Test("A receipt changed, removed or added is found by verify at its entry", arguments: TestBackend.all)
    func tamperedReceiptsBreakVerification(_ backend: TestBackend) async throws {
        for tampering in ["change", "add a child", "remove", "add", "text too", "unnamed"] {
            try await withWorld(backend) { w in
                let a = try await CensusStoreTests.authority(w)
                _ = try await w.store.censusExport(
                    year: 2025, settings: CensusFixture.settings, allowErrors: false, context: w.ctx(a.f.analyst))
                let (entry, _) = try await Self.newestReceipt(w)
                try await w.store.audit.record([w.env.system.event(.read, "person")])
                #expect(try await w.store.audit.verify() == .intact(entries: entry.seq + 1))
                try await AuditSQL.dropReceiptGuards(w.env)
                let (ava, cal, digest) = (a.ava.uuidString, a.cal.uuidString, try #require(entry.event.receipt))
                let altered = (entry.seq, "the receipt of entry \(entry.seq) has been altered")
                let expected: (seq: Int, words: String)
                switch tampering {
                case "change":
                    // Ava taken out: the rows no longer hash to the digest the sealed entry names.
                    try await w.env.execute(
                        "DELETE FROM audit_receipt_people WHERE digest = '\(digest)' AND person_id = '\(ava)'")
                    expected = altered
                case "add a child":
                    try await w.env.execute(
                        "INSERT INTO audit_receipt_people (digest, person_id) VALUES ('\(digest)', '\(cal)')")
                    expected = altered
                case "remove":
                    try await w.env.execute("DELETE FROM audit_receipt_people WHERE digest = '\(digest)'")
                    expected = (entry.seq, "names a receipt that is missing")
                case "text too":
                    try await w.env.execute("INSERT INTO audit_receipts (seq, people) VALUES (\(entry.seq), 'x')")
                    expected = altered
                case "unnamed":
                    let unnamed = String(repeating: "f", count: 64)
                    try await w.env.execute(
                        "INSERT INTO audit_receipt_people (digest, person_id) VALUES ('\(unnamed)', '\(ava)')")
                    expected = (0, "a receipt is stored that no entry names (ffffffffffff")
                default:
                    try await w.env.execute("INSERT INTO audit_receipts (seq, people) VALUES (2, 'x')")
                    expected = (2, "names no receipt but one is stored for it")
                }
                try await expectBroken(w.store.audit.verify(), at: expected.seq, saying: expected.words)
                try await expectBroken(w.store.audit.verify(pageSize: 3), at: expected.seq, saying: expected.words)
            }
        }
    }

    @Test(
        "A receipt kept as text before migration 31 still verifies, and the children it carried still find it",
        arguments: TestBackend.all)
    func aReceiptKeptAsTextStillCounts(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let a = try await CensusStoreTests.authority(w)
            _ = try await w.store.censusExport(
                year: 2025, settings: CensusFixture.settings, allowErrors: false, context: w.ctx(a.f.analyst))
            let (entry, people) = try await Self.newestReceipt(w)
            // The rows put back as the text a server before migration 31 stored.
            try await AuditSQL.dropReceiptGuards(w.env)
            let digest = try #require(entry.event.receipt)
            try await w.env.execute("DELETE FROM audit_receipt_people WHERE digest = '\(digest)'")
            let text = AuditReceipt(people: people).text
            try await w.env.execute("INSERT INTO audit_receipts (seq, people) VALUES (\(entry.seq), '\(text)')")
            #expect(try await w.store.audit.receiptPeople(ofEntry: entry.seq) == people)
            #expect(try await w.store.audit.verify() == .intact(entries: try await w.env.count("audit_log")))
            #expect(try await Self.accessLogSeqs(w, of: a.ava).contains(entry.seq))
            #expect(try await !Self.accessLogSeqs(w, of: a.cal).contains(entry.seq))
        }
    }

    @Test(
        "A list shown again names the same receipt, stored once; each showing is its own entry in the child's log",
        arguments: TestBackend.all)
    func aListShownAgainStoresItsReceiptOnce(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let worked = try await PipelineFixture.episodeWithPlan(w, name: "Again")
            _ = try await w.store.caseload(context: w.ctx(w.alice))
            let first = try #require(try await w.env.recentAudit(1).first)
            let rows = try await w.env.count("audit_receipt_people")
            _ = try await w.store.caseload(context: w.ctx(w.alice))
            let second = try #require(try await w.env.recentAudit(1).first)
            #expect(second.seq > first.seq && second.event.receipt == first.event.receipt && first.event.receipt != nil)
            #expect(try await w.env.count("audit_receipt_people") == rows, "no rows for a receipt already stored")
            let log = try await Self.accessLogSeqs(w, of: worked.child)
            #expect(log.contains(first.seq) && log.contains(second.seq))
            #expect(try await w.store.audit.receiptPeople(ofEntry: second.seq)?.contains(worked.child) == true)
            #expect(try await w.store.audit.verify() == .intact(entries: try await w.env.count("audit_log")))
        }
    }
}
