import Foundation
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Supervision and management oversight")
struct SupervisionStoreTests {
    @Test(
        "A supervisor's case discussion writes a management oversight entry onto the child's record and chronology",
        arguments: TestBackend.all)
    func caseDiscussionWritesOversight(_ backend: TestBackend) async throws {
        try await withSupervision(backend) { s in
            // when
            let session = try await s.store.recordSupervision(
                for: s.w.alice.id, s.draft(), context: s.ctx(s.w.manager))
            // then: the entry is on the child's record, with its action, owner and due date
            let entries = try await s.store.oversight(of: s.child, context: s.ctx(s.w.alice))
            let entry = try #require(entries.first)
            #expect(entries.count == 1)
            #expect(entry.decision == "Hold a strategy discussion this week.")
            #expect(entry.managerName == "Mina Manager" && entry.workerName == "Alice Example")
            #expect(entry.actions.map(\.ownerName) == ["Bob Example"])
            #expect(entry.actions.first?.dueOn == Synthetic.date("2026-11-27"))
            // and in the chronology, without the reflective note
            let chronology = try await s.store.chronology(of: s.child, context: s.ctx(s.w.alice))
            let line = try #require(chronology.first { $0.kind == .oversight })
            #expect(line.detail.contains("Hold a strategy discussion") && line.detail.contains("Bob Example"))
            #expect(!chronology.contains { $0.detail.contains("REFLECTIVE-NOTE") || $0.title.contains("REFLECTIVE") })
            #expect(session.hasReflection)
            // the owner is told and finds the action on their due list
            let told = try await s.store.notifications(context: s.ctx(s.w.bob))
            #expect(told.contains { $0.kind == .actionAssigned && $0.personId == s.child })
            let due = try await s.store.dueList(.mine, context: s.ctx(s.w.bob))
            #expect(due.contains { $0.child.id == s.child && $0.item.what.contains("Arrange the strategy discussion") })
            // the write is audited against the child, and no entry carries the reflective note
            let onChild = try await s.store.audit.entries(forPerson: s.child)
            #expect(onChild.contains { $0.event.action == .create && $0.event.entityType == "management_oversight" })
            #expect(!(try await s.auditDetails()).contains { $0.contains("REFLECTIVE-NOTE") })
        }
    }

