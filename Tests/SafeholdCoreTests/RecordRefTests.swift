import Foundation
import Testing

@testable import SafeholdCore

@Suite("A record concerning several children")
struct RecordRefTests {
    let policy = AccessPolicy()
    typealias F = AccessFixture
    let mine = RecordAccessFacts(allocatedWorkerIds: [AccessFixture.me])
    let readable = RecordAccessFacts(grants: [AccessFixture.me: false])
    let stranger = RecordAccessFacts(allocatedWorkerIds: [AccessFixture.someoneElse])

    @Test("Allowed only when allowed on every child")
    func everyChildMustAllow() {
        let worker = F.actor(.socialWorker)
        #expect(policy.decide(worker, .view, children: [mine, readable]).decision == .allowed)
        #expect(policy.decide(worker, .view, children: [mine, stranger]).decision != .allowed)
        #expect(policy.decide(worker, .edit, children: [mine, readable]).decision != .allowed)
    }

    @Test("A refusal says whether the caller sees every child (then 403 may explain) or not (then 404)")
    func seesEveryChild() {
        let worker = F.actor(.socialWorker)
        #expect(policy.decide(worker, .edit, children: [mine, readable]).seesEveryChild)
        #expect(!policy.decide(worker, .view, children: [mine, stranger]).seesEveryChild)
        #expect(!policy.decide(F.actor(.administrator), .view, children: [mine]).seesEveryChild)
    }

    @Test("No children is no record")
    func noChildren() {
        let result = policy.decide(F.actor(.socialWorker), .view, children: [])
        #expect(result.decision == .denied(AccessPolicy.noVisibleRecord))
        #expect(!result.seesEveryChild)
    }

    @Test("Each reference names the id its audit entry records")
    func entityIds() {
        let a = UUID(), b = UUID()
        #expect(RecordRef.person(a).entityId == a)
        #expect(RecordRef.step(a, episode: b).entityId == a)
        #expect(RecordRef.planAction(a, episode: b).entityId == a)
        #expect(RecordRef.chronologyEntry(a, person: b).entityId == a)
        #expect(RecordRef.contact(b).entityId == b)
    }
}
