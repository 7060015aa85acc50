import Foundation

/// A signed note of the chain's head (its newest sequence number and hash) at a moment, kept outside
/// the database. The log may only grow past a checkpoint: a log shorter than one, or with another
/// hash at its sequence number, has been truncated or rewritten.
public struct AuditCheckpoint: Codable, Hashable, Sendable {
    /// The newest entry's sequence number (0 for an empty log).
    public let seq: Int
    /// The newest entry's hash (the genesis hash for an empty log).
    public let head: String
    /// When it was taken, as stored text (`YYYY-MM-DDTHH:MM:SS.mmmZ`).
    public let at: String
    /// The id of the key that signed it.
    public let keyId: String
    /// HMAC-SHA256 over the fields above with the audit key.
    public let signature: String

    public init(seq: Int, head: String, at: String, keyId: String, signature: String) {
        self.seq = seq
        self.head = head
        self.at = at
        self.keyId = keyId
        self.signature = signature
    }

    /// Signs the head `seq`/`head` as seen at `at`.
    public static func sign(seq: Int, head: String, at: Date, key: AuditKey) -> AuditCheckpoint {
        let time = Timestamp.string(at)
        return AuditCheckpoint(
            seq: seq, head: head, at: time, keyId: key.id,
            signature: key.mac(signedFields(seq: seq, head: head, at: time, keyId: key.id)))
    }

    /// Whether `key` made this checkpoint's signature.
    public func isSigned(by key: AuditKey) -> Bool {
        keyId == key.id && key.mac(Self.signedFields(seq: seq, head: head, at: at, keyId: keyId)) == signature
    }

    /// Why this set of checkpoints cannot be trusted with `key`, or nil when every one is signed by
    /// it and well formed. Checked before the chain, so a wrong key is named as such.
    public static func problem(in checkpoints: [AuditCheckpoint], key: AuditKey) -> (seq: Int, reason: String)? {
        for checkpoint in checkpoints.sorted(by: { ($0.seq, $0.at) < ($1.seq, $1.at) }) {
            if checkpoint.keyId != key.id {
                return (
                    checkpoint.seq,
                    "the checkpoint of \(checkpoint.at) was signed by key \(checkpoint.keyId), "
                        + "not by the key given (\(key.id)): verify with the audit key the server uses"
                )
            }
            if !checkpoint.isSigned(by: key) {
                return (
                    checkpoint.seq,
                    "the checkpoint of \(checkpoint.at) (entry \(checkpoint.seq)) does not carry "
                        + "a valid signature: it was altered or forged"
                )
            }
            if checkpoint.seq < 0 || (checkpoint.seq == 0 && checkpoint.head != AuditChain.genesis) {
                return (checkpoint.seq, "the checkpoint of \(checkpoint.at) names no entry of a chain")
            }
        }
        return nil
    }

    private static func signedFields(seq: Int, head: String, at: String, keyId: String) -> [String?] {
        ["safehold-audit-checkpoint", "1", String(seq), head, at, keyId]
    }
}
