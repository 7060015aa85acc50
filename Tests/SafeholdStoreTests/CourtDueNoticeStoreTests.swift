import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Court dates reach the due notices the way the other due items do: an order's expiry, the end of the
/// 26-week timetable and a listed hearing are told to the child's holders once when due soon, a hearing held
/// without its outcome once as overdue, and the notices wait for an email to a holder with an address.
@Suite("Court due items in the due notices")
struct CourtDueNoticeStoreTests {
    @Test(
        "Order expiry, the timetable's end and hearings are told once each, emailed, and to no other team",
        arguments: TestBackend.all)
    func courtDatesAreNoticed(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let court = CourtStoreTests()
            try await s.store.setNotificationEmail(
                try EmailAddress.validated("alice@northfield.example"), context: s.ctx(s.w.alice))
            let system = AuditContext(system: "test")
            _ = try await s.store.notifyDueItems(context: system)
            let earlier = Set(try await s.store.notifications(context: s.ctx(s.w.alice)).map(\.id))

            _ = try await court.epo(s, decided: -6)  // expires in two days
            var p = try await court.issue(s, daysAgo: 180)  // the 26 weeks end in two days
            p = try await s.store.addHearing(
                to: p.id, HearingForm(kind: "case_management", heldOn: court.day(-3)), expectedVersion: p.version,
                context: s.ctx(s.w.alice))
            _ = try await s.store.addHearing(
                to: p.id, HearingForm(kind: "issues_resolution", heldOn: court.day(1)), expectedVersion: p.version,
                context: s.ctx(s.w.alice))
            #expect(try await s.store.notifyDueItems(context: system) >= 4)

            let told = try await s.store.notifications(context: s.ctx(s.w.alice)).filter {
                !earlier.contains($0.id) && $0.kind == .due && $0.personId == s.child
            }
            let texts = told.map(\.text)
            for expected in [
                "Due soon for .*: Emergency protection order expires: renew, replace or record its end, due on ",
                "Due soon for .*: Care proceedings ZZ26C00412: the 26-week timetable ends, due on ",
                "Due soon for .*: Issues resolution hearing \\(ZZ26C00412\\), due on ",
                "Overdue for .*: Case management hearing \\(ZZ26C00412\\): record its outcome was due on ",
            ] {
                let pattern = try Regex(expected)
                #expect(texts.filter { $0.contains(pattern) }.count == 1, "\(expected) in \(texts)")
            }
            #expect(try await s.store.notifyDueItems(context: system) == 0, "each court date and status told once")

            let emails = try await s.store.pendingEmails().filter { $0.address == "alice@northfield.example" }
            let ids = Set(told.map(\.id))
            #expect(emails.filter { ids.contains($0.notificationId) }.count == told.count)
            #expect(emails.allSatisfy { $0.kind == .due })
            #expect(
                try await s.store.notifications(context: s.ctx(s.w.carol)).allSatisfy { $0.personId != s.child },
                "another team is not told")
        }
    }
}
