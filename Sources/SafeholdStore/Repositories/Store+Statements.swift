import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Starts a statement for court on a child: version 1 holds the sections and statement of truth given;
    /// chronology lines come only from `insertChronology`. Decided on the child's record
    /// (`StatementAccess.personAction`), then by `StatementAccess`; audited against the child.
    public func startStatement(
        for childId: UUID, _ draft: StatementDraft, context: AuditContext
    ) async throws -> StatementFile {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        return try await act(
            on: .person(childId), StatementAccess.personAction(actor), "court_statement", writes: true,
            context: context
        ) { db, access in
            if let refusal = StatementAccess.refusalToWrite(actor) { throw SafeholdError.forbidden(refusal) }
            _ = try await self.childBornOn(childId, on: db)
            try draft.validate(today: self.today)
            guard draft.chronology.isEmpty else {
                throw SafeholdError.invalid([
                    FieldError("chronology", "insert entries from the child's chronology after starting the statement")
                ])
            }
            let id = self.ids.next()
            let role = StatementAccess.authorRole(actor)!
            try await db.raw(
                """
                INSERT INTO court_statements (id, person_id, author_id, author_name, author_role, team_id,
                    agency_id, title, proceedings, version, signed_version, created_at, updated_at)
                VALUES (\(bind: id.db), \(bind: childId.db), \(bind: actor.userId.db), \(bind: actor.displayName),
                    \(bind: role.rawValue), \(bind: actor.teamId?.db), \(bind: actor.agencyId.db),
                    \(bind: draft.title), \(bind: draft.proceedings), 1, NULL, \(bind: self.nowText),
                    \(bind: self.nowText))
                """
            ).run()
            try await self.insertStatementVersion(id, number: 1, draft, actor: actor, on: db)
            access.audit(.create, "court_statement", entityId: id, detail: "version 1")
            return try await self.loadStatementFile(id, of: childId, actor: actor, on: db)
        }
    }

    /// Saves a new version of a statement (its author only); `expectedVersion` must be the latest (else 409).
    /// Chronology lines may be reworded, reordered or dropped, never invented: each must come from the
    /// chronology through `insertChronology`. Earlier versions, and a signed-off one, are never changed.
    public func saveStatement(
        _ id: UUID, of childId: UUID, _ draft: StatementDraft, expectedVersion: Int, context: AuditContext
    ) async throws -> StatementFile {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        return try await act(
            on: .person(childId), StatementAccess.personAction(actor), "court_statement", writes: true,
            context: context
        ) { db, access in
            let statement = try await self.editableStatement(id, of: childId, actor: actor, on: db)
            try draft.validate(today: self.today)
            try Self.checkVersion(statement, expectedVersion)
            let previous = try await self.statementVersions(id, on: db).first
            let known = Dictionary(
                (previous?.content.chronology ?? []).map { ($0.sourceId, $0.date) }, uniquingKeysWith: { a, _ in a })
            var v = Validation()
            for (index, line) in draft.chronology.enumerated() where known[line.sourceId] != line.date {
                v.add(
                    "chronology[\(index)]",
                    "was not inserted from the child's chronology (or its date was changed): "
                        + "insert it from the chronology"
                )
            }
            if Set(draft.chronology.map(\.sourceId)).count != draft.chronology.count {
                v.add("chronology", "holds the same chronology entry twice")
            }
            try v.check()
            try await self.writeNextVersion(statement, draft, actor: actor, on: db)
            access.audit(.update, "court_statement", entityId: id, detail: "version \(statement.version + 1)")
            return try await self.loadStatementFile(id, of: childId, actor: actor, on: db)
        }
    }

    /// Copies chronology entries the author picked into a new version of the statement, as editable court
    /// wording, in date order after the lines already there. The entries are read through the chronology's
    /// own audited, access-checked read: an entry the author may not see is refused (422), and the events
    /// themselves are never changed.
    public func insertChronology(
        into id: UUID, of childId: UUID, entryIds: [UUID], expectedVersion: Int, context: AuditContext
    ) async throws -> StatementFile {
        let visible = Dictionary(
            try await chronology(of: childId, context: context).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var v = Validation()
        if entryIds.isEmpty { v.add("entryIds", "choose at least one chronology entry") }
        v.count("entryIds", entryIds.count, max: StatementChronologyLine.maxLines, noun: "entries")
        try v.check()
        let missing = entryIds.filter { visible[$0] == nil }
        if !missing.isEmpty {
            throw SafeholdError.invalid([
                FieldError("entryIds", "\(missing.count) of the entries chosen are not on this child's chronology")
            ])
        }
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        return try await act(
            on: .person(childId), StatementAccess.personAction(actor), "court_statement", writes: true,
            context: context
        ) { db, access in
            let statement = try await self.editableStatement(id, of: childId, actor: actor, on: db)
            try Self.checkVersion(statement, expectedVersion)
            guard var draft = try await self.statementVersions(id, on: db).first?.content else {
                throw StoreError.corrupt("statement \(id) has no version")
            }
            let present = Set(draft.chronology.map(\.sourceId))
            var added = entryIds.filter { !present.contains($0) }.compactMap { visible[$0] }
                .map(StatementChronologyLine.wording(of:))
            added.sort { $0.date < $1.date }
            draft.chronology += added
            try draft.validate(today: self.today)
            try await self.writeNextVersion(statement, draft, actor: actor, on: db)
            access.audit(
                .update, "court_statement", entityId: id,
                detail: "version \(statement.version + 1): \(added.count) chronology entries inserted")
            return try await self.loadStatementFile(id, of: childId, actor: actor, on: db)
        }
    }

    /// Signs off the latest version (a manager of the author's team; for police, a supervisor of the force):
    /// that version is frozen. A version that is not the latest, one already signed, or one whose statement of
    /// truth the author has not confirmed is a 409.
    public func signOffStatement(
        _ id: UUID, of childId: UUID, version: Int, context: AuditContext
    ) async throws -> StatementFile {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        return try await act(
            on: .person(childId), StatementAccess.personAction(actor), "court_statement", writes: true,
            context: context
        ) { db, access in
            let statement = try await self.readableStatement(id, of: childId, actor: actor, on: db)
            if let refusal = StatementAccess.refusalToSignOff(actor, statement) {
                throw SafeholdError.forbidden(refusal)
            }
            try Self.checkVersion(statement, version)
            if statement.isSigned { throw SafeholdError.conflict("Version \(version) is already signed off.") }
            guard let current = try await self.statementVersions(id, on: db).first, current.content.truth.confirmed
            else {
                throw SafeholdError.conflict(
                    "The author has not confirmed the statement of truth on version \(version): "
                        + "it cannot be signed off."
                )
            }
            let now = self.nowText
            let signed = try await db.raw(
                """
                UPDATE court_statements SET signed_version = \(bind: version), updated_at = \(bind: now)
                WHERE id = \(bind: id.db) AND version = \(bind: version) RETURNING id
                """
            ).all()
            guard signed.count == 1 else { throw SafeholdError.conflict(Self.staleStatement) }
            try await db.raw(
                """
                UPDATE court_statement_versions SET signed_by = \(bind: actor.userId.db),
                    signed_by_name = \(bind: actor.displayName), signed_at = \(bind: now)
                WHERE statement_id = \(bind: id.db) AND number = \(bind: version) AND signed_by IS NULL
                """
            ).run()
            access.audit(.update, "court_statement", entityId: id, detail: "version \(version) signed off")
            return try await self.loadStatementFile(id, of: childId, actor: actor, on: db)
        }
    }

    /// One statement with every version, for a reader `StatementAccess.mayRead` lets read it (an audited read).
    public func statement(_ id: UUID, of childId: UUID, context: AuditContext) async throws -> StatementFile {
        try await act(on: .person(childId), .view, "court_statement", context: context) { db, access in
            _ = try await self.readableStatement(id, of: childId, actor: access.actor, on: db)
            return try await self.loadStatementFile(id, of: childId, actor: access.actor, on: db)
        }
    }

    /// The child's statements the reader may read, newest first (an audited read); a role that reads no
    /// statements is refused (403).
    public func statements(of childId: UUID, context: AuditContext) async throws -> StatementList {
        try await act(on: .person(childId), .view, "court_statement", context: context) { db, access in
            let actor = access.actor
            guard actor.role.isChildrensSocialCare || actor.role == .police else {
                throw SafeholdError.forbidden("Your role (\(actor.role.label)) does not read statements for court.")
            }
            return StatementList(
                childName: try await self.childName(childId, on: db),
                statements: try await self.loadStatements(of: childId, on: db).filter {
                    StatementAccess.mayRead(actor, $0)
                })
        }
    }

    static let staleStatement =
        "Someone saved a newer version of this statement while you were working: reload it and make your change again."
}
