import Foundation
import SQLKit
import SafeholdCore

/// One line of "who has seen this record": the audit entry with who the actor is by account, role
/// and agency (as they are now), not only the name the entry recorded.
public struct AccessLogLine: Sendable {
    public let entry: AuditEntry
    public let username: String?
    public let role: Role?
    public let agency: String?
}

/// A page of a record's access log, newest first; `olderThan` continues it when there is more.
public struct AccessLogPage: Sendable {
    public let person: PersonName
    public let lines: [AccessLogLine]
    /// Pass as `before` to read the next (older) page; nil on the last page.
    public let olderThan: Int?
}

extension Store {
    /// The audit log's columns, named and qualified (never `*`, see `AuditLog.columns`).
    static let auditColumns = AuditLog.columns.split(separator: ",")
        .map { "l." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")

    /// Who has read or changed a record, a page at a time: for the data protection officer and
    /// auditors only, through `act` (so the reading of the log is itself audited). Lists and bulk reads that
    /// carried the person (a caseload, the census) show as their one entry, found through its receipt
    /// (`AuditLog.personCondition`).
    public func accessLog(
        of personId: UUID, before: Int? = nil, limit: Int = 100,
        context: AuditContext
    ) async throws -> AccessLogPage {
        guard (1...500).contains(limit) else { throw SafeholdError.invalid([FieldError("limit", "is 1 to 500")]) }
        if let before, before < 1 { throw SafeholdError.invalid([FieldError("before", "is a positive entry number")]) }
        return try await act(on: .person(personId), .viewAccessLog, "access_log", context: context) { db, _ in
            guard let person = try await self.fetchPerson(personId, on: db) else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let cursor: SQLQueryString = before.map { "AND l.seq < \(bind: $0)" } ?? ""
            let about = try await AuditLog.personCondition(
                personId, before: before, limit: limit + 1, dialect: self.database.dialect, on: db)
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.auditColumns), u.username AS actor_username, u.role AS actor_role,
                    a.name AS actor_agency
                FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id LEFT JOIN agencies a ON a.id = u.agency_id
                WHERE \(about) \(cursor)
                ORDER BY l.seq DESC LIMIT \(literal: limit + 1)
                """
            ).all()
            let lines = try rows.prefix(limit).map { row in
                AccessLogLine(
                    entry: try AuditLog.entry(row), username: try row.optionalString("actor_username"),
                    role: try row.optionalCode("actor_role", as: Role.self),
                    agency: try row.optionalString("actor_agency"))
            }
            return AccessLogPage(
                person: PersonName(id: personId, displayName: person.displayName), lines: lines,
                olderThan: rows.count > limit ? lines.last?.entry.seq : nil)
        }
    }
}
