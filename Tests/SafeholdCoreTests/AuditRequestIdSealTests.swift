import Crypto
import Foundation
import Testing

@testable import SafeholdCore

/// The request id joins the seal only when an entry has one: entries without it (all written before it was
/// kept) seal exactly the twelve fields they always did, and one with it cannot lose, gain or change it.
@Suite struct AuditRequestIdSealTests {
    static let key = AuditKey(bytes: Array(repeating: UInt8(3), count: 32))!
    static let at = Date(timeIntervalSince1970: 1_795_510_800)

    static func event(requestId: String?) -> AuditEvent {
        AuditEvent(
            actorId: nil, actorName: "Test", action: .read, entityType: "person", detail: "d",
            requestId: requestId)
    }

    /// HMAC-SHA256 over the length-prefixed rendering, written out by hand as the chain's format 2 defines it.
    static func handMadeSeal(_ fields: [String?]) -> String {
        let text = fields.map { field in field.map { "\($0.utf8.count):\($0)|" } ?? "-|" }.joined()
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data(text.utf8), using: SymmetricKey(data: Array(repeating: UInt8(3), count: 32)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    @Test func anEntryWithoutARequestIdSealsTheTwelveFieldsItAlwaysDid() {
        let record = AuditChain.seal(
            Self.event(requestId: nil), seq: 1, at: Self.at, previousHash: AuditChain.genesis, key: Self.key)
        let fields: [String?] = [
            "safehold-audit-entry", "2", "1", "2026-11-24T09:00:00.000Z", nil, "Test", "read", "person", nil, nil,
            nil, nil, "d", AuditChain.genesis,
        ]
        #expect(record.hash == Self.handMadeSeal(fields))
    }

    @Test func anEntryWithARequestIdSealsItAsAThirteenthField() {
        let record = AuditChain.seal(
            Self.event(requestId: "req-1"), seq: 1, at: Self.at, previousHash: AuditChain.genesis, key: Self.key)
        let fields: [String?] = [
            "safehold-audit-entry", "2", "1", "2026-11-24T09:00:00.000Z", nil, "Test", "read", "person", nil, nil,
            nil, nil, "d", AuditChain.genesis, "req-1",
        ]
        #expect(record.hash == Self.handMadeSeal(fields))
        #expect(AuditChain.hash(record, key: Self.key) == record.hash)
    }

    @Test func aRequestIdRemovedAddedOrChangedBreaksTheSeal() {
        let with = AuditChain.seal(
            Self.event(requestId: "req-1"), seq: 1, at: Self.at, previousHash: AuditChain.genesis, key: Self.key)
        let without = AuditChain.seal(
            Self.event(requestId: nil), seq: 1, at: Self.at, previousHash: AuditChain.genesis, key: Self.key)
        var removed = with
        removed.requestId = nil
        var added = without
        added.requestId = "req-1"
        var changed = with
        changed.requestId = "req-2"
        for tampered in [removed, added, changed] {
            #expect(AuditChain.hash(tampered, key: Self.key) != tampered.hash)
        }
    }

    @Test func theBatchSealAndTheSingleSealAgreeWithARequestId() throws {
        let events = [Self.event(requestId: "a"), Self.event(requestId: nil), Self.event(requestId: "b.c_d-1")]
        let batch = AuditChain.seal(events, after: 0, at: Self.at, previousHash: AuditChain.genesis, key: Self.key)
        #expect(batch.map(\.requestId) == ["a", nil, "b.c_d-1"])
        for record in batch { #expect(AuditChain.hash(record, key: Self.key) == record.hash) }
        #expect(try batch[0].entry().event.requestId == "a")
    }
}
