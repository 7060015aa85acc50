import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The statement `id` on `childId`, for a reader `StatementAccess.mayRead` admits; 404 when there is no such
    /// statement on this child, 403 when the reader may see the child but not this statement.
    func readableStatement(
        _ id: UUID, of childId: UUID, actor: Actor, on db: any SQLDatabase
    ) async throws -> CourtStatement {
        guard
            let row = try await db.raw(
                "SELECT * FROM court_statements WHERE id = \(bind: id.db) AND person_id = \(bind: childId.db)"
            ).first()
        else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
        let statement = try Self.statementRow(row)
        guard StatementAccess.mayRead(actor, statement) else {
            throw SafeholdError.forbidden("This statement is not shared with your role or agency.")
        }
        return statement
    }

    /// The statement, when `actor` is its author (else 403).
    func editableStatement(
        _ id: UUID, of childId: UUID, actor: Actor, on db: any SQLDatabase
    ) async throws -> CourtStatement {
        let statement = try await readableStatement(id, of: childId, actor: actor, on: db)
        if let refusal = StatementAccess.refusalToEdit(actor, statement) { throw SafeholdError.forbidden(refusal) }
        return statement
    }

    static func checkVersion(_ statement: CourtStatement, _ expected: Int) throws {
        var v = Validation()
        v.version("version", expected)
        try v.check()
        guard statement.version == expected else { throw SafeholdError.conflict(staleStatement) }
    }

    /// Writes version `statement.version + 1` by compare-and-set on the statement's version (409 when another
    /// save came first).
    func writeNextVersion(
        _ statement: CourtStatement, _ draft: StatementDraft, actor: Actor, on db: any SQLDatabase
    ) async throws {
        let next = statement.version + 1
        let moved = try await db.raw(
            """
            UPDATE court_statements SET version = \(bind: next), title = \(bind: draft.title),
                proceedings = \(bind: draft.proceedings), updated_at = \(bind: nowText)
            WHERE id = \(bind: statement.id.db) AND version = \(bind: statement.version) RETURNING id
            """
        ).all()
        guard moved.count == 1 else { throw SafeholdError.conflict(Self.staleStatement) }
        try await insertStatementVersion(statement.id, number: next, draft, actor: actor, on: db)
    }

    func insertStatementVersion(
        _ id: UUID, number: Int, _ draft: StatementDraft, actor: Actor, on db: any SQLDatabase
    ) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let content = String(decoding: try encoder.encode(draft), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO court_statement_versions (statement_id, number, content, saved_by, saved_by_name, saved_at)
            VALUES (\(bind: id.db), \(bind: number), \(bind: content), \(bind: actor.userId.db),
                \(bind: actor.displayName), \(bind: nowText))
            """
        ).run()
    }

    /// Every version of a statement, newest first.
    func statementVersions(_ id: UUID, on db: any SQLDatabase) async throws -> [StatementVersion] {
        let decoder = JSONDecoder()
        return try await db.raw(
            """
            SELECT * FROM court_statement_versions WHERE statement_id = \(bind: id.db) ORDER BY number DESC
            """
        ).all().map { row in
            StatementVersion(
                number: try row.int("number"),
                content: try row.json("content", as: StatementDraft.self, decoder: decoder),
                savedByName: try row.string("saved_by_name"), savedAt: try row.timestamp("saved_at"),
                signedByName: try row.optionalString("signed_by_name"), signedAt: try row.optionalTimestamp("signed_at")
            )
        }
    }

    func loadStatementFile(
        _ id: UUID, of childId: UUID, actor: Actor, on db: any SQLDatabase
    ) async throws -> StatementFile {
        let statement = try await readableStatement(id, of: childId, actor: actor, on: db)
        return StatementFile(
            childName: try await childName(childId, on: db), statement: statement,
            versions: try await statementVersions(id, on: db),
            canEdit: StatementAccess.refusalToEdit(actor, statement) == nil,
            canSignOff: StatementAccess.refusalToSignOff(actor, statement) == nil && !statement.isSigned)
    }

    /// The child's name as the record shows it.
    func childName(_ childId: UUID, on db: any SQLDatabase) async throws -> String {
        guard let person = try await fetchPerson(childId, on: db) else {
            throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
        }
        return person.displayName
    }

    func loadStatements(of childId: UUID, on db: any SQLDatabase) async throws -> [CourtStatement] {
        try await db.raw(
            "SELECT * FROM court_statements WHERE person_id = \(bind: childId.db) ORDER BY created_at DESC, id"
        ).all().map(Self.statementRow)
    }

    static func statementRow(_ row: any SQLRow) throws -> CourtStatement {
        CourtStatement(
            id: try row.uuid("id"), personId: try row.uuid("person_id"), authorId: try row.uuid("author_id"),
            authorName: try row.string("author_name"), authorRole: try row.code("author_role"),
            teamId: try row.optionalUUID("team_id"), agencyId: try row.uuid("agency_id"),
            title: try row.string("title"),
            proceedings: try row.optionalString("proceedings"), version: try row.int("version"),
            signedVersion: try row.decode(column: "signed_version", as: Int?.self),
            createdAt: try row.timestamp("created_at"))
    }
}
