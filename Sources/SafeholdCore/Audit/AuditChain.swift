import Crypto
import Foundation

/// The hash chain that makes the audit log tamper-evident: each entry's hash covers its content and
/// the previous entry's hash, so an edited, deleted, inserted or reordered row breaks the chain.
public enum AuditChain {
    /// The previous hash of the very first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// Places an event after the entry with `previousHash` at position `seq`.
    public static func seal(_ event: AuditEvent, seq: Int, at: Date, previousHash: String) -> AuditEntry {
        AuditEntry(seq: seq, at: at, event: event, previousHash: previousHash,
                   hash: hash(event, seq: seq, at: at, previousHash: previousHash))
    }

    /// SHA-256 over a canonical, length-prefixed rendering of every field.
    public static func hash(_ e: AuditEvent, seq: Int, at: Date, previousHash: String) -> String {
        let fields: [String?] = [
            String(seq), Timestamp.string(at), e.actorId?.uuidString, e.actorName, e.action.rawValue,
            e.entityType, e.entityId?.uuidString, e.personId?.uuidString, e.ipAddress, e.reason, e.detail,
            previousHash,
        ]
        var canonical = ""
        for field in fields {
            if let field { canonical += "\(field.utf8.count):\(field)|" } else { canonical += "-|" }
        }
        return SHA256.hash(data: Data(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Walks the chain entry by entry, in the order the log stores them.
    public struct Verifier: Sendable {
        public private(set) var checked = 0
        private var expectedSeq = 1
        private var previousHash = AuditChain.genesis

        public init() {}

        /// Checks the next entry; returns why the chain breaks here, or nil when it holds.
        public mutating func check(_ entry: AuditEntry) -> String? {
            defer { checked += 1 }
            if entry.seq != expectedSeq {
                return entry.seq > expectedSeq
                    ? "entry \(expectedSeq) is missing (found \(entry.seq) next): a row was deleted"
                    : "entry \(entry.seq) appears where \(expectedSeq) was expected: rows were inserted or reordered"
            }
            if entry.previousHash != previousHash {
                return "entry \(entry.seq) does not follow the entry before it: a row was inserted, deleted or reordered"
            }
            let recomputed = AuditChain.hash(entry.event, seq: entry.seq, at: entry.at, previousHash: entry.previousHash)
            if recomputed != entry.hash {
                return "entry \(entry.seq) has been altered: its content no longer matches its hash"
            }
            expectedSeq += 1
            previousHash = entry.hash
            return nil
        }
    }
}
