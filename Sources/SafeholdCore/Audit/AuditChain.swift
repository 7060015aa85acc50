import Crypto
import Foundation

/// The keyed hash chain that makes the audit log tamper-evident: each entry's seal covers its stored
/// text and the previous entry's seal, so an edited, deleted, inserted or reordered row breaks the
/// chain, and without the key nobody can make a new or changed entry that verifies.
public enum AuditChain {
    /// The previous hash of the very first entry.
    public static let genesis = String(repeating: "0", count: 64)
    /// The format every new entry is written in: HMAC-SHA256 with the audit key.
    public static let keyedFormat = 2
    /// Entries written before the key existed: SHA-256 with no key, verified only as a prefix of the log.
    public static let unkeyedFormat = 1

    /// Places an event after the entry with `previousHash` at position `seq`, sealed with `key`.
    public static func seal(
        _ event: AuditEvent, seq: Int, at: Date, previousHash: String,
        key: AuditKey
    ) -> AuditRecord {
        var record = AuditRecord(event, seq: seq, at: at, previousHash: previousHash, format: keyedFormat)
        record.hash = hash(record, key: key) ?? ""
        return record
    }

    /// Places `events` in order after the entry `seq` whose hash is `previousHash`, all at `at`, each sealed
    /// onto the one before exactly as `seal` would: the time is written and the key set up once for the lot
    /// (a whole-authority read, the census, audits 20,000 entries in one go).
    public static func seal(
        _ events: [AuditEvent], after seq: Int, at: Date, previousHash: String, key: AuditKey
    ) -> [AuditRecord] {
        let stored = Timestamp.string(at), mac = key.macs()
        var previous = previousHash
        return events.enumerated().map { index, event in
            var record = AuditRecord(
                event, seq: seq + index + 1, storedAt: stored, previousHash: previous, format: keyedFormat)
            record.hash = mac(["safehold-audit-entry", String(keyedFormat)] + record.contentFields)
            previous = record.hash
            return record
        }
    }

    /// The hash `record` should carry, recomputed from its stored text in its format; nil for a
    /// format this build does not know.
    public static func hash(_ record: AuditRecord, key: AuditKey) -> String? {
        switch record.format {
        case keyedFormat:
            return key.mac(["safehold-audit-entry", String(keyedFormat)] + record.contentFields)
        case unkeyedFormat:
            return Digits.hex(SHA256.hash(data: canonical(record.contentFields)))
        default:
            return nil
        }
    }

    /// A length-prefixed rendering of the fields, so text cannot move from one field to the next
    /// without changing the bytes: `5:hello|-|` is "hello" followed by an absent field.
    static func canonical(_ fields: [String?]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.reduce(0) { $0 + ($1?.utf8.count ?? 0) + 6 })
        for field in fields {
            guard let field else {
                bytes.append(contentsOf: [UInt8(ascii: "-"), UInt8(ascii: "|")])
                continue
            }
            let count = field.utf8.count
            var digits = 1, rest = count
            while rest >= 10 { digits *= 10; rest /= 10 }
            while digits > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(count / digits % 10))
                digits /= 10
            }
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: field.utf8)
            bytes.append(UInt8(ascii: "|"))
        }
        return bytes
    }
}
