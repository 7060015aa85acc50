import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Risk profiles in the store: opened by the MAPPA coordinator for an adult, one per person, seen by the
/// coordinator and the offender manager, never through access to the person's or a child's record.
@Suite("Risk profiles in the store")
struct RiskProfileStoreTests {
    @Test(
        "The coordinator opens a registered sex offender's profile; its notifications fall due",
        arguments: TestBackend.all)
    func createAndRead(_ backend: TestBackend) async throws {
        try await withRisk(backend) { r in
            let profile = try await r.createProfile()
            #expect(profile.personId == r.adult && profile.personName == "Dale Ashcombe")
            #expect(profile.kind == .registeredSexOffender && profile.registration?.period == .indefinite)
            #expect(profile.offences == ["SOA03-S7", "PCA78-S1"] && profile.riskTo == [.children, .knownAdults])
            #expect(
                profile.offenderManager.name == "Olu Manager" && profile.offenderManager.userId == r.offenderManager.id)
            #expect(profile.mappaCategory == .one && profile.mappaLevel == .two && profile.version == 1)
            #expect(profile.leadAgencyName == "Northfield Probation")

            let view = try await r.store.riskProfile(profile.id, context: r.ctx(r.offenderManager))
            // Periodic: a year after the last notification; a change: 3 days after it (the ruleset's data).
            #expect(
                view.notificationsDue == [
                    NotificationDue(kind: .periodic, dueOn: Synthetic.date("2027-01-15")),
                    NotificationDue(kind: .change, dueOn: Synthetic.date("2026-11-23")),
                ])
            #expect(!view.mayEdit)
            #expect(try await r.store.riskProfile(profile.id, context: r.ctx(r.coordinator)).mayEdit)
            // Audited against the adult.
            let entries = try await r.w.env.recentAudit(10)
            #expect(
                entries.contains {
                    $0.event.action == .create && $0.event.entityType == "risk_profile" && $0.event.personId == r.adult
                })
            #expect(
                entries.contains {
                    $0.event.action == .read && $0.event.actorId == r.offenderManager.id && $0.event.personId == r.adult
                })
            #expect(try await r.store.riskProfiles(context: r.ctx(r.coordinator)).map(\.id) == [profile.id])
            #expect(try await r.store.riskProfiles(context: r.ctx(r.offenderManager)).map(\.id) == [profile.id])
            #expect(
                try await r.store.visibleRiskProfile(of: r.adult, actor: r.offenderManager.actor) == profile.id)
        }
    }

    @Test("Bad input is refused naming the field, and nothing is written", arguments: TestBackend.all)
    func badInput(_ backend: TestBackend) async throws {
        try await withRisk(backend) { r in
            let before = try await r.w.env.count("risk_profiles")
            let audit = try await r.w.env.count("audit_log")
            var levelOnly = r.rsoInput()
            levelOnly.mappaCategory = nil
            var noMeeting = r.rsoInput(level: "3", next: nil)
            noMeeting.nextMeetingOn = "  "
            var offScale = r.rsoInput()
            offScale.riskOfSeriousHarm = "extreme"
            var levelFour = r.rsoInput()
            levelFour.mappaLevel = "4"
            for (input, field) in [
                (levelOnly, "mappaCategory"), (noMeeting, "nextMeetingOn"), (offScale, "riskOfSeriousHarm"),
                (levelFour, "mappaLevel"),
            ] {
                let error = await expectRefusal(.invalid) { try await r.createProfile(input) }
                #expect(error?.fields == [field], "\(field): \(String(describing: error))")
            }
            let child = await expectRefusal(.invalid) {
                try await r.store.createRiskProfile(for: r.child, r.rsoInput(), context: r.ctx(r.coordinator))
            }
            #expect(child?.fields == ["personId"])
            #expect(try await r.w.env.count("risk_profiles") == before)
            // Refusals of input are not audited as writes: nothing was recorded.
            #expect(try await r.w.env.count("audit_log") == audit)
        }
    }

    @Test("Only the coordinator opens one, once per person; a stale version is a conflict", arguments: TestBackend.all)
    func oneAndVersioned(_ backend: TestBackend) async throws {
        try await withRisk(backend) { r in
            _ = await expectRefusal(.forbidden) {
                try await r.store.createRiskProfile(for: r.adult, r.rsoInput(), context: r.ctx(r.w.alice))
            }
            #expect(try await r.w.env.count("risk_profiles") == 0)
            let profile = try await r.createProfile()
            _ = await expectRefusal(.conflict) { try await r.createProfile() }
            var changed = r.rsoInput(level: "3")
            changed.riskOfSeriousHarm = "very_high"
            let updated = try await r.store.updateRiskProfile(
                profile.id, changed, expectedVersion: 1, context: r.ctx(r.coordinator))
            #expect(updated.version == 2 && updated.mappaLevel == .three && updated.riskOfSeriousHarm == .veryHigh)
            _ = await expectRefusal(.conflict) {
                try await r.store.updateRiskProfile(
                    profile.id, r.rsoInput(level: "1"), expectedVersion: 1, context: r.ctx(r.coordinator))
            }
            // The offender manager sees it but may not change it (403); nothing changed.
            _ = await expectRefusal(.forbidden) {
                try await r.store.updateRiskProfile(
                    profile.id, r.rsoInput(level: "1"), expectedVersion: 2, context: r.ctx(r.offenderManager))
            }
            let now = try await r.store.riskProfile(profile.id, context: r.ctx(r.coordinator)).profile
            #expect(now.version == 2 && now.mappaLevel == .three)
            #expect(try await r.w.env.count("risk_profiles") == 1)
        }
    }

    @Test(
        "Access to the adult's record or a child's never opens the profile: the one 404, audited",
        arguments: TestBackend.all)
    func othersSeeNothing(_ backend: TestBackend) async throws {
        try await withRisk(backend) { r in
            let profile = try await r.createProfile()
            // Alice holds the adult's own record (and the child's); the profile is not hers to see.
            _ = try await r.store.openPerson(r.adult, context: r.ctx(r.w.alice))
            for user in [r.w.alice, r.w.manager, r.w.officer, r.probationColleague, r.schoolLead, r.w.dpo] {
                let error = await expectRefusal(.notFound) {
                    try await r.store.riskProfile(profile.id, context: r.ctx(user))
                }
                #expect(error == .notFound(AccessPolicy.noVisibleRecord))
                _ = await expectRefusal(.notFound) {
                    try await r.store.updateRiskProfile(
                        profile.id, r.rsoInput(), expectedVersion: 1, context: r.ctx(user))
                }
                #expect(try await r.store.riskProfiles(context: r.ctx(user)).isEmpty)
                #expect(try await r.store.visibleRiskProfile(of: r.adult, actor: user.actor) == nil)
            }
            // A made-up id gets the same answer.
            let made = await expectRefusal(.notFound) {
                try await r.store.riskProfile(UUID(), context: r.ctx(r.w.alice))
            }
            #expect(made == .notFound(AccessPolicy.noVisibleRecord))
            let denials = try await r.w.env.recentAudit(60).filter {
                $0.event.action == .denied && $0.event.actorId == r.w.alice.id && $0.event.personId == r.adult
            }
            #expect(denials.count >= 2)
            #expect(try await r.store.riskProfile(profile.id, context: r.ctx(r.coordinator)).profile.version == 1)
        }
    }
}
