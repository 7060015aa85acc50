import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Core group members linked to Safehold users: the actions assigned to them are theirs to update
/// (status only), and nothing else of the plan or the record reaches them.
@Suite("Core group members' actions in the store")
struct CoreGroupActionStoreTests {
    /// The health visitor in the core group with the fixture's action assigned to them.
    static func assigned(_ s: ContributionSetting) async throws -> CoreGroupMember {
        let member = try await s.w.store.addCoreGroupUser(
            episode: s.episode, userId: s.hv.id, context: s.w.ctx(s.w.alice))
        try await s.w.store.assignPlanAction(
            s.worked.action, episode: s.episode, memberId: member.id, expectedVersion: 1, context: s.w.ctx(s.w.alice))
        return member
    }

    @Test(
        "The assigned member is told, sees the action with the child's name, and updates its status",
        arguments: TestBackend.all)
    func memberUpdatesStatus(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await ContributionSetting.make(w)
            _ = try await Self.assigned(s)
            #expect(try await w.store.notifications(context: w.ctx(s.hv)).map(\.kind) == [.actionAssigned])
            let mine = try await w.store.myActions(context: w.ctx(s.hv))
            #expect(mine.count == 1 && mine.first?.childName == "Contrib Pipeline" && mine.first?.planOpen == true)
            #expect(mine.first?.action.who == "Vera Visitor (Northfield Health Visiting)")

            let updated = try await w.store.updateAssignedAction(
                s.worked.action, status: "in_progress", expectedVersion: 2, context: w.ctx(s.hv))
            #expect(updated.status == .inProgress && updated.version == 3)
            let stale = await expectRefusal(.conflict) {
                try await w.store.updateAssignedAction(
                    s.worked.action, status: "done", expectedVersion: 2, context: w.ctx(s.hv))
            }
            #expect(stale != nil)
            let bad = await expectRefusal(.invalid) {
                try await w.store.updateAssignedAction(
                    s.worked.action, status: "finished", expectedVersion: 3, context: w.ctx(s.hv))
            }
            #expect(bad?.fields == ["status"])
            #expect(
                try await w.store.notifications(context: w.ctx(w.alice)).contains { $0.text.contains("in progress") })
            let audited = try await w.store.audit.entries(forPerson: s.child).filter {
                $0.event.entityType == "plan_action" && $0.event.actorId == s.hv.id && $0.event.action == .update
            }
            #expect(audited.count == 1)
            // The member still may not open the child's record.
            await expectRefusal(.notFound) { try await w.store.openPerson(s.child, context: w.ctx(s.hv)) }
        }
    }

    @Test(
        "Another partner, the social worker through this route, and unscheduled care cannot update the action",
        arguments: TestBackend.all)
    func othersAreRefused(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await ContributionSetting.make(w)
            _ = try await Self.assigned(s)
            for user in [s.dsl, s.nurse, w.carol] {
                await expectRefusal(.notFound) {
                    try await w.store.updateAssignedAction(
                        s.worked.action, status: "done", expectedVersion: 2, context: w.ctx(user))
                }
                #expect(try await w.store.myActions(context: w.ctx(user)).isEmpty)
            }
            await expectRefusal(.forbidden) {
                try await w.store.updateAssignedAction(
                    s.worked.action, status: "done", expectedVersion: 2, context: w.ctx(w.alice))
            }
            let plan = try await w.store.episodes(of: s.child, context: w.ctx(w.alice)).first?.actions.first
            #expect(plan?.status == .notStarted && plan?.version == 2)
        }
    }

    @Test("Linking the same user twice, or a member of no core group, is refused", arguments: TestBackend.all)
    func linkingRules(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await ContributionSetting.make(w)
            _ = try await Self.assigned(s)
            await expectRefusal(.conflict) {
                try await w.store.addCoreGroupUser(episode: s.episode, userId: s.hv.id, context: w.ctx(w.alice))
            }
            let colleague = await expectRefusal(.invalid) {
                try await w.store.addCoreGroupUser(episode: s.episode, userId: w.bob.id, context: w.ctx(w.alice))
            }
            #expect(colleague?.fields == ["userId"])
            let stranger = await expectRefusal(.invalid) {
                try await w.store.assignPlanAction(
                    s.worked.action, episode: s.episode, memberId: UUID(), expectedVersion: 2, context: w.ctx(w.alice))
            }
            #expect(stranger?.fields == ["memberId"])
            await expectRefusal(.notFound) {
                try await w.store.addCoreGroupUser(episode: s.episode, userId: s.dsl.id, context: w.ctx(w.carol))
            }
            #expect(try await s.count("core_group_members") == 1)
        }
    }
}
