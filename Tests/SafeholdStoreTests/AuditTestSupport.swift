import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Raw SQL against `audit_log`, as an attacker with a database connection would write it.
enum AuditSQL {
    static func quoted(_ text: String?) -> String {
        text.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL"
    }

    /// The column list and a VALUES tuple for `record`, with `seq` and `format` as raw SQL (so they
    /// can be NULL, negative or text).
    static func values(_ r: AuditRecord, seq: String? = nil, format: String? = nil) -> String {
        let fields = [
            seq ?? String(r.seq), quoted(r.at), quoted(r.actorId), quoted(r.actorName), quoted(r.action),
            quoted(r.entityType), quoted(r.entityId), quoted(r.personId), quoted(r.ipAddress),
            quoted(r.reason), quoted(r.detail), quoted(r.previousHash), quoted(r.hash),
            format ?? String(r.format),
        ]
        return "(" + fields.joined(separator: ", ") + ")"
    }

    static let columns =
        "(seq, at, actor_id, actor_name, action, entity_type, entity_id, person_id, ip_address, "
        + "reason, detail, prev_hash, hash, chain_format)"

    static func insert(
        _ r: AuditRecord, verb: String = "INSERT INTO", seq: String? = nil, format: String? = nil,
        suffix: String = ""
    ) -> String {
        "\(verb) audit_log \(columns) VALUES \(values(r, seq: seq, format: format)) \(suffix)"
    }

    /// A well-formed entry after `head` (its hash is whatever the caller makes it).
    static func entry(after head: AuditRecord?, hash: (AuditRecord) -> String) -> AuditRecord {
        var record = AuditRecord(
            AuditEvent(
                actorId: nil, actorName: "Forger", action: .read, entityType: "person",
                detail: "forged"),
            seq: (head?.seq ?? 0) + 1, at: testNow, previousHash: head?.hash ?? AuditChain.genesis,
            format: AuditChain.keyedFormat)
        record.hash = hash(record)
        return record
    }

    /// Removes every guard the migrations put on `audit_log`, as the owner of the database could.
    static func dropGuards(_ env: TestEnv) async throws {
        switch env.backend {
        case .sqlite:
            for trigger in ["audit_log_no_update", "audit_log_no_delete", "audit_log_append_only"] {
                try await env.execute("DROP TRIGGER \(trigger)")
            }
        case .postgres:
            try await env.execute("DROP TRIGGER audit_log_no_update ON audit_log")
            try await env.execute("DROP TRIGGER audit_log_append_only ON audit_log")
            try await env.execute("ALTER TABLE audit_log DROP CONSTRAINT audit_log_seq_positive")
        }
    }

    /// Removes every guard migrations 24 and 31 put on the receipts, as the owner of the database could.
    static func dropReceiptGuards(_ env: TestEnv) async throws {
        for trigger in ["audit_receipts_no_update", "audit_receipts_append_only"] {
            try await env.execute("DROP TRIGGER \(trigger)\(env.backend == .sqlite ? "" : " ON audit_receipts")")
        }
        if env.backend == .sqlite { try await env.execute("DROP TRIGGER audit_receipts_no_delete") }
        for trigger in ["audit_receipt_people_no_update", "audit_receipt_people_append_only"] {
            try await env.execute("DROP TRIGGER \(trigger)\(env.backend == .sqlite ? "" : " ON audit_receipt_people")")
        }
        if env.backend == .sqlite { try await env.execute("DROP TRIGGER audit_receipt_people_no_delete") }
    }
}

extension TestEnv {
    /// Every audit row exactly as stored, in sequence order.
    func storedAudit() async throws -> [AuditRecord] {
        try await store.audit.storedRecords(limit: 100_000).reversed()
    }

    /// A temporary folder for checkpoints, removed by the caller.
    func checkpointFolder() -> AuditCheckpointDirectory {
        AuditCheckpointDirectory(
            path: FileManager.default.temporaryDirectory
                .appendingPathComponent("safehold-checkpoints-\(UUID().uuidString)").path)
    }
}

/// What `verify` said, when it found a break: the entry and the reason.
func expectBroken(
    _ result: AuditLog.Verification, at seq: Int, saying words: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard case .broken(let atSeq, let reason) = result else {
        Issue.record("the change went unnoticed: \(result)", sourceLocation: sourceLocation)
        return
    }
    #expect(atSeq == seq, "\(reason)", sourceLocation: sourceLocation)
    #expect(reason.contains(words), "\(reason)", sourceLocation: sourceLocation)
}

/// The outcome of `body`, thrown or returned, so that clean-up can run before it is rethrown.
func attempt<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
