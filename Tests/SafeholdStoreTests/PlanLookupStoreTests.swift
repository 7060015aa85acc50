import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Unscheduled care's look-up: flags only, the same answer for no match and no flag, kept with the child,
/// audited against it, and its allocated worker notified.
@Suite("Plan look-ups in the store")
struct PlanLookupStoreTests {
    struct Setting: Sendable {
        let w: World
        let nurse: User
        let child: UUID
        let nhs: String
        let born: String
    }

    /// A child of team A on a child protection plan with an NHS number, team A's duty telephone, and an
    /// emergency department nurse.
    static func setting(_ w: World) async throws -> Setting {
        let worked = try await PipelineFixture.episodeWithPlan(w, name: "Lookup")
        let record = try await w.store.openPerson(worked.child, context: w.ctx(w.alice))
        var details = record.person.details
        details.nhsNumber = Synthetic.nhsNumber(4242)
        _ = try await w.store.updatePerson(
            worked.child, details: details, expectedVersion: record.person.version, context: w.ctx(w.alice))
        try await w.store.setDutyTelephone("01632 960 123", team: w.teamA.id, context: w.ctx(w.admin))
        let hospital = try await w.env.createAgency("Northfield General Hospital", kind: .health)
        let nurse = try await w.env.createUser(
            "ed.nurse", "Eddie Nurse", role: .unscheduledCare, agency: hospital, team: nil)
        return Setting(
            w: w, nurse: nurse, child: worked.child, nhs: Synthetic.nhsNumber(4242),
            born: details.dateOfBirth!.description)
    }

    static func ask(
        _ s: Setting, nhs: String? = nil, born: String? = nil, by user: User? = nil
    ) async throws
        -> PlanLookupAnswer
    {
        let request = try PlanLookupRequest.validated(
            nhsNumber: nhs ?? s.nhs, dateOfBirth: born ?? s.born, setting: "Emergency department",
            today: Synthetic.today)
        return try await s.w.store.lookUpPlan(request, context: s.w.ctx(user ?? s.nurse))
    }

