import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Which notifications wait for an email: only those made while the user had an address, until
/// sent, failed five times, or a day old.
@Suite("Notification emails in the store")
struct NotificationEmailStoreTests {
    @Test(
        "Only a user with an address is emailed; sent once, failures counted, old ones given up",
        arguments: TestBackend.all)
    func pending(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await PartnerConcernStoreTests.setting(w)
            try await w.store.setNotificationEmail(
                try EmailAddress.validated("rita@riverside.example"), context: w.ctx(s.school))
            #expect(try await w.store.notificationEmail(of: s.school.id) == "rita@riverside.example")
            // Two questions answered: the school has an address, the other school does not.
            for user in [s.school, s.otherSchool] {
                let asked = try await w.store.askForAdvice(
                    AdviceRequestDraft(question: "Refer?", childId: nil, childDescription: nil), context: w.ctx(user))
                _ = try await w.store.giveAdvice(asked.id, advice: "Yes.", expectedVersion: 1, context: w.ctx(s.door))
            }
            let waiting = try await w.store.pendingEmails()
            #expect(waiting.map(\.address) == ["rita@riverside.example"] && waiting.first?.kind == .adviceGiven)
            let id = try #require(waiting.first?.notificationId)

            for _ in 0..<4 { try await w.store.recordEmail(id, sent: false) }
            #expect(try await w.store.pendingEmails().first?.attempts == 4)
            try await w.store.recordEmail(id, sent: false)
            #expect(try await w.store.pendingEmails().isEmpty, "given up after five failures")

            let again = try await w.store.askForAdvice(
                AdviceRequestDraft(question: "And now?", childId: nil, childDescription: nil), context: w.ctx(s.school))
            _ = try await w.store.giveAdvice(again.id, advice: "Ring us.", expectedVersion: 1, context: w.ctx(s.door))
            let next = try #require(try await w.store.pendingEmails().first)
            try await w.store.recordEmail(next.notificationId, sent: true)
            #expect(try await w.store.pendingEmails().isEmpty)

            // Removing the address stops new emails; one made before stays until sent or a day old.
            try await w.store.setNotificationEmail(nil, context: w.ctx(s.school))
            let third = try await w.store.askForAdvice(
                AdviceRequestDraft(question: "Third?", childId: nil, childDescription: nil), context: w.ctx(s.school))
            _ = try await w.store.giveAdvice(third.id, advice: "Yes.", expectedVersion: 1, context: w.ctx(s.door))
            #expect(try await w.store.pendingEmails().isEmpty)
            #expect(try await w.store.pendingEmails(maxAge: -1).isEmpty)
        }
    }

    @Test(
        "Servers sending at once: one claims each e-mail; a failure offers it again; a dead server's claim is released",
        arguments: TestBackend.all)
    func claims(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await PartnerConcernStoreTests.setting(w)
            try await w.store.setNotificationEmail(
                try EmailAddress.validated("rita@riverside.example"), context: w.ctx(s.school))
            let asked = try await w.store.askForAdvice(
                AdviceRequestDraft(question: "Refer?", childId: nil, childDescription: nil), context: w.ctx(s.school))
            _ = try await w.store.giveAdvice(asked.id, advice: "Yes.", expectedVersion: 1, context: w.ctx(s.door))
            let id = try #require(try await w.store.pendingEmails().first?.notificationId)

            // Four servers try at once: exactly one may send it, and it is no longer offered.
            let store = w.store
            let claimed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 { group.addTask { try await store.claimEmail(id) } }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(claimed == 1)
            #expect(try await w.store.pendingEmails().isEmpty)
            // Sending failed: offered again, and claimed again by one.
            try await w.store.recordEmail(id, sent: false)
            #expect(try await w.store.pendingEmails().map(\.notificationId) == [id])
            #expect(try await w.store.claimEmail(id))
            // The server holding it stops without a word: after ten minutes it is offered again.
            w.env.clock.advance(by: 9 * 60)
            #expect(try await w.store.pendingEmails().isEmpty)
            w.env.clock.advance(by: 2 * 60)
            #expect(try await w.store.pendingEmails().map(\.notificationId) == [id])
            #expect(try await w.store.claimEmail(id))
            try await w.store.recordEmail(id, sent: true)
            #expect(try await w.store.pendingEmails().isEmpty)
            let claimedAfterSending = try await w.store.claimEmail(id)
            #expect(!claimedAfterSending)
        }
    }
}
