import Foundation
import SQLKit
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import Testing

/// The bulk history path (benchmarks, demos) loads only what the store's own rules accept, derives due dates and
/// audits every child's load in the verified chain.
@Suite("Bulk loading histories")
struct BulkHistoryLoadTests {
    typealias Episode = PerformanceFixture.Episode

    /// Two children of Alice's: `soon` on a plan since Thursday 12 November 2026, `late` since 1 October.
    static func twoChildren(_ w: World) async throws -> (soon: Episode, late: Episode) {
        let ids = try await w.store.bulkLoad(
            [
                BulkPerson(details: Synthetic.child("Sam", "Loaded"), team: w.teamA.id, worker: w.alice.id),
                BulkPerson(details: Synthetic.child("Lou", "Loaded"), team: w.teamA.id, worker: w.alice.id),
            ], links: [], context: w.env.system)
        let soon = Episode(ids[0], "2026-11-02")
        _ = soon.protectionPlan(
            strategy: "2026-11-02", enquiryEnds: "2026-11-05", icpc: "2026-11-12", category: .neglect)
        soon.visit("2026-11-16", alone: true)
        let late = Episode(ids[1], "2026-09-01")
        _ = late.protectionPlan(
            strategy: "2026-09-01", enquiryEnds: "2026-09-04", icpc: "2026-10-01", category: .neglect)
        return (soon, late)
    }

    func footprint(_ w: World) async throws -> [String: Int] {
        var counts = try await w.env.footprint()
        for table in ["contacts", "episodes", "episode_steps", "episode_due", "case_notes", "wishes_feelings"] {
            counts[table] = try await w.env.count(table)
        }
        return counts
    }

    @Test(
        "Prepared histories load every step, derive the due dates and audit each child's load in the verified chain",
        arguments: TestBackend.all)
    func loadsAuditedHistories(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let (soon, late) = try await Self.twoChildren(w)
            let prepared = try w.store.prepareHistories([soon.history, late.history], context: w.env.system)
            #expect(prepared.count == 2)
            #expect(prepared.eventCount == 2 + soon.steps.count + late.steps.count + 2)
            try await w.store.bulkLoadHistories(prepared, context: w.env.system)

            #expect(try await w.env.count("episode_steps") == soon.steps.count + late.steps.count)
            let due = try await w.env.database.withConnection { db in
                try await db.raw(
                    "SELECT due_on FROM episode_due WHERE person_id = \(bind: soon.child.uuidString)"
                ).all().map { try $0.decode(column: "due_on", as: String.self) }
            }
            // The plan began on Thursday 12 November: the first core group is due ten working days later.
            #expect(due.contains("2026-11-26"), "due dates derived from the steps: \(due)")
            for child in [soon.child, late.child] {
                let loads = try await w.store.audit.entries(forPerson: child).filter {
                    $0.event.entityType == "history"
                }
                #expect(loads.count == 1, "the child's access log shows the load")
                #expect(loads.first?.event.action == .create)
            }
            #expect(try await w.store.audit.verify() == .intact(entries: try await w.env.count("audit_log")))
        }
    }

    @Test("A step out of order refuses the whole batch and writes nothing", arguments: TestBackend.all)
    func stepOutOfOrderWritesNothing(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let (soon, late) = try await Self.twoChildren(w)
            // The enquiry completed before the strategy discussion and before it started: the workflow refuses it.
            late.steps.insert((UUID(), late.steps[2].step), at: 0)
            let before = try await footprint(w)
            #expect(
                await throwsSomething {
                    try await w.store.bulkLoadHistories([soon.history, late.history], context: w.env.system)
                })
            #expect(try await footprint(w) == before)
        }
    }

    @Test("A conference before the child's wishes and feelings are recorded is refused", arguments: TestBackend.all)
    func conferenceNeedsTheChildsVoice(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let (soon, _) = try await Self.twoChildren(w)
            let h = soon.history
            let silent = ChildHistory(
                childId: h.childId, contact: h.contact, triage: h.triage, steps: h.steps, notes: [], wishes: [],
                recordedBy: h.recordedBy)
            let before = try await footprint(w)
            let error = await expectRefusal(.invalid) {
                try await w.store.bulkLoadHistories([silent], context: w.env.system)
            }
            #expect(error?.fields == ["childsVoice"])
            #expect(try await footprint(w) == before)
        }
    }

    @Test("Bulk ids are time-ordered, unique and increasing within a load")
    func bulkIdsAreOrdered() {
        var ids = BulkIds(now: Date(timeIntervalSince1970: 1_800_000_000))
        let made = (0..<10_000).map { _ in ids.next() }
        #expect(Set(made).count == made.count)
        #expect(made.map(\.uuidString) == made.map(\.uuidString).sorted())
        #expect(made.allSatisfy { $0.uuidString.dropFirst(14).first == "7" }, "version 7")
        var later = BulkIds(now: Date(timeIntervalSince1970: 1_800_000_001))
        #expect(later.next().uuidString > made.last!.uuidString)
    }
}
