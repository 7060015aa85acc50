import Foundation
import Testing
@testable import SafeholdCore

@Suite("AuditChain")
struct AuditChainTests {
    static let start = Date(timeIntervalSince1970: 1_744_900_000)

    /// A sealed chain of `count` synthetic events, one second apart.
    static func chain(_ count: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        var previous = AuditChain.genesis
        for seq in 1...count {
            let event = AuditEvent(actorId: Fixture.id(seq % 3 + 1), actorName: "Test User \(seq % 3 + 1)",
                                   action: AuditAction.allCases[seq % AuditAction.allCases.count],
                                   entityType: "person", entityId: Fixture.id(1000 + seq),
                                   personId: seq.isMultiple(of: 2) ? Fixture.id(1000 + seq) : nil,
                                   ipAddress: "192.0.2.\(seq % 250)", reason: seq.isMultiple(of: 5) ? "s47 enquiry" : nil,
                                   detail: "fields: givenName")
            let entry = AuditChain.seal(event, seq: seq, at: start.addingTimeInterval(Double(seq)), previousHash: previous)
            entries.append(entry)
            previous = entry.hash
        }
        return entries
    }

    /// The first complaint the verifier makes, or nil when the whole chain holds.
    static func verify(_ entries: [AuditEntry]) -> String? {
        var verifier = AuditChain.Verifier()
        for entry in entries {
            if let problem = verifier.check(entry) { return problem }
        }
        return nil
    }

    static func resealed(_ entry: AuditEntry, event: AuditEvent? = nil, previousHash: String? = nil) -> AuditEntry {
        AuditChain.seal(event ?? entry.event, seq: entry.seq, at: entry.at, previousHash: previousHash ?? entry.previousHash)
    }

