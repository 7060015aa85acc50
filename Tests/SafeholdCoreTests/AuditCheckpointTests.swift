import Foundation
import Testing

@testable import SafeholdCore

@Suite("Audit checkpoints and unkeyed history")
struct AuditCheckpointTests {
    typealias Chain = AuditChainTests
    static let key = Chain.key

    static func checkpoint(_ records: [AuditRecord], through seq: Int, key: AuditKey = key) -> AuditCheckpoint {
        AuditCheckpoint.sign(
            seq: seq, head: seq == 0 ? AuditChain.genesis : records[seq - 1].hash,
            at: Chain.start.addingTimeInterval(Double(seq) + 0.5), key: key)
    }

    @Test("A checkpoint verifies with its key and fails when any field or the key changes")
    func signature() {
        let records = Chain.chain(5)
        let checkpoint = Self.checkpoint(records, through: 5)
        #expect(checkpoint.isSigned(by: Self.key))
        #expect(!checkpoint.isSigned(by: Chain.otherKey))
        let altered = [
            AuditCheckpoint(
                seq: 4, head: checkpoint.head, at: checkpoint.at, keyId: checkpoint.keyId,
                signature: checkpoint.signature),
            AuditCheckpoint(
                seq: 5, head: records[3].hash, at: checkpoint.at, keyId: checkpoint.keyId,
                signature: checkpoint.signature),
            AuditCheckpoint(
                seq: 5, head: checkpoint.head, at: "2030-01-01T00:00:00.000Z", keyId: checkpoint.keyId,
                signature: checkpoint.signature),
        ]
        for forged in altered {
            #expect(!forged.isSigned(by: Self.key))
            #expect(
                AuditCheckpoint.problem(in: [checkpoint, forged], key: Self.key)?.reason
                    .contains("does not carry a valid signature") == true)
        }
        #expect(AuditCheckpoint.problem(in: [checkpoint], key: Self.key) == nil)
    }

    @Test("Checkpoints signed by another key are named as such, with both key ids")
    func otherKey() throws {
        let checkpoint = Self.checkpoint(Chain.chain(3), through: 3, key: Chain.otherKey)
        let problem = try #require(AuditCheckpoint.problem(in: [checkpoint], key: Self.key))
        #expect(problem.reason.contains("signed by key \(Chain.otherKey.id)"))
        #expect(problem.reason.contains("not by the key given (\(Self.key.id))"))
        #expect(Self.key.id != Chain.otherKey.id && Self.key.id.count == 16)
    }

    @Test("Removing the newest entries after a checkpoint is found, naming the first missing entry")
    func truncationBelowCheckpoint() {
        let records = Chain.chain(10)
        let checkpoints = [Self.checkpoint(records, through: 4), Self.checkpoint(records, through: 8)]
        #expect(Chain.verify(records, checkpoints: checkpoints) == nil)
        #expect(Chain.verify(Array(records.prefix(8)), checkpoints: checkpoints) == nil)
        #expect(
            Chain.verify(Array(records.prefix(6)), checkpoints: checkpoints) == "the log ends at entry 6 but the "
                + "checkpoint of \(checkpoints[1].at) records entry 8: the newest entries were removed")
        var verifier = AuditChain.Verifier(key: Self.key, checkpoints: checkpoints)
        for record in records.prefix(6) { _ = verifier.check(record) }
        #expect(verifier.finish(rowCount: 6)?.seq == 7)
    }

    @Test("A log rewritten with the key up to a checkpoint differs from the checkpoint's head")
    func rewrittenBeforeCheckpoint() {
        let records = Chain.chain(6)
        let checkpoint = Self.checkpoint(records, through: 6)
        // Whoever holds the key could reseal an edit and every entry after it; the checkpoint still holds.
        var rewritten = Array(records.prefix(2))
        for var record in records.dropFirst(2) {
            record.previousHash = rewritten.last!.hash
            if record.seq == 3 { record.detail = "nothing happened" }
            rewritten.append(Chain.resealed(record))
        }
        #expect(Chain.verify(rewritten) == nil)
        #expect(
            Chain.verify(rewritten, checkpoints: [checkpoint])
                == "entry 6 differs from the signed checkpoint of \(checkpoint.at): the log was rewritten")
    }

    @Test("More rows than the chain accounts for (a row with no usable sequence number) is found")
    func rowCountAgainstChain() {
        #expect(
            Chain.verify(Chain.chain(5), rowCount: 6) == "the log holds 6 rows but the chain 1...5 accounts "
                + "for 5: 1 rows have no sequence number or one outside the chain")
    }

    @Test("Unkeyed entries from before the key verify as a prefix, and the keyed entries after them")
    func unkeyedPrefix() {
        let old = Chain.unkeyedChain(4)
        let records = Chain.chain(4, after: old)
        #expect(records.map(\.format) == [1, 1, 1, 1, 2, 2, 2, 2])
        #expect(Chain.verify(records) == nil)
        // The first keyed entry's seal covers the last unkeyed hash, so rewriting the old part is found.
        var rewritten = records
        rewritten[1].detail = "changed"
        rewritten[1] = Chain.resealed(rewritten[1])
        for i in 2..<4 {
            rewritten[i].previousHash = rewritten[i - 1].hash
            rewritten[i] = Chain.resealed(rewritten[i])
        }
        #expect(
            Chain.verify(rewritten)
                == "entry 5 does not follow the entry before it: a row was inserted, deleted or reordered")
        // An unkeyed entry's stored text is covered too: a lower-cased id is found.
        var lowered = records
        lowered[2].actorId = lowered[2].actorId?.lowercased()
        #expect(Chain.verify(lowered)?.hasPrefix("entry 3 has been altered") == true)
    }

    @Test("An unkeyed entry after keyed ones, or after a checkpoint, is refused even when its hash is right")
    func unkeyedAfterKeyed() {
        var records = Chain.chain(3)
        var forged = AuditRecord(Chain.event(4), seq: 4, at: Chain.start, previousHash: records[2].hash, format: 1)
        forged.hash = AuditChain.hash(forged, key: Self.key)!
        records.append(forged)
        #expect(Chain.verify(records) == "entry 4 is unkeyed but follows keyed entries: it was written without the key")

        // A whole log downgraded to the unkeyed format: every checkpoint was written by a keyed build.
        let downgraded = Chain.unkeyedChain(6)
        let checkpoint = Self.checkpoint(downgraded, through: 4)
        #expect(Chain.verify(downgraded) == nil, "without a checkpoint it looks like an old log")
        #expect(
            Chain.verify(downgraded, checkpoints: [checkpoint])
                == "entry 5 is unkeyed but comes after a checkpoint of entry 4: it was written without the key")
    }

    @Test("The empty log's checkpoint names the genesis; a checkpoint of seq 0 with another head is refused")
    func emptyLogCheckpoint() {
        let empty = Self.checkpoint([], through: 0)
        #expect(Chain.verify([], checkpoints: [empty]) == nil)
        let odd = AuditCheckpoint.sign(seq: 0, head: String(repeating: "a", count: 64), at: Chain.start, key: Self.key)
        #expect(AuditCheckpoint.problem(in: [odd], key: Self.key)?.reason.contains("names no entry") == true)
    }

    @Test("Keys: base64 of at least 32 bytes, a stable id per key, a fresh random key each time")
    func keys() throws {
        #expect(AuditKey(base64: Data(repeating: 9, count: 31).base64EncodedString()) == nil)
        #expect(AuditKey(base64: "not base64!") == nil)
        let text = Data(repeating: 9, count: 32).base64EncodedString()
        let key = try #require(AuditKey(base64: "  \(text)\n"))
        #expect(key.base64 == text)
        #expect(AuditKey(base64: text)?.id == key.id)
        let a = AuditKey.generate(), b = AuditKey.generate()
        #expect(a.id != b.id && a.base64 != b.base64)
        #expect(Data(base64Encoded: a.base64)?.count == 32)
    }
}
