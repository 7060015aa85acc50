import Foundation

/// The HTTP request id on each audit entry, so an entry leads to the request's log lines and back. Nullable:
/// entries written before it, and entries of the command line and background services, have none. Adding a
/// column changes no stored row, so the append-only guards and every existing seal stand; a new entry with a
/// request id seals it (`AuditRecord.contentFields`).
enum Migration022RequestIds {
    static let migration = Migration(version: 22, name: "audit request ids") { _ in
        ["ALTER TABLE audit_log ADD COLUMN request_id TEXT"]
    }
}