    @Test("A sealed chain verifies end to end", arguments: [1, 2, 10, 200])
    func sealedChainVerifies(count: Int) {
        let entries = Self.chain(count)
        var verifier = AuditChain.Verifier()
        for entry in entries { #expect(verifier.check(entry) == nil, "entry \(entry.seq)") }
        #expect(verifier.checked == count)
        #expect(entries.first?.previousHash == AuditChain.genesis)
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.hash == $1.previousHash })
    }

    @Test("Hashes are 64 lower-case hex digits and the genesis is 64 zeros")
    func hashShape() {
        #expect(AuditChain.genesis == String(repeating: "0", count: 64))
        for entry in Self.chain(5) {
            #expect(entry.hash.count == 64)
            #expect(entry.hash.allSatisfy { "0123456789abcdef".contains($0) })
        }
    }

    @Test("An edited detail is detected and the entry named")
    func editedEntry() {
        var entries = Self.chain(10)
        var event = entries[4].event
        event.detail = "fields: familyName"
        entries[4] = AuditEntry(seq: 5, at: entries[4].at, event: event, previousHash: entries[4].previousHash,
                                hash: entries[4].hash)
        #expect(Self.verify(entries) == "entry 5 has been altered: its content no longer matches its hash")
    }

    @Test("An edit that reseals the entry still breaks the link to the next one")
    func editedAndResealed() {
        var entries = Self.chain(10)
        var event = entries[4].event
        event.actorName = "Someone Else"
        entries[4] = Self.resealed(entries[4], event: event)
        #expect(Self.verify(entries) ==
            "entry 6 does not follow the entry before it: a row was inserted, deleted or reordered")
    }

    @Test("A deleted middle entry is detected and the missing seq named")
    func deletedEntry() {
        var entries = Self.chain(10)
        entries.remove(at: 3)
        #expect(Self.verify(entries) == "entry 4 is missing (found 5 next): a row was deleted")
    }

    @Test("A deleted first entry is detected")
    func deletedFirstEntry() {
        #expect(Self.verify(Array(Self.chain(5).dropFirst())) == "entry 1 is missing (found 2 next): a row was deleted")
    }

    @Test("An inserted entry is detected, even one sealed onto the chain")
    func insertedEntry() {
        var entries = Self.chain(10)
        let forged = AuditChain.seal(AuditEvent(actorId: nil, actorName: "Forger", action: .read, entityType: "person"),
                                     seq: 4, at: entries[2].at.addingTimeInterval(0.5), previousHash: entries[2].hash)
        entries.insert(forged, at: 3)
        #expect(Self.verify(entries) == "entry 4 appears where 5 was expected: rows were inserted or reordered")
    }

    @Test("An inserted entry with the following entries renumbered is detected")
    func insertedAndRenumbered() {
        let original = Self.chain(6)
        var entries = Array(original.prefix(3))
        entries.append(AuditChain.seal(AuditEvent(actorId: nil, actorName: "Forger", action: .read, entityType: "person"),
                                       seq: 4, at: original[2].at, previousHash: original[2].hash))
        for entry in original.dropFirst(3) {
            entries.append(AuditEntry(seq: entry.seq + 1, at: entry.at, event: entry.event,
                                      previousHash: entry.previousHash, hash: entry.hash))
        }
        #expect(Self.verify(entries) ==
            "entry 5 does not follow the entry before it: a row was inserted, deleted or reordered")
    }

    @Test("Two swapped entries are detected")
    func swappedEntries() {
        var entries = Self.chain(10)
        entries.swapAt(5, 6)
        #expect(Self.verify(entries) == "entry 6 is missing (found 7 next): a row was deleted")
    }

    @Test("Two entries whose contents were swapped but seqs kept are detected")
    func swappedContents() {
        var entries = Self.chain(10)
        let (a, b) = (entries[5], entries[6])
        entries[5] = AuditEntry(seq: a.seq, at: b.at, event: b.event, previousHash: b.previousHash, hash: b.hash)
        entries[6] = AuditEntry(seq: b.seq, at: a.at, event: a.event, previousHash: a.previousHash, hash: a.hash)
        #expect(Self.verify(entries) ==
            "entry 6 does not follow the entry before it: a row was inserted, deleted or reordered")
    }

    @Test("A changed previousHash is detected and the entry named")
    func changedPreviousHash() {
        var entries = Self.chain(10)
        let e = entries[7]
        entries[7] = AuditEntry(seq: e.seq, at: e.at, event: e.event,
                                previousHash: String(repeating: "f", count: 64), hash: e.hash)
        #expect(Self.verify(entries) ==
            "entry 8 does not follow the entry before it: a row was inserted, deleted or reordered")
    }

    @Test("Every field of the entry is covered by its hash")
    func hashCoversEveryField() {
        let entry = Self.chain(2)[1]
        let base = entry.event
        var variants: [AuditEvent] = []
        var e = base; e.actorId = nil; variants.append(e)
        e = base; e.actorName = "Test User X"; variants.append(e)
        e = base; e.action = .grant; variants.append(e)
        e = base; e.entityType = "relationship"; variants.append(e)
        e = base; e.entityId = Fixture.id(9999); variants.append(e)
        e = base; e.personId = nil; variants.append(e)
        e = base; e.ipAddress = "198.51.100.1"; variants.append(e)
        e = base; e.reason = "audit sample"; variants.append(e)
        e = base; e.detail = nil; variants.append(e)
        e = base; e.detail = ""; variants.append(e)
        #expect(!variants.contains(base))
        let original = AuditChain.hash(base, seq: 2, at: entry.at, previousHash: entry.previousHash)
        #expect(original == entry.hash)
        let hashes = variants.map { AuditChain.hash($0, seq: 2, at: entry.at, previousHash: entry.previousHash) }
        #expect(Set(hashes + [original]).count == variants.count + 1)
        #expect(AuditChain.hash(base, seq: 3, at: entry.at, previousHash: entry.previousHash) != original)
        #expect(AuditChain.hash(base, seq: 2, at: entry.at.addingTimeInterval(0.001), previousHash: entry.previousHash) != original)
    }

    @Test("An entry whose time went through the stored text form still verifies",
        arguments: ["1972-03-03T02:14:26.002Z", "2038-05-06T20:07:59.936Z"])
    func timeThroughStoredText(text: String) throws {
        // The store writes Timestamp.string(now) and seals with `now`; reading back parses the text.
        let now = try #require(Timestamp.date(text)).addingTimeInterval(0.000_4)
        try #require(Timestamp.string(now) == text)
        let event = AuditEvent(actorId: Fixture.id(1), actorName: "Test User", action: .read, entityType: "person")
        let sealed = AuditChain.seal(event, seq: 1, at: now, previousHash: AuditChain.genesis)
        let readBack = AuditEntry(seq: 1, at: try #require(Timestamp.date(text)), event: event,
                                  previousHash: sealed.previousHash, hash: sealed.hash)
        var verifier = AuditChain.Verifier()
        #expect(verifier.check(readBack) == nil)
    }

    @Test("Field boundaries are unambiguous: moving text between fields changes the hash")
    func fieldBoundaries() {
        let a = AuditEvent(actorId: nil, actorName: "ab", action: .read, entityType: "c", reason: "x|1:y", detail: nil)
        let b = AuditEvent(actorId: nil, actorName: "a", action: .read, entityType: "bc", reason: "x", detail: "y")
        #expect(AuditChain.hash(a, seq: 1, at: Self.start, previousHash: AuditChain.genesis)
            != AuditChain.hash(b, seq: 1, at: Self.start, previousHash: AuditChain.genesis))
    }
}
