import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Due items reach the notification list: the holders are told once when an item falls due soon and
/// once when it is overdue, and never about a closed episode.
@Suite("Due-item notifications in the store")
struct DueNoticeStoreTests {
    @Test(
        "An overdue step is told to the child's holders once; a second run tells nothing new",
        arguments: TestBackend.all)
    func overdueOnce(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let (child, _, _) = try await PipelineFixture.episode(w, name: "Duesoon")
            let system = AuditContext(system: "test")
            #expect(try await w.store.notifyDueItems(context: system) == 0, "nothing is due yet")

            // Far past every due date of the new episode: each item is overdue.
            w.env.clock.advance(by: 120 * 86_400)
            let noticed = try await w.store.notifyDueItems(context: system)
            #expect(noticed >= 1)
            // Every worker's supervision is overdue too by then (never supervised): those notices name no child.
            let due = try await w.store.notifications(context: w.ctx(w.alice)).filter {
                $0.kind == .due && $0.personId != nil
            }
            #expect(due.count >= 1)
            #expect(due.allSatisfy { $0.personId == child && $0.text.hasPrefix("Overdue for Duesoon Pipeline:") })
            #expect(try await w.store.notifyDueItems(context: system) == 0, "each item and status is told once")
            #expect(
                try await w.store.notifications(context: w.ctx(w.carol)).allSatisfy { $0.personId == nil },
                "another team is not told")
            let audited = try await w.store.audit.entries(forPerson: child).filter {
                $0.event.entityType == "notification" && $0.event.action == .create
            }
            #expect(audited.count == due.count)
        }
    }
}
