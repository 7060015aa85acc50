import Foundation
import SQLKit
import SafeholdCore

/// PostgreSQL privilege separation: migrations run as the owner of the schema; the server connects as
/// an application role that may read and write the working tables but only INSERT and SELECT on the audit
/// tables (`audit_log` and its receipts, `audit_receipts` and `audit_receipt_people`) and only SELECT on
/// `schema_migrations`. Not being the owner, it can neither drop nor disable the audit triggers, so even a
/// compromised server cannot change or remove an entry or a receipt.
public struct ApplicationRole: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Grants `role` exactly the application's rights on every table of the current schema, starting
    /// from none, so it is safe to run after every migration (new tables are granted too). Run it
    /// connected as the owner; the role must exist and must be neither the owner nor a superuser.
    public func grant(to role: String) async throws {
        guard database.dialect == .postgres else {
            throw StoreError.migration("database roles are a PostgreSQL feature; SQLite has no application role")
        }
        guard Self.isPlainName(role) else {
            throw StoreError.migration(
                "'\(role)' is not a role name this tool grants to (lower-case letters, "
                    + "digits and _, starting with a letter)")
        }
        try await database.transaction { db in
            guard
                let found = try await db.raw(
                    """
                    SELECT rolsuper, rolname = current_user AS is_me FROM pg_roles WHERE rolname = \(bind: role)
                    """
                ).first()
            else {
                throw StoreError.migration(
                    "there is no role '\(role)': create it first "
                        + "(CREATE ROLE \(role) LOGIN PASSWORD '...')")
            }
            if try found.decode(column: "rolsuper", as: Bool.self) {
                throw StoreError.migration("'\(role)' is a superuser, which no privilege binds")
            }
            if try found.decode(column: "is_me", as: Bool.self) {
                throw StoreError.migration(
                    "'\(role)' is the role running the migration: the application "
                        + "must connect as another role than the owner")
            }
            let schema = try await db.raw("SELECT current_schema() AS s").first()?.string("s") ?? "public"
            let statements: [SQLQueryString] =
                [
                    "REVOKE ALL ON ALL TABLES IN SCHEMA \(ident: schema) FROM \(ident: role)",
                    "GRANT USAGE ON SCHEMA \(ident: schema) TO \(ident: role)",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \(ident: schema) TO \(ident: role)",
                    "REVOKE INSERT, UPDATE, DELETE ON \(ident: schema).schema_migrations FROM \(ident: role)",
                    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \(ident: schema) TO \(ident: role)",
                ]
                + Self.auditTables.map { "REVOKE UPDATE, DELETE ON \(ident: schema).\(ident: $0) FROM \(ident: role)" }
            for statement in statements { try await db.raw(statement).run() }
        }
    }

    /// The audit tables: the application may only INSERT and SELECT on each.
    static let auditTables = ["audit_log", "audit_receipts", "audit_receipt_people"]

    /// The ways the connected role could change or remove audit entries or receipts (privileges it holds on an
    /// audit table, or owning one), each naming its table ("UPDATE on audit_log", "owner of audit_receipts");
    /// empty when it is limited to INSERT and SELECT. Always empty on SQLite, which has no roles.
    public func auditLogRightsBeyondAppend() async throws -> [String] {
        guard database.dialect == .postgres else { return [] }
        return try await database.withConnection { db in
            var rights: [String] = []
            for table in Self.auditTables {
                guard
                    let row = try await db.raw(
                        """
                        SELECT pg_get_userbyid(c.relowner) = current_user AS owner,
                               has_table_privilege(c.oid, 'UPDATE') AS can_update,
                               has_table_privilege(c.oid, 'DELETE') AS can_delete,
                               has_table_privilege(c.oid, 'TRUNCATE') AS can_truncate
                        FROM pg_class c WHERE c.oid = to_regclass(\(bind: table))
                        """
                    ).first()
                else { continue }
                rights += try [
                    ("owner", "owner of"), ("can_update", "UPDATE on"), ("can_delete", "DELETE on"),
                    ("can_truncate", "TRUNCATE on"),
                ]
                .filter { try row.decode(column: $0.0, as: Bool.self) }.map { "\($0.1) \(table)" }
            }
            return rights
        }
    }

    static func isPlainName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter, name.count <= 63 else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }
}
