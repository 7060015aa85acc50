import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Safeguarding advice without a referral: asked by a partner, answered once by the front door, seen
/// by the professional who asked and nobody else of their kind.
@Suite("Safeguarding advice in the store")
struct AdviceStoreTests {
    @Test(
        "The front door answers once; the partner who asked is told and sees it; others do not",
        arguments: TestBackend.all)
    func answered(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await PartnerConcernStoreTests.setting(w)
            let asked = try await w.store.askForAdvice(
                AdviceRequestDraft(
                    question: "Should I refer a pupil who is often hungry?", childId: s.child,
                    childDescription: nil), context: w.ctx(s.school))
            #expect(!asked.isAnswered && asked.childName == "Nia Partnerfield")
            await expectRefusal(.notFound) { try await w.store.adviceRequest(asked.id, context: w.ctx(s.otherSchool)) }
            #expect(try await w.store.adviceRequests(context: w.ctx(s.otherSchool)).isEmpty)
            await expectRefusal(.forbidden) {
                try await w.store.giveAdvice(asked.id, advice: "Refer.", expectedVersion: 1, context: w.ctx(s.school))
            }
            let waiting = try await w.store.adviceRequests(unansweredOnly: true, context: w.ctx(s.door))
            #expect(waiting.map(\.id) == [asked.id])

            await expectRefusal(.conflict) {
                try await w.store.giveAdvice(asked.id, advice: "Refer.", expectedVersion: 9, context: w.ctx(s.door))
            }
            let answer = try await w.store.giveAdvice(
                asked.id, advice: "Talk to the family first; refer if it continues.", expectedVersion: 1,
                context: w.ctx(s.door))
            #expect(answer.isAnswered && answer.advisedByName == s.door.displayName)
            await expectRefusal(.conflict) {
                try await w.store.giveAdvice(asked.id, advice: "Again.", expectedVersion: 2, context: w.ctx(s.door))
            }
            let seen = try await w.store.adviceRequest(asked.id, context: w.ctx(s.school))
            #expect(seen.advice == "Talk to the family first; refer if it continues.")
            #expect(try await w.store.notifications(context: w.ctx(s.school)).map(\.kind) == [.adviceGiven])
            #expect(try await w.store.adviceRequests(unansweredOnly: true, context: w.ctx(s.door)).isEmpty)
        }
    }

    @Test(
        "A question with no text, or naming and describing a child, is refused and not kept", arguments: TestBackend.all
    )
    func refused(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await PartnerConcernStoreTests.setting(w)
            let empty = await expectRefusal(.invalid) {
                try await w.store.askForAdvice(
                    AdviceRequestDraft(question: "  ", childId: nil, childDescription: nil), context: w.ctx(s.school))
            }
            #expect(empty?.fields == ["question"])
            let both = await expectRefusal(.invalid) {
                try await w.store.askForAdvice(
                    AdviceRequestDraft(question: "Help", childId: s.child, childDescription: "Year 4"),
                    context: w.ctx(s.school))
            }
            #expect(both?.fields == ["childDescription"])
            let unknown = await expectRefusal(.invalid) {
                try await w.store.askForAdvice(
                    AdviceRequestDraft(question: "Help", childId: UUID(), childDescription: nil),
                    context: w.ctx(s.school))
            }
            #expect(unknown?.fields == ["childId"])
            await expectRefusal(.forbidden) {
                try await w.store.askForAdvice(
                    AdviceRequestDraft(question: "Help", childId: nil, childDescription: nil), context: w.ctx(w.alice))
            }
            #expect(try await w.env.count("advice_requests") == 0)
        }
    }
}
