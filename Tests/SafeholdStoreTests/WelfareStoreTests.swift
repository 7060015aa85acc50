import Foundation
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Staff welfare check-ins")
struct WelfareStoreTests {
    static func draft(
        _ how: String = "PRIVATE-WELFARE: shaken after the images.", event: String = "indecent_images",
        support: String = "counselling", share: Bool = false, on date: String = "2026-11-23"
    ) -> WelfareCheckInDraft {
        WelfareCheckInDraft(
            occurredOn: Synthetic.date(date), event: event, howIAm: how, support: support, shareWithSupervisor: share)
    }

    @Test(
        "A check-in is the worker's own: managers see counts only; admins, auditors and the audit no content",
        arguments: TestBackend.all)
    func checkInStaysPrivate(_ backend: TestBackend) async throws {
        try await withSupervision(backend) { s in
            // when
            let checkIn = try await s.store.recordCheckIn(Self.draft(), context: s.ctx(s.w.alice))
            // then: the worker reads it back in full
            let mine = try await s.store.myCheckIns(context: s.ctx(s.w.alice))
            #expect(mine == [checkIn])
            #expect(mine.first?.howIAm.contains("PRIVATE-WELFARE") == true)
            // her supervisor sees nothing of it (not shared), and is not told
            let seen = try await s.store.workerSupervision(s.w.alice.id, context: s.ctx(s.w.manager))
            #expect(seen.sharedCheckIns.isEmpty)
            #expect(try await s.store.notifications(context: s.ctx(s.w.manager)).isEmpty)
            // managers see one count for team A in November 2026, and nothing more
            for manager in [s.w.manager, s.managerB] {
                let counts = try await s.store.welfareCounts(context: s.ctx(manager))
                #expect(
                    counts == [
                        WelfareCount(teamId: s.w.teamA.id, teamName: "Assessment Team A", month: "2026-11", count: 1)
                    ])
            }
            // nobody else reads content or counts: their own check-ins only, counts refused
            for reader in [s.w.manager, s.w.admin, s.auditor, s.w.dpo, s.w.bob] {
                #expect(try await s.store.myCheckIns(context: s.ctx(reader)).isEmpty)
            }
            for reader in [s.w.admin, s.auditor, s.w.dpo, s.w.bob, s.w.alice] {
                await expectRefusal(.forbidden) { try await s.store.welfareCounts(context: s.ctx(reader)) }
            }
            // the audit log knows a check-in was recorded, never what it says
            let details = try await s.auditDetails()
            #expect(details.contains("a check-in was recorded"))
            #expect(!details.contains { $0.contains("PRIVATE-WELFARE") || $0.contains("indecent") })
        }
    }

    @Test(
        "A check-in shared with the supervisor shows them that it happened and asks for support, nothing more",
        arguments: TestBackend.all)
    func sharedCheckInShowsOnlyThatItHappened(_ backend: TestBackend) async throws {
        try await withSupervision(backend) { s in
            _ = try await s.store.recordCheckIn(
                Self.draft("PRIVATE-WELFARE: a child died.", event: "child_death", support: "debrief", share: true),
                context: s.ctx(s.w.bob))
            let seen = try await s.store.workerSupervision(s.w.bob.id, context: s.ctx(s.w.manager))
            #expect(seen.sharedCheckIns.map(\.occurredOn) == [Synthetic.date("2026-11-23")])
            let told = try await s.store.notifications(context: s.ctx(s.w.manager))
            #expect(told.count == 1 && told[0].personId == nil && told[0].text.contains("would like support"))
            #expect(!told.contains { $0.text.contains("PRIVATE-WELFARE") || $0.text.contains("died") })
            // another team's manager is not told and sees no worker of team A
            #expect(try await s.store.notifications(context: s.ctx(s.managerB)).isEmpty)
            await expectRefusal(.forbidden) {
                try await s.store.workerSupervision(s.w.bob.id, context: s.ctx(s.managerB))
            }
            // shared without wanting support: seen on the page, nobody notified
            _ = try await s.store.recordCheckIn(
                Self.draft(support: "none", share: true, on: "2026-11-24"), context: s.ctx(s.w.alice))
            #expect(try await s.store.notifications(context: s.ctx(s.w.manager)).count == 1)
        }
    }

    @Test("Bad check-ins are refused naming the field, and partners record none", arguments: TestBackend.all)
    func badCheckInsAreRefused(_ backend: TestBackend) async throws {
        try await withSupervision(backend) { s in
            let before = try await s.footprint()
            for (draft, field) in [
                (Self.draft(on: "2026-11-25"), "occurredOn"),
                (Self.draft(event: "bad_day"), "event"),
                (Self.draft(support: "holiday"), "support"),
                (Self.draft("fine \u{202E}really"), "howIAm"),
                (Self.draft(String(repeating: "y", count: 4001)), "howIAm"),
            ] {
                let error = await expectRefusal(.invalid) {
                    try await s.store.recordCheckIn(draft, context: s.ctx(s.w.alice))
                }
                #expect(error?.fields == [field])
            }
            await expectRefusal(.forbidden) { try await s.store.recordCheckIn(Self.draft(), context: s.ctx(s.partner)) }
            #expect(try await s.footprint() == before)
        }
    }
}
