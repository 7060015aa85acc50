import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The demo authority's caseloads are realistic: uneven (someone over the capacity held as data,
/// someone near it), sibling groups weighing less, children waiting in a team for a worker, a grant
/// with an expiry and a request to decide, and a social worker embedded in the police team.
@Suite struct DemoCaseloadTests {
    @Test func theDemoGivesManagersRealCaseloadsToManage() async throws {
        try await DemoFixture.with { demo in
            let store = demo.store, users = demo.users
            let admin = AuditContext(actor: try #require(users["admin"]).actor, ipAddress: nil)
            let figures = try await store.caseloads(teams: try await store.teams().map(\.id), context: admin)
            let workers = figures.flatMap(\.workers)
            #expect(workers.contains { $0.overCapacity }, "\(workers.map { ($0.workerName, $0.weighted) })")
            #expect(workers.contains { !$0.overCapacity && $0.weighted >= $0.capacity * 0.5 })
            let north = try #require(figures.first { $0.teamName == "Child Protection North" })
            #expect(north.unallocated >= 3)
            // Sibling groups weigh less than their children apart.
            let manager = AuditContext(actor: try #require(users["tm.north"]).actor, ipAddress: nil)
            let caseload = try await store.teamCaseload(north.teamId, context: manager)
            let weights = Ruleset.england2025.workforce.caseload
            #expect(
                caseload.workers.contains { w in
                    w.weighted < w.children.reduce(0) { $0 + weights.weight(of: $1.stage) } - 0.01
                })
            #expect(try await store.pendingGrants(context: manager).count == 1)
            // The embedded social worker is a member of the police team, of the council.
            let embedded = try #require(users["sw.cait1"])
            let teams = try await store.teams()
            let cait = try #require(teams.first { $0.name == "Child Abuse Investigation Team" })
            let council = try #require(teams.first { $0.id == north.teamId }).agencyId
            #expect(embedded.teamId == cait.id && embedded.agencyId == council && embedded.role == .socialWorker)
        }
    }
}
