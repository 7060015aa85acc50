import Crypto
import Foundation
import Testing

@testable import SafeholdCore

@Suite("AuditChain")
struct AuditChainTests {
    static let start = Date(timeIntervalSince1970: 1_744_900_000)
    static let key = AuditKey(bytes: Array(repeating: UInt8(1), count: 32))!
    static let otherKey = AuditKey(bytes: Array(repeating: UInt8(2), count: 32))!

    static func event(_ seq: Int) -> AuditEvent {
        AuditEvent(
            actorId: Fixture.id(seq % 3 + 10), actorName: "Test User \(seq % 3 + 1)",
            action: AuditAction.allCases[seq % AuditAction.allCases.count],
            entityType: "person", entityId: Fixture.id(1000 + seq),
            personId: seq.isMultiple(of: 2) ? Fixture.id(1000 + seq) : nil,
            ipAddress: "192.0.2.\(seq % 250)", reason: seq.isMultiple(of: 5) ? "s47 enquiry" : nil,
            detail: "fields: givenName")
    }

    /// A sealed chain of `count` synthetic entries one second apart, after `prefix` (for chains that
    /// start with old unkeyed entries).
    static func chain(_ count: Int, key: AuditKey = key, after prefix: [AuditRecord] = []) -> [AuditRecord] {
        var records = prefix
        for seq in (prefix.count + 1)...(prefix.count + count) {
            records.append(
                AuditChain.seal(
                    event(seq), seq: seq, at: start.addingTimeInterval(Double(seq)),
                    previousHash: records.last?.hash ?? AuditChain.genesis, key: key))
        }
        return records
    }

    /// Entries as the build before the key wrote them: SHA-256 with no key, format 1.
    static func unkeyedChain(_ count: Int) -> [AuditRecord] {
        var records: [AuditRecord] = []
        for seq in 1...count {
            var record = AuditRecord(
                event(seq), seq: seq, at: start.addingTimeInterval(Double(seq)),
                previousHash: records.last?.hash ?? AuditChain.genesis, format: 1)
            record.hash = AuditChain.hash(record, key: key)!
            records.append(record)
        }
        return records
    }

    /// The first complaint the verifier makes (including at the end), or nil when the whole chain holds.
    static func verify(
        _ records: [AuditRecord], key: AuditKey = key, checkpoints: [AuditCheckpoint] = [],
        rowCount: Int? = nil
    ) -> String? {
        var verifier = AuditChain.Verifier(key: key, checkpoints: checkpoints)
        for record in records {
            if let problem = verifier.check(record) { return problem }
        }
        return verifier.finish(rowCount: rowCount ?? records.count)?.reason
    }

    static func resealed(_ record: AuditRecord, key: AuditKey = key) -> AuditRecord {
        var copy = record
        copy.hash = AuditChain.hash(copy, key: key)!
        return copy
    }

    @Test("A sealed chain verifies end to end, each entry pointing at the one before", arguments: [1, 2, 10, 200])
    func sealedChainVerifies(count: Int) {
        let records = Self.chain(count)
        var verifier = AuditChain.Verifier(key: Self.key)
        for record in records { #expect(verifier.check(record) == nil, "entry \(record.seq)") }
        #expect(verifier.checked == count)
        #expect(verifier.finish(rowCount: count) == nil)
        #expect(records.first?.previousHash == AuditChain.genesis)
        #expect(zip(records, records.dropFirst()).allSatisfy { $0.hash == $1.previousHash })
        #expect(records.allSatisfy { $0.format == AuditChain.keyedFormat })
    }

    @Test("Seals are 64 lower-case hex digits, differ by key, and the genesis is 64 zeros")
    func hashShape() {
        #expect(AuditChain.genesis == String(repeating: "0", count: 64))
        for record in Self.chain(5) {
            #expect(record.hash.count == 64)
            #expect(record.hash.allSatisfy { "0123456789abcdef".contains($0) })
        }
        #expect(Self.chain(3).map(\.hash) != Self.chain(3, key: Self.otherKey).map(\.hash))
    }

    @Test("Changing the case of a stored id breaks the seal although the id parses the same")
    func caseOfAnIdIsCovered() throws {
        var records = Self.chain(6)
        let original = records[3]
        var changed = original
        changed.entityId = original.entityId?.lowercased()
        #expect(changed.entityId != original.entityId)
        #expect(try changed.entry().event == original.entry().event, "the parsed entry is the same")
        records[3] = changed
        #expect(Self.verify(records)?.hasPrefix("entry 4 has been altered") == true)
    }

    @Test("A time stored in another spelling of the same instant breaks the seal")
    func spellingOfTheTimeIsCovered() {
        var records = Self.chain(4)
        records[1].at = records[1].at.replacingOccurrences(of: "Z", with: "+00:00")
        #expect(Self.verify(records)?.hasPrefix("entry 2 has been altered") == true)
    }

    @Test("The sealed text gives each field's length in UTF-8 bytes, then the field, and marks an absent one")
    func canonicalText() {
        let long = String(repeating: "x", count: 1234)
        let fields: [String?] = ["hello", nil, "", "Zo\u{EB} e\u{301}", "9|x", "123456789", "1234567890", long]
        let expected = "5:hello|-|0:|8:Zo\u{EB} e\u{301}|3:9|x|9:123456789|10:1234567890|1234:\(long)|"
        #expect(AuditChain.canonical(fields) == Array(expected.utf8))
        #expect(AuditChain.canonical([]) == [])
    }

    @Test("A forged entry carrying an unkeyed SHA-256 of its content is found")
    func forgedUnkeyedEntry() {
        var records = Self.chain(5)
        var forged = AuditRecord(Self.event(6), seq: 6, at: Self.start, previousHash: records[4].hash, format: 2)
        forged.hash = Digits.hex(
            SHA256.hash(
                data: AuditChain.canonical(
                    ["safehold-audit-entry", "2"]
                        + forged.contentFields)))
        records.append(forged)
        #expect(Self.verify(records)?.hasPrefix("entry 6 has been altered") == true)
    }

    @Test("A forged entry sealed with another key is found; so is a whole log verified with the wrong key")
    func otherKey() {
        var records = Self.chain(5)
        records.append(
            AuditChain.seal(
                Self.event(6), seq: 6, at: Self.start, previousHash: records[4].hash,
                key: Self.otherKey))
        #expect(Self.verify(records)?.hasPrefix("entry 6 has been altered") == true)
        #expect(Self.verify(Self.chain(5), key: Self.otherKey)?.hasPrefix("entry 1 has been altered") == true)
    }

    @Test("An edited detail is detected and the entry named")
    func editedEntry() {
        var records = Self.chain(10)
        records[4].detail = "fields: familyName"
        #expect(
            Self.verify(records) == "entry 5 has been altered: its seal does not match its stored content "
                + "(changed, forged without the key, or sealed with another key)")
    }

