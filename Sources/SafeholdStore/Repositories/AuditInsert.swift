import Foundation
import SQLKit
import SafeholdCore
import Synchronization

/// One `INSERT` of sealed audit entries, its text made once for each number of rows and written out with the
/// entries' values as its binds. Built through SQLKit's interpolation, a caseload page's 206 entries (3,000 values)
/// cost more to put into words than to store.
struct AuditInsert: SQLExpression {
    let records: ArraySlice<AuditRecord>
    /// Whether the entries' request ids are written (see `AuditLog.append`).
    let withRequestIds: Bool
    let postgres: Bool

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(Self.text(rows: records.count, withRequestIds: withRequestIds, postgres: postgres))
        serializer.binds.reserveCapacity(serializer.binds.count + records.count * 15)
        for r in records {
            serializer.binds.append(
                contentsOf: [
                    r.seq, r.at, r.actorId, r.actorName, r.action, r.entityType, r.entityId, r.personId, r.ipAddress,
                    r.reason, r.detail,
                ] as [any Encodable & Sendable])
            if withRequestIds { serializer.binds.append(r.requestId) }
            serializer.binds.append(contentsOf: [r.previousHash, r.hash, r.format] as [any Encodable & Sendable])
        }
    }

    private struct Shape: Hashable {
        let rows: Int, withRequestIds: Bool, postgres: Bool
    }

    private static let texts = Mutex<[Shape: String]>([:])

    /// The statement for `rows` entries: PostgreSQL's numbered placeholders, or SQLite's `?`.
    static func text(rows: Int, withRequestIds: Bool, postgres: Bool) -> String {
        let shape = Shape(rows: rows, withRequestIds: withRequestIds, postgres: postgres)
        if let known = texts.withLock({ $0[shape] }) { return known }
        let columns = withRequestIds ? 15 : 14
        var text =
            "INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity_type, entity_id, person_id, "
            + "ip_address, reason, detail, \(withRequestIds ? "request_id, " : "")prev_hash, hash, chain_format) "
            + "VALUES "
        var bind = 0
        for row in 0..<rows {
            text += row == 0 ? "(" : ", ("
            for column in 0..<columns {
                bind += 1
                text += (column == 0 ? "" : ", ") + (postgres ? "$\(bind)" : "?")
            }
            text += ")"
        }
        texts.withLock { $0[shape] = text }
        return text
    }
}
