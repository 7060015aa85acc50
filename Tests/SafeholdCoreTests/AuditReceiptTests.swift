import Crypto
import Foundation
import Testing

@testable import SafeholdCore

/// A bulk read's receipt: the same set of people always gives the same canonical text and digest, the entry
/// names it as `receipt:<digest>`, and reading the entry back gives the digest, not a record id.
@Suite struct AuditReceiptTests {
    static let a = UUID(uuidString: "0B2E3F4A-1111-4222-8333-944455556666")!
    static let b = UUID(uuidString: "A0000000-0000-4000-8000-000000000001")!
    static let c = UUID(uuidString: "00000000-0000-4000-8000-00000000000C")!

    @Test func theTextIsTheLowerCaseIdsSortedOnePerLine() {
        let receipt = AuditReceipt(people: [Self.b, Self.a, Self.c])
        #expect(
            receipt.text
                == "00000000-0000-4000-8000-00000000000c\n0b2e3f4a-1111-4222-8333-944455556666\n"
                + "a0000000-0000-4000-8000-000000000001")
        #expect(receipt.people == [Self.c, Self.a, Self.b])
        let expected = SHA256.hash(data: Data(receipt.text.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(receipt.digest == expected && receipt.digest.count == 64)
        #expect(AuditReceipt.digest(ofStored: receipt.text) == receipt.digest)
    }

    @Test func orderAndRepeatsDoNotChangeTheReceipt() {
        let one = AuditReceipt(people: [Self.a, Self.b, Self.c])
        #expect(AuditReceipt(people: [Self.c, Self.b, Self.a]) == one)
        #expect(AuditReceipt(people: [Self.b, Self.a, Self.c, Self.a, Self.b]) == one)
        #expect(AuditReceipt(people: [Self.a, Self.b]).digest != one.digest, "another set, another digest")
        #expect(AuditReceipt(people: []).text == "")
    }

    @Test func theEntityIdNamesTheDigestAndParsesBack() {
        let receipt = AuditReceipt(people: [Self.a])
        #expect(receipt.entityId == "receipt:" + receipt.digest)
        #expect(AuditReceipt.digest(fromEntityId: receipt.entityId) == receipt.digest)
        for notOne in [
            nil, Self.a.uuidString, "receipt:", "receipt:" + receipt.digest.uppercased(),
            "receipt:" + receipt.digest.dropLast(), "receipt:" + receipt.digest + "0", "Receipt:" + receipt.digest,
        ] {
            #expect(AuditReceipt.digest(fromEntityId: notOne) == nil, "\(notOne ?? "nil")")
        }
        #expect(AuditReceipt.searchText(for: Self.a) == "0b2e3f4a-1111-4222-8333-944455556666")
    }

    @Test func anEntryNamingAReceiptIsSealedOverItAndReadsBackAsTheDigest() throws {
        let key = AuditKey(bytes: Array(repeating: UInt8(5), count: 32))!
        let receipt = AuditReceipt(people: [Self.a, Self.b])
        let event = AuditEvent(
            actorId: nil, actorName: "Analyst", action: .read, entityType: "census", detail: "return",
            receipt: receipt.digest)
        let record = AuditChain.seal(event, seq: 4, at: Date(), previousHash: AuditChain.genesis, key: key)
        #expect(record.entityId == receipt.entityId && record.personId == nil)
        let entry = try record.entry()
        #expect(entry.event.receipt == receipt.digest && entry.event.entityId == nil)
        var other = record
        other.entityId = AuditReceipt(people: [Self.a]).entityId
        #expect(AuditChain.hash(other, key: key) != record.hash, "naming another receipt breaks the seal")
        var malformed = record
        malformed.entityId = "receipt:nothex"
        #expect(throws: AuditRecord.Unreadable.self) { try malformed.entry() }
    }
}