    @Test(
        "A supervisor discusses the worker's and team's children they may open, not another team's or a granted one",
        arguments: TestBackend.all)
    func discussableChildrenAreTheTeamsThatTheReaderMayOpen(_ backend: TestBackend) async throws {
        try await withSupervision(backend) { s in
            let forManager = try await s.store.discussableChildren(of: s.w.alice, context: s.ctx(s.w.manager))
            #expect(forManager.map(\.id) == [s.child])
            // Team B's manager opens none of team A's children; the auditor opens no record.
            #expect(try await s.store.discussableChildren(of: s.w.alice, context: s.ctx(s.managerB)).isEmpty)
            #expect(try await s.store.discussableChildren(of: s.w.alice, context: s.ctx(s.auditor)).isEmpty)
            let entries = try await s.store.audit.entries(forPerson: s.child)
            #expect(
                entries.contains {
                    $0.event.detail?.hasPrefix("children to discuss") == true && $0.event.receipt != nil
                })
        }
    }

    @Test(
        "The reflective part is read by the worker and their supervisor only; anyone else is refused and audited",
        arguments: TestBackend.all)
    func reflectionStaysWithWorkerAndSupervisor(_ backend: TestBackend) async throws {
        try await withSupervision(backend) { s in
            let session = try await s.store.recordSupervision(
                for: s.w.alice.id, s.draft(), context: s.ctx(s.w.manager))
            for reader in [s.w.alice, s.w.manager] {
                let read = try await s.store.supervisionSession(session.id, context: s.ctx(reader))
                #expect(read.reflection?.contains("REFLECTIVE-NOTE") == true)
                #expect(read.discussions.count == 1)
            }
            let mine = try await s.store.mySupervision(context: s.ctx(s.w.alice))
            #expect(mine.sessions.first?.reflection?.contains("REFLECTIVE-NOTE") == true)
            for stranger in [s.otherManager, s.w.bob, s.managerB, s.w.admin, s.w.dpo, s.auditor, s.partner] {
                await expectRefusal(.notFound) {
                    try await s.store.supervisionSession(session.id, context: s.ctx(stranger))
                }
                let denied = try await s.w.env.recentAudit(5).first
                #expect(denied?.event.action == .denied && denied?.event.actorId == stranger.id)
            }
            // another manager of the team sees that a reflective note exists, never its text
            let seen = try await s.store.workerSupervision(s.w.alice.id, context: s.ctx(s.otherManager))
            #expect(seen.sessions.first?.hasReflection == true)
            #expect(seen.sessions.first?.reflection == nil)
            // and the child's own record never holds it
            let entries = try await s.store.oversight(of: s.child, context: s.ctx(s.otherManager))
            #expect(!entries.contains { $0.decision.contains("REFLECTIVE-NOTE") })
        }
    }

    @Test(
        "Only the worker's supervisor records their supervision; anyone else is refused, nothing written",
        arguments: TestBackend.all)
    func onlyTheSupervisorRecords(_ backend: TestBackend) async throws {
        try await withSupervision(backend) { s in
            let before = try await s.footprint()
            for actor in [s.w.bob, s.managerB, s.w.admin, s.w.alice, s.w.dpo] {
                let error = await expectRefusal(.forbidden) {
                    try await s.store.recordSupervision(for: s.w.alice.id, s.draft(), context: s.ctx(actor))
                }
                #expect(error?.message.contains("supervisor") == true)
            }
            #expect(try await s.footprint() == before)
            // a manager is not supervised: their own team's other manager is refused with a 409
            await expectRefusal(.conflict) {
                try await s.store.recordSupervision(
                    for: s.w.manager.id, SupervisionDraft(heldOn: Synthetic.today, reflection: ""),
                    context: s.ctx(s.otherManager))
            }
            await expectRefusal(.notFound) {
                try await s.store.recordSupervision(for: UUID(), s.draft(), context: s.ctx(s.w.manager))
            }
            #expect(try await s.footprint() == before)
        }
    }

    @Test("Bad sessions are refused naming the field, with nothing written", arguments: TestBackend.all)
    func badSessionsAreRefused(_ backend: TestBackend) async throws {
        try await withSupervision(backend) { s in
            let before = try await s.footprint()
            let manager = s.ctx(s.w.manager)
            func refused(_ draft: SupervisionDraft, _ field: String) async {
                let error = await expectRefusal(.invalid) {
                    try await s.store.recordSupervision(for: s.w.alice.id, draft, context: manager)
                }
                #expect(error?.fields.contains(field) == true, "\(field) in \(error?.fields ?? [])")
            }
            await refused(s.draft(heldOn: "2026-11-25"), "heldOn")
            await refused(s.draft(child: s.grantedChild), "caseDiscussions[0].childId")
            await refused(s.draft(owner: s.w.officer.id), "caseDiscussions[0].actions[0].ownerId")
            await refused(s.draft(owner: s.w.admin.id), "caseDiscussions[0].actions[0].ownerId")
            await refused(s.draft(owner: UUID()), "caseDiscussions[0].actions[0].ownerId")
            await refused(s.draft(decision: "Plan \u{202E}reversed"), "caseDiscussions[0].decision")
            await refused(s.draft(reflection: String(repeating: "x", count: 8001)), "reflection")
            var twice = s.draft()
            twice.caseDiscussions.append(twice.caseDiscussions[0])
            await refused(twice, "caseDiscussions[1].childId")
            var early = s.draft()
            early.caseDiscussions[0].actions[0].dueOn = Synthetic.date("2026-11-01")
            await refused(early, "caseDiscussions[0].actions[0].dueOn")
            // a child the manager may not open is the one 404
            await expectRefusal(.notFound) {
                try await s.store.recordSupervision(for: s.w.alice.id, s.draft(child: s.teamBChild), context: manager)
            }
            #expect(try await s.footprint() == before)
        }
    }

    @Test(
        "Supervision is due monthly, fortnightly when newly qualified; overdue reaches due lists and notices",
        arguments: TestBackend.all)
    func supervisionFallsDueByTheRules(_ backend: TestBackend) async throws {
        try await withSupervision(backend) { s in
            let manager = s.ctx(s.w.manager)
            // alice, supervised on 20 November: next due a calendar month later
            _ = try await s.store.recordSupervision(for: s.w.alice.id, s.draft(), context: manager)
            // bob qualified in June 2026: fortnightly, so a session on 1 November is overdue by the 24th
            #expect(
                try await s.store.setQualifiedOn(s.w.bob.id, "2026-06-01", expectedVersion: 0, context: manager) == 1)
            _ = try await s.store.recordSupervision(
                for: s.w.bob.id, SupervisionDraft(heldOn: Synthetic.date("2026-11-01"), reflection: ""),
                context: manager)
            let team = try await s.store.teamSupervision(context: manager)
            let alice = try #require(team.first { $0.workerId == s.w.alice.id })
            let bob = try #require(team.first { $0.workerId == s.w.bob.id })
            #expect(alice.nextDue == Synthetic.date("2026-12-20") && alice.status == .onTrack && !alice.newlyQualified)
            #expect(bob.nextDue == Synthetic.date("2026-11-15") && bob.isOverdue && bob.newlyQualified)
            #expect(!team.contains { $0.workerId == s.w.manager.id }, "managers are not a supervised role")
            #expect(try await s.store.supervisionDue(context: manager).map(\.workerId) == [s.w.bob.id])
            #expect(try await s.store.supervisionDue(context: s.ctx(s.w.bob)).map(\.workerId) == [s.w.bob.id])
            #expect(try await s.store.supervisionDue(context: s.ctx(s.w.alice)).isEmpty)
            // notices: bob and his managers once, however often the service runs
            let system = AuditContext(system: "due notices")
            _ = try await s.store.notifyDueItems(context: system)
            _ = try await s.store.notifyDueItems(context: system)
            for user in [s.w.bob, s.w.manager, s.otherManager] {
                let told = try await s.store.notifications(context: s.ctx(user)).filter {
                    $0.kind == .due && $0.text.contains("supervision for Bob Example")
                }
                #expect(told.count == 1, "\(user.username) told once")
            }
            #expect(try await s.store.notifications(context: s.ctx(s.managerB)).isEmpty)
            // the integrator's read refuses a manager of another agency's team and a worker
            await expectRefusal(.forbidden) { try await s.store.teamSupervision(context: s.ctx(s.w.alice)) }
            await expectRefusal(.forbidden) {
                try await s.store.supervisionStandings(team: s.w.teamA.id, context: s.ctx(s.w.dpo))
            }
        }
    }

    @Test(
        "A qualification date is set by the supervisor or an administrator, not in the future, not stale",
        arguments: TestBackend.all)
    func qualificationDateRules(_ backend: TestBackend) async throws {
        try await withSupervision(backend) { s in
            let before = try await s.footprint()
            await expectRefusal(.forbidden) {
                try await s.store.setQualifiedOn(
                    s.w.bob.id, "2026-06-01", expectedVersion: 0, context: s.ctx(s.w.alice))
            }
            await expectRefusal(.forbidden) {
                try await s.store.setQualifiedOn(
                    s.w.bob.id, "2026-06-01", expectedVersion: 0, context: s.ctx(s.managerB))
            }
            let error = await expectRefusal(.invalid) {
                try await s.store.setQualifiedOn(
                    s.w.bob.id, "2027-01-01", expectedVersion: 0, context: s.ctx(s.w.manager))
            }
            #expect(error?.fields == ["qualifiedOn"])
            #expect(try await s.footprint() == before)
            #expect(
                try await s.store.setQualifiedOn(
                    s.w.bob.id, "2026-06-01", expectedVersion: 0, context: s.ctx(s.w.admin))
                    == 1)
            await expectRefusal(.conflict) {
                try await s.store.setQualifiedOn(
                    s.w.bob.id, "2026-07-01", expectedVersion: 0, context: s.ctx(s.w.manager))
            }
            let seen = try await s.store.workerSupervision(s.w.bob.id, context: s.ctx(s.w.manager))
            #expect(seen.qualifiedOn == Synthetic.date("2026-06-01") && seen.qualifiedVersion == 1)
        }
    }

    @Test(
        "The owner marks an oversight action done, which leaves the due list; a stale version is a conflict",
        arguments: TestBackend.all)
    func ownerCompletesAction(_ backend: TestBackend) async throws {
        try await withSupervision(backend) { s in
            _ = try await s.store.recordSupervision(for: s.w.alice.id, s.draft(), context: s.ctx(s.w.manager))
            let action = try #require(
                try await s.store.oversight(of: s.child, context: s.ctx(s.w.bob)).first?.actions.first)
            await expectRefusal(.notFound) {
                try await s.store.completeOversightAction(
                    action.id, of: s.child, expectedVersion: 1, context: s.ctx(s.w.carol))
            }
            let done = try await s.store.completeOversightAction(
                action.id, of: s.child, expectedVersion: 1, context: s.ctx(s.w.bob))
            #expect(done.status == .done && done.version == 2)
            await expectRefusal(.conflict) {
                try await s.store.completeOversightAction(
                    action.id, of: s.child, expectedVersion: 1, context: s.ctx(s.w.bob))
            }
            let due = try await s.store.dueList(.mine, context: s.ctx(s.w.bob))
            #expect(!due.contains { $0.oversightActionId == action.id })
        }
    }
}