    @Test("An edit resealed with the key still breaks the link to the next entry")
    func editedAndResealed() {
        var records = Self.chain(10)
        records[4].actorName = "Someone Else"
        records[4] = Self.resealed(records[4])
        #expect(
            Self.verify(records)
                == "entry 6 does not follow the entry before it: a row was inserted, deleted or reordered")
    }

    @Test("Deleted, inserted, renumbered and swapped entries are found at the right entry")
    func structuralChanges() {
        var deleted = Self.chain(10)
        deleted.remove(at: 3)
        #expect(Self.verify(deleted) == "entry 4 is missing (found 5 next): a row was deleted")
        #expect(Self.verify(Array(Self.chain(5).dropFirst())) == "entry 1 is missing (found 2 next): a row was deleted")

        var inserted = Self.chain(10)
        inserted.insert(
            AuditChain.seal(
                Self.event(99), seq: 4, at: Self.start, previousHash: inserted[2].hash,
                key: Self.key), at: 3)
        #expect(Self.verify(inserted) == "entry 4 appears where 5 was expected: rows were inserted or reordered")

        var swapped = Self.chain(10)
        swapped.swapAt(5, 6)
        #expect(Self.verify(swapped) == "entry 6 is missing (found 7 next): a row was deleted")

        var changedLink = Self.chain(10)
        changedLink[7].previousHash = String(repeating: "f", count: 64)
        #expect(
            Self.verify(changedLink)
                == "entry 8 does not follow the entry before it: a row was inserted, deleted or reordered")
    }

    @Test("Every stored field, the format and the key are covered by the seal")
    func sealCoversEveryField() {
        let base = Self.chain(2)[1]
        var variants: [AuditRecord] = []
        var r = base; r.seq = 3; variants.append(r)
        r = base; r.at = "2025-04-17T14:26:42.001Z"; variants.append(r)
        r = base; r.actorId = nil; variants.append(r)
        r = base; r.actorName = "Test User X"; variants.append(r)
        r = base; r.action = "grant"; variants.append(r)
        r = base; r.entityType = "relationship"; variants.append(r)
        r = base; r.entityId = nil; variants.append(r)
        r = base; r.personId = nil; variants.append(r)
        r = base; r.ipAddress = "198.51.100.1"; variants.append(r)
        r = base; r.reason = "audit sample"; variants.append(r)
        r = base; r.detail = nil; variants.append(r)
        r = base; r.detail = ""; variants.append(r)
        r = base; r.previousHash = String(repeating: "1", count: 64); variants.append(r)
        let hashes = variants.map { AuditChain.hash($0, key: Self.key)! }
        #expect(AuditChain.hash(base, key: Self.key) == base.hash)
        #expect(Set(hashes + [base.hash]).count == variants.count + 1)
        r = base; r.format = 1
        #expect(AuditChain.hash(r, key: Self.key) != base.hash)
        #expect(AuditChain.hash(base, key: Self.otherKey) != base.hash)
    }

    @Test("Field boundaries are unambiguous: moving text between fields changes the seal")
    func fieldBoundaries() {
        var a = AuditRecord(
            AuditEvent(
                actorId: nil, actorName: "ab", action: .read, entityType: "c",
                reason: "x|1:y", detail: nil), seq: 1, at: Self.start,
            previousHash: AuditChain.genesis, format: 2)
        var b = a
        b.actorName = "a"; b.entityType = "bc"; b.reason = "x"; b.detail = "y"
        a.hash = AuditChain.hash(a, key: Self.key)!
        #expect(AuditChain.hash(b, key: Self.key) != a.hash)
    }

    @Test("A validly sealed entry that does not parse (unknown action) is named as unreadable")
    func unreadableEntry() {
        var records = Self.chain(3)
        records.append(
            Self.resealed(
                AuditRecord(
                    seq: 4, at: records[2].at, actorId: nil, actorName: "System",
                    action: "teleport", entityType: "person", entityId: nil,
                    personId: nil, ipAddress: nil, reason: nil, detail: nil,
                    previousHash: records[2].hash, hash: "", format: 2)))
        #expect(Self.verify(records) == "entry 4 cannot be read: its action 'teleport' is unknown")
    }

    @Test("An entry in an unknown format is refused")
    func unknownFormat() {
        var records = Self.chain(3)
        records[2].format = 3
        #expect(Self.verify(records) == "entry 3 has an unknown format 3")
    }
}
