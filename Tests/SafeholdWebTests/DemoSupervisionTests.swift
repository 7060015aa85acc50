import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The demo authority's supervision and welfare: North and South workers supervised, one overdue, one
/// newly qualified on the fortnightly interval, oversight entries on demo children, two check-ins.
@Suite struct DemoSupervisionTests {
    @Test func theDemoHasSupervisionOversightAndPrivateCheckIns() async throws {
        try await DemoFixture.with(children: 60) { demo in
            let store = demo.store, users = demo.users
            let north = try #require(users["tm.north"]), south = try #require(users["tm.south"])
            let ctx = { (u: User) in AuditContext(actor: u.actor, ipAddress: nil) }
            let team = try await store.teamSupervision(context: ctx(north))
            let sam = try #require(team.first { $0.workerId == users["sw.north1"]?.id })
            let nia = try #require(team.first { $0.workerId == users["sw.north2"]?.id })
            #expect(sam.isOverdue && !sam.newlyQualified)
            #expect(nia.newlyQualified && nia.nextDue == store.today.adding(days: 7) && !nia.isOverdue)
            #expect(try await store.teamSupervision(context: ctx(south)).count == 2)
            let dueWorkers = try await store.supervisionDue(context: ctx(north)).map(\.workerId)
            #expect(dueWorkers.contains(sam.workerId))
            let seen = try await store.workerSupervision(sam.workerId, context: ctx(north))
            #expect(seen.sharedCheckIns.count == 1)
            #expect(
                try await store.workerSupervision(users["sw.south1"]!.id, context: ctx(south)).sharedCheckIns.isEmpty)
            let counts = try await store.welfareCounts(context: ctx(north))
            #expect(counts.map(\.count).reduce(0, +) == 2)
            let session = try #require(seen.sessions.first)
            let read = try await store.supervisionSession(session.id, context: ctx(north))
            let entry = try #require(read.discussions.first)
            let onChild = try await store.oversight(of: entry.childId, context: ctx(users["sw.north1"]!))
            #expect(onChild.first?.actions.count == 2)
        }
    }
}