    @Test(
        "A child on a plan is reported with its start and the team's duty telephone; the worker is told",
        arguments: TestBackend.all)
    func onPlan(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await Self.setting(w)
            let answer = try await Self.ask(s)
            guard case .known(let status) = answer else {
                Issue.record("expected the plan to be reported, got \(answer)")
                return
            }
            #expect(status.onProtectionPlan && !status.lookedAfter && !status.unbornOnPlan)
            #expect(status.since == Synthetic.today)
            #expect(status.responsibleTeam == w.teamA.name && status.dutyTelephone == "01632 960 123")

            // Kept with the child, on the child's page, and audited against the child.
            let record = try await w.store.openPerson(s.child, context: w.ctx(w.alice))
            #expect(record.lookups.count == 1)
            #expect(record.lookups.first?.setting == "Emergency department")
            #expect(record.lookups.first?.agencyName == "Northfield General Hospital")
            let entries = try await w.store.audit.entries(forPerson: s.child).filter {
                $0.event.entityType == "plan_lookup" && $0.event.actorId == s.nurse.id
            }
            #expect(entries.map(\.event.action) == [.read])

            // The holders are told: the header count and the list, which is itself audited.
            let notified = try await w.store.notifications(context: w.ctx(w.alice))
            #expect(notified.count == 1 && notified.first?.kind == .planLookup && notified.first?.personId == s.child)
            #expect(try await w.store.unreadNotifications(of: w.alice.id) == 1)
            #expect(try await w.store.markNotificationsRead(context: w.ctx(w.alice)) == 1)
            #expect(try await w.store.unreadNotifications(of: w.alice.id) == 0)
            #expect(try await w.store.notifications(context: w.ctx(w.carol)).isEmpty)

            // The nurse still cannot open the child's record.
            await expectRefusal(.notFound) { try await w.store.openPerson(s.child, context: w.ctx(s.nurse)) }
        }
    }

    @Test(
        "No match, a wrong check digit, a wrong date of birth and a child with no flag all answer alike",
        arguments: TestBackend.all)
    func sameAnswer(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await Self.setting(w)
            let wrongCheck = String(s.nhs.dropLast()) + String((Int(String(s.nhs.last!))! + 1) % 10)
            let unflagged = try await w.store.createPerson(
                Synthetic.child("Nora", "Noplan", nhs: Synthetic.nhsNumber(777)), context: w.ctx(w.alice))
            let before = try await w.env.count("plan_lookups")
            #expect(try await Self.ask(s, nhs: Synthetic.nhsNumber(999)) == .noInformation)
            #expect(try await Self.ask(s, nhs: wrongCheck) == .noInformation)
            #expect(try await Self.ask(s, born: "2016-04-13") == .noInformation)
            #expect(try await Self.ask(s, nhs: Synthetic.nhsNumber(777)) == .noInformation)
            // Only the real match (the child with no flag) is kept with its child.
            #expect(try await w.env.count("plan_lookups") == before + 1)
            let kept = try await w.store.openPerson(unflagged.id, context: w.ctx(w.alice)).lookups
            #expect(kept.count == 1 && kept.first?.answer == PlanLookupAnswer.noInformation.summary)
        }
    }

    @Test(
        "Bad look-ups are refused naming the field; a role that may not look up is refused and audited",
        arguments: TestBackend.all)
    func refusals(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await Self.setting(w)
            let short = await expectRefusal(.invalid) {
                try PlanLookupRequest.validated(
                    nhsNumber: "12345", dateOfBirth: "2016-02-30", setting: "", today: Synthetic.today)
            }
            #expect(short?.fields == ["nhsNumber", "dateOfBirth", "setting"])
            let future = await expectRefusal(.invalid) {
                try PlanLookupRequest.validated(
                    nhsNumber: s.nhs, dateOfBirth: "2099-01-01", setting: "ED\u{202E}", today: Synthetic.today)
            }
            #expect(future?.fields == ["dateOfBirth", "setting"])
            let before = try await w.env.count("plan_lookups")
            let notices = try await w.env.count("notifications")
            await expectRefusal(.forbidden) { try await Self.ask(s, by: w.carol) }
            await expectRefusal(.forbidden) { try await Self.ask(s, by: w.officer) }
            #expect(try await w.env.count("plan_lookups") == before)
            #expect(try await w.env.count("notifications") == notices)
            let denied = try await w.store.audit.recent(limit: 10).filter {
                $0.event.entityType == "plan_lookup" && $0.event.action == .denied
            }
            #expect(Set(denied.compactMap(\.event.actorId)) == [w.carol.id, w.officer.id])
            await expectRefusal(.forbidden) {
                try await w.store.setDutyTelephone("01632 960 999", team: w.teamA.id, context: w.ctx(w.alice))
            }
            await expectRefusal(.invalid) {
                try await w.store.setDutyTelephone("call me", team: w.teamA.id, context: w.ctx(w.admin))
            }
        }
    }

    @Test("An unborn child on a pre-birth plan is found through the mother's details", arguments: TestBackend.all)
    func unborn(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await Self.setting(w)
            // The child on the plan is made an unborn child's record for this test: the mother links to it.
            let mother = try await w.store.createPerson(
                Synthetic.adult("Mae", "Mother", nhs: Synthetic.nhsNumber(3131)), context: w.ctx(w.alice))
            try await w.env.database.withConnection { db in
                try await db.raw("UPDATE persons SET kind = 'unborn' WHERE id = \(bind: s.child.uuidString)").run()
            }
            _ = try await w.store.addRelationship(
                to: s.child,
                RelationshipDraft(
                    otherPersonId: mother.id, kind: .mother, parentalResponsibility: true, livesTogether: true),
                context: w.ctx(w.alice))
            let answer = try await Self.ask(s, nhs: Synthetic.nhsNumber(3131), born: "1988-09-30")
            guard case .known(let status) = answer else {
                Issue.record("expected the pre-birth plan to be reported, got \(answer)")
                return
            }
            #expect(status.unbornOnPlan && !status.onProtectionPlan)
            #expect(try await w.store.unreadNotifications(of: w.alice.id) == 1)
            // Kept with the mother and with the unborn child it reported.
            #expect(try await w.store.openPerson(mother.id, context: w.ctx(w.alice)).lookups.count == 1)
            #expect(try await w.store.openPerson(s.child, context: w.ctx(w.alice)).lookups.count == 1)
        }
    }

    @Test(
        "Two workers starting a looked-after period at once: one is recorded, the other is a conflict",
        arguments: TestBackend.all)
    func concurrentStart(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await Self.setting(w)
            let outcomes = await withTaskGroup(of: Refusal?.self) { group in
                for user in [w.alice, w.bob, w.alice, w.bob] {
                    group.addTask {
                        do {
                            _ = try await w.store.startLookedAfter(
                                s.child, status: "C2", startedOn: "2026-11-20", context: w.ctx(user))
                            return nil
                        } catch let error as SafeholdError {
                            return error.refusal
                        } catch {
                            return .invalid
                        }
                    }
                }
                var all: [Refusal?] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.filter { $0 == nil }.count == 1)
            #expect(outcomes.compactMap { $0 } == [.conflict, .conflict, .conflict])
            #expect(try await w.env.count("looked_after_periods") == 1)
        }
    }

    @Test(
        "Looked-after periods: one open at a time, ended on or after the start, refused to strangers",
        arguments: TestBackend.all)
    func lookedAfter(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await Self.setting(w)
            let bad = await expectRefusal(.invalid) {
                try await w.store.startLookedAfter(s.child, status: "Z9", startedOn: "soon", context: w.ctx(w.alice))
            }
            #expect(bad?.fields == ["status", "startedOn"])
            let before = try await w.env.count("looked_after_periods")
            await expectRefusal(.notFound) {
                try await w.store.startLookedAfter(
                    s.child, status: "C2", startedOn: "2026-11-20", context: w.ctx(w.carol))
            }
            #expect(try await w.env.count("looked_after_periods") == before)
            _ = try await w.store.startLookedAfter(
                s.child, status: "C2", startedOn: "2026-11-20", context: w.ctx(w.alice))
            await expectRefusal(.conflict) {
                try await w.store.startLookedAfter(
                    s.child, status: "V2", startedOn: "2026-11-21", context: w.ctx(w.bob))
            }
            guard case .known(let status) = try await Self.ask(s) else {
                Issue.record("expected a known answer")
                return
            }
            #expect(status.lookedAfter && status.onProtectionPlan && status.since == Synthetic.date("2026-11-20"))
            let early = await expectRefusal(.invalid) {
                try await w.store.endLookedAfter(s.child, endedOn: "2026-11-19", context: w.ctx(w.alice))
            }
            #expect(early?.fields == ["endedOn"])
            let ended = try await w.store.endLookedAfter(s.child, endedOn: "2026-11-22", context: w.ctx(w.alice))
            #expect(ended.endedOn == Synthetic.date("2026-11-22"))
            await expectRefusal(.conflict) {
                try await w.store.endLookedAfter(s.child, endedOn: "2026-11-23", context: w.ctx(w.alice))
            }
        }
    }
}
