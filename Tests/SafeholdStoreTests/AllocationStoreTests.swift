import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Allocation and reallocation with a reason and history, who may do it, the stale-version guard,
/// and deactivation refused while a worker holds children.
@Suite("Allocation and reallocation")
struct AllocationStoreTests {
    /// The current allocation of `child` in the history (the version a reallocation names).
    func current(_ w: World, _ child: UUID, by user: User? = nil) async throws -> AllocationEntry {
        let history = try await w.store.allocationHistory(of: child, context: w.ctx(user ?? w.manager))
        return try #require(history.first { $0.isCurrent })
    }

    @Test(
        "A manager reallocates with a reason: the history keeps both rows and the record follows it",
        arguments: TestBackend.all)
    func reallocationKeepsHistory(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Ava", "Moves"), context: w.ctx(w.alice))
            let first = try await current(w, child.id)
            #expect(first.workerId == w.alice.id && first.teamId == w.teamA.id)
            let entry = try await w.store.allocate(
                child.id, AllocationDraft(workerId: w.bob.id, reason: "Alice starts leave", expected: first.id),
                context: w.ctx(w.manager))
            #expect(entry.workerId == w.bob.id && entry.reason == "Alice starts leave")
            #expect(entry.allocatedByName == "Mina Manager")
            let history = try await w.store.allocationHistory(of: child.id, context: w.ctx(w.bob))
            #expect(history.count == 2)
            #expect(history.filter(\.isCurrent).map(\.workerId) == [w.bob.id])
            let ended = try #require(history.first { !$0.isCurrent })
            #expect(ended.endReason == "Alice starts leave" && ended.endedByName == "Mina Manager")
            let facts = try await w.store.openPerson(child.id, context: w.ctx(w.bob)).facts
            #expect(facts.allocatedWorkerIds == [w.bob.id] && facts.allocatedTeamIds == [w.teamA.id])
            let told = try await w.store.notifications(context: w.ctx(w.bob))
            #expect(told.contains { $0.kind == .allocated && $0.personId == child.id })
            let audit = try await w.env.recentAudit(10)
            #expect(audit.contains { $0.event.action == .allocate && $0.event.personId == child.id })
        }
    }

    @Test(
        "Only the holding team's manager or an administrator allocates; each refusal writes nothing",
        arguments: TestBackend.all)
    func whoAllocates(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let managerB = try await w.env.createUser(
                "tm.b", "Bo Manager", role: .teamManager, agency: w.council, team: w.teamB)
            let health = try await w.env.createAgency("Northfield Health", kind: .health)
            let nurse = try await w.env.createUser("hv.hana", "Hana Visitor", role: .partner, agency: health, team: nil)
            let child = try await w.store.createPerson(Synthetic.child("Ava", "Guarded"), context: w.ctx(w.alice))
            let version = try await current(w, child.id).id
            let draft = AllocationDraft(workerId: w.bob.id, reason: "Rebalancing", expected: version)
            let before = try await w.env.count("allocations")
            for (user, refusal) in [
                (managerB, Refusal.notFound), (w.bob, .forbidden), (nurse, .notFound), (w.carol, .notFound),
                (w.dpo, .notFound),
            ] {
                await expectRefusal(refusal) { try await w.store.allocate(child.id, draft, context: w.ctx(user)) }
            }
            // A child that does not exist: the same 404 as one the caller may not see.
            await expectRefusal(.notFound) { try await w.store.allocate(UUID(), draft, context: w.ctx(w.dpo)) }
            #expect(try await w.env.count("allocations") == before)
            #expect(try await w.env.count("notifications") == 0)
            let denied = try await w.env.recentAudit(10).filter { $0.event.action == .denied }
            #expect(denied.contains { $0.event.actorId == managerB.id && $0.event.personId == child.id })
            // The administrator may (a worker leaving).
            try await w.store.allocate(child.id, draft, context: w.ctx(w.admin))
            #expect(try await w.env.count("allocations") == before + 1)
        }
    }

    @Test("The worker must be active, in the team and hold cases; the reason is required", arguments: TestBackend.all)
    func badWorkers(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let gone = try await w.env.createUser(
                "gone", "Gil Gone", role: .socialWorker, agency: w.council, team: w.teamA, active: false)
            let analyst = try await w.env.createUser(
                "analyst", "Ana Lyst", role: .performanceAnalyst, agency: w.council, team: w.teamA)
            let child = try await w.store.createPerson(Synthetic.child("Ava", "Picky"), context: w.ctx(w.alice))
            let version = try await current(w, child.id).id
            let before = try await w.env.footprint()
            for worker in [gone.id, analyst.id, w.carol.id, UUID()] {
                let error = await expectRefusal(.invalid) {
                    try await w.store.allocate(
                        child.id, AllocationDraft(workerId: worker, reason: "Because", expected: version),
                        context: w.ctx(w.manager))
                }
                #expect(error == .invalid([FieldError("workerId", error.flatMap(Self.message) ?? "")]))
            }
            for reason in ["", "   ", "x\u{202E}y", String(repeating: "r", count: 501)] {
                await expectRefusal(.invalid) {
                    try await w.store.allocate(
                        child.id, AllocationDraft(workerId: w.bob.id, reason: reason, expected: version),
                        context: w.ctx(w.manager))
                }
            }
            await expectRefusal(.conflict) {
                try await w.store.allocate(
                    child.id, AllocationDraft(workerId: w.alice.id, reason: "Same", expected: version),
                    context: w.ctx(w.manager))
            }
            #expect(try await w.env.footprint() == before)
        }
    }

    static func message(_ error: SafeholdError) -> String? {
        if case .invalid(let errors) = error { return errors.first?.message }
        return nil
    }

    @Test(
        "A stale version is refused; two managers reallocating at once: exactly one wins",
        arguments: TestBackend.all)
    func staleAndConcurrent(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let admin2 = try await w.env.createUser(
                "admin2", "Abe Admin", role: .administrator, agency: w.council, team: nil)
            let child = try await w.store.createPerson(Synthetic.child("Ava", "Raced"), context: w.ctx(w.alice))
            let version = try await current(w, child.id).id
            let store = w.store
            let (m, a) = (w.ctx(w.manager), w.ctx(admin2))
            let bob = w.bob.id
            let results = await withTaskGroup(of: Result<AllocationEntry, any Error>.self) { group in
                for (context, reason) in [(m, "Manager's choice"), (a, "Admin's choice")] {
                    group.addTask {
                        do {
                            return .success(
                                try await store.allocate(
                                    child.id, AllocationDraft(workerId: bob, reason: reason, expected: version),
                                    context: context))
                        } catch { return .failure(error) }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { if case .success = $0 { true } else { false } }.count == 1)
            for case .failure(let error) in results {
                #expect((error as? SafeholdError)?.refusal == .conflict, "\(error)")
            }
            let history = try await w.store.allocationHistory(of: child.id, context: w.ctx(w.manager))
            #expect(history.count == 2 && history.filter(\.isCurrent).count == 1)
            // The loser retrying with the old version is still stale.
            await expectRefusal(.conflict) {
                try await w.store.allocate(
                    child.id, AllocationDraft(workerId: w.alice.id, reason: "Again", expected: version), context: m)
            }
        }
    }

    @Test("Deactivating a worker who holds children is refused until they are reallocated", arguments: TestBackend.all)
    func deactivationRefused(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Ava", "Held"), context: w.ctx(w.alice))
            let error = await expectRefusal(.conflict) {
                try await w.store.setActive(w.alice.id, active: false, context: w.ctx(w.admin))
            }
            #expect(error.map { "\($0)" }?.contains("1 child") == true)
            #expect(try await w.store.account(id: w.alice.id)?.user.active == true)
            let version = try await current(w, child.id).id
            try await w.store.allocate(
                child.id, AllocationDraft(workerId: w.bob.id, reason: "Alice leaves", expected: version),
                context: w.ctx(w.manager))
            try await w.store.setActive(w.alice.id, active: false, context: w.ctx(w.admin))
            #expect(try await w.store.account(id: w.alice.id)?.user.active == false)
            // A deactivated worker is not allocated anything again.
            let now = try await current(w, child.id).id
            await expectRefusal(.invalid) {
                try await w.store.allocate(
                    child.id, AllocationDraft(workerId: w.alice.id, reason: "Back", expected: now),
                    context: w.ctx(w.manager))
            }
        }
    }

    @Test(
        "Passing a case to another team leaves it unallocated there for that team's manager",
        arguments: TestBackend.all)
    func transferToAnotherTeam(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let managerB = try await w.env.createUser(
                "tm.b", "Bo Manager", role: .teamManager, agency: w.council, team: w.teamB)
            let child = try await w.store.createPerson(Synthetic.child("Ava", "Passed"), context: w.ctx(w.alice))
            let version = try await current(w, child.id).id
            try await w.store.allocate(
                child.id, AllocationDraft(workerId: nil, teamId: w.teamB.id, reason: "Moves area", expected: version),
                context: w.ctx(w.manager))
            let facts = try await w.store.openPerson(child.id, context: w.ctx(managerB)).facts
            #expect(facts.allocatedTeamIds == [w.teamB.id] && facts.allocatedWorkerIds.isEmpty)
            await expectRefusal(.notFound) { try await w.store.openPerson(child.id, context: w.ctx(w.alice)) }
            #expect(try await w.store.notifications(context: w.ctx(managerB)).contains { $0.kind == .allocated })
            let caseload = try await w.store.teamCaseload(w.teamB.id, context: w.ctx(managerB))
            #expect(caseload.unallocated.map(\.personId) == [child.id])
            let teamRow = try #require(caseload.unallocated.first).allocationId
            try await w.store.allocate(
                child.id, AllocationDraft(workerId: w.carol.id, reason: "Carol has space", expected: teamRow),
                context: w.ctx(managerB))
            #expect(
                try await w.store.openPerson(child.id, context: w.ctx(w.carol)).facts.allocatedWorkerIds == [w.carol.id]
            )
        }
    }
}
