import Foundation
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import Testing

/// Predicted breaches: steps due within the next three working days and not done, the worker's own and a
/// team manager's team's; overdue steps (already late) and steps further off are not predictions.
@Suite("Predicted breaches")
struct PredictedBreachStoreTests {
    @Test(
        "A worker sees their children's steps due within three working days; the manager sees the team's",
        arguments: TestBackend.all)
    func dueWithinThreeWorkingDays(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let ids = try await w.store.bulkLoad(
                [
                    BulkPerson(details: Synthetic.child("Soon", "Breach"), team: w.teamA.id, worker: w.alice.id),
                    BulkPerson(details: Synthetic.child("Late", "Breach"), team: w.teamA.id, worker: w.alice.id),
                    BulkPerson(details: Synthetic.child("Other", "Breach"), team: w.teamB.id, worker: w.carol.id),
                ], links: [], context: w.env.system)
            // Today is Tuesday 24 November 2026. A conference and plan on Thursday 12 November: the first core
            // group and the first visit are due ten working days later, on Thursday 26 November.
            let soon = PerformanceFixture.Episode(ids[0], "2026-11-02")
            _ = soon.protectionPlan(
                strategy: "2026-11-02", enquiryEnds: "2026-11-05", icpc: "2026-11-12", category: .neglect)
            let late = PerformanceFixture.Episode(ids[1], "2026-09-01")
            _ = late.protectionPlan(
                strategy: "2026-09-01", enquiryEnds: "2026-09-04", icpc: "2026-10-01", category: .neglect)
            let other = PerformanceFixture.Episode(ids[2], "2026-11-02")
            _ = other.protectionPlan(
                strategy: "2026-11-02", enquiryEnds: "2026-11-05", icpc: "2026-11-12", category: .physical)
            try await w.store.bulkLoadHistories([soon.history, late.history, other.history], context: w.env.system)

            let alice = try await w.store.predictedBreaches(context: w.ctx(w.alice))
            #expect(Set(alice.mine.map(\.child.id)) == [ids[0]] && alice.team.isEmpty)
            #expect(Set(alice.mine.map(\.item.what)) == ["First core group meeting", "Visit (child protection plan)"])
            #expect(alice.mine.allSatisfy { $0.item.dueOn == Synthetic.date("2026-11-26") })
            // Only the child shown is audited as read: the overdue child's record was never read for this.
            let shown = try await w.store.audit.entries(forPerson: ids[0]).filter {
                $0.event.entityType == "predicted_breaches" && $0.event.actorId == w.alice.id
            }
            let notShown = try await w.store.audit.entries(forPerson: ids[1]).filter {
                $0.event.entityType == "predicted_breaches"
            }
            #expect(!shown.isEmpty && notShown.isEmpty)
            let manager = try await w.store.predictedBreaches(context: w.ctx(w.manager))
            #expect(manager.mine.isEmpty && Set(manager.team.map(\.child.id)) == [ids[0]])
            let carol = try await w.store.predictedBreaches(context: w.ctx(w.carol))
            #expect(Set(carol.mine.map(\.child.id)) == [ids[2]])
            for user in [w.officer, w.dpo, w.admin] {
                let none = try await w.store.predictedBreaches(context: w.ctx(user))
                #expect(none.mine.isEmpty && none.team.isEmpty)
            }
        }
    }
}
