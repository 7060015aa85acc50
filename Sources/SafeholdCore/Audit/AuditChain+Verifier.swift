import Foundation

extension AuditChain {
    /// Walks the stored chain entry by entry in sequence order, recomputing each seal from the
    /// stored text, and holds it against the signed checkpoints.
    public struct Verifier: Sendable {
        /// Entries examined so far.
        public private(set) var checked = 0
        private var expectedSeq = 1
        private var previousHash = AuditChain.genesis
        private var keyedSeen = false
        private let key: AuditKey
        private let checkpointsBySeq: [Int: [AuditCheckpoint]]
        /// Every checkpoint was signed by a keyed build, so every entry after the earliest one is keyed.
        private let unkeyedAllowedThrough: Int
        private let latest: AuditCheckpoint?

        /// A verifier for the key that sealed the log and the checkpoints to hold it against (check
        /// their signatures first with `AuditCheckpoint.problem(in:key:)`).
        public init(key: AuditKey, checkpoints: [AuditCheckpoint] = []) {
            self.key = key
            checkpointsBySeq = Dictionary(grouping: checkpoints, by: \.seq)
            unkeyedAllowedThrough = checkpoints.map(\.seq).min() ?? .max
            latest = checkpoints.max { ($0.seq, $0.at) < ($1.seq, $1.at) }
        }

        /// Checks the next stored entry; returns why the chain breaks here, or nil when it holds.
        public mutating func check(_ record: AuditRecord) -> String? {
            defer { checked += 1 }
            let seq = record.seq
            if seq != expectedSeq {
                return seq > expectedSeq
                    ? "entry \(expectedSeq) is missing (found \(seq) next): a row was deleted"
                    : "entry \(seq) appears where \(expectedSeq) was expected: rows were inserted or reordered"
            }
            if record.previousHash != previousHash {
                return "entry \(seq) does not follow the entry before it: a row was inserted, deleted or reordered"
            }
            if let problem = formatProblem(record) { return problem }
            if AuditChain.hash(record, key: key) != record.hash {
                return "entry \(seq) has been altered: its seal does not match its stored content "
                    + "(changed, forged without the key, or sealed with another key)"
            }
            do {
                _ = try record.entry()
            } catch {
                return "entry \(seq) cannot be read: \(error)"
            }
            if let checkpoint = checkpointsBySeq[seq]?.first(where: { $0.head != record.hash }) {
                return "entry \(seq) differs from the signed checkpoint of \(checkpoint.at): the log was rewritten"
            }
            expectedSeq += 1
            previousHash = record.hash
            return nil
        }

        private mutating func formatProblem(_ record: AuditRecord) -> String? {
            switch record.format {
            case AuditChain.keyedFormat:
                keyedSeen = true
                return nil
            case AuditChain.unkeyedFormat where keyedSeen:
                return "entry \(record.seq) is unkeyed but follows keyed entries: it was written without the key"
            case AuditChain.unkeyedFormat where record.seq > unkeyedAllowedThrough:
                return "entry \(record.seq) is unkeyed but comes after a checkpoint of entry \(unkeyedAllowedThrough): "
                    + "it was written without the key"
            case AuditChain.unkeyedFormat:
                return nil
            default:
                return "entry \(record.seq) has an unknown format \(record.format)"
            }
        }

        /// After the last entry: the first entry that is wrong for the log as a whole, or nil when
        /// `rowCount` (every row, counted with no filter) is the chain 1...n and no checkpoint lies
        /// beyond its end.
        public func finish(rowCount: Int) -> (seq: Int, reason: String)? {
            if rowCount != checked {
                return (
                    checked + 1,
                    "the log holds \(rowCount) rows but the chain 1...\(checked) accounts for "
                        + "\(checked): \(rowCount - checked) rows have no sequence number or one outside the chain"
                )
            }
            if let latest, latest.seq > checked {
                return (
                    checked + 1,
                    "the log ends at entry \(checked) but the checkpoint of \(latest.at) records "
                        + "entry \(latest.seq): the newest entries were removed"
                )
            }
            return nil
        }
    }
}
