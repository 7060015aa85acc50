import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Keeps a court bundle request for a child (children's social care who may change the record): every
    /// statement, record and document named must be this child's and one the requester may see, else a 404 or
    /// 403 naming it and nothing is kept. Documents not to be disclosed to the family go in only when a team
    /// manager includes them, and that choice is audited against the child.
    public func requestBundle(
        for childId: UUID, _ draft: BundleDraft, context: AuditContext
    ) async throws -> CourtBundle {
        try await act(on: .person(childId), .edit, "court_bundle", context: context) { db, access in
            let actor = access.actor
            if let refusal = StatementAccess.refusalToBuildBundle(actor) { throw SafeholdError.forbidden(refusal) }
            try draft.validate()
            if !draft.includeWithheld.isEmpty && !StatementAccess.mayIncludeWithheld(actor) {
                throw SafeholdError.forbidden(
                    "Only a team manager includes documents marked not to be disclosed to the family.")
            }
            _ = try await self.bundleStatements(draft.statementIds, of: childId, actor: actor, on: db)
            _ = try await self.bundleRecords(draft.recordIds, of: childId, on: db)
            _ = try await self.bundleDocuments(draft.documentIds, of: childId, on: db)
            let id = self.ids.next()
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let request = String(decoding: try encoder.encode(draft), as: UTF8.self)
            try await db.raw(
                """
                INSERT INTO court_bundles (id, person_id, title, request, requested_by, requested_by_name, created_at)
                VALUES (\(bind: id.db), \(bind: childId.db), \(bind: draft.title), \(bind: request),
                    \(bind: actor.userId.db), \(bind: actor.displayName), \(bind: self.nowText))
                """
            ).run()
            let withheld =
                draft.includeWithheld.isEmpty
                ? ""
                : "; documents not to be disclosed to the family included by a manager: "
                    + draft.includeWithheld.map(\.text).joined(separator: ", ")
            access.audit(.create, "court_bundle", entityId: id, detail: "court bundle requested\(withheld)")
            return CourtBundle(
                id: id, personId: childId, request: draft, requestedByName: actor.displayName,
                createdAt: self.clock.now())
        }
    }

    /// The child's bundle requests, newest first, and the records a bundle's section D may hold, oldest first
    /// (children's social care who may change the record).
    public func bundles(of childId: UUID, context: AuditContext) async throws -> BundleOverview {
        try await act(on: .person(childId), .edit, "court_bundle", context: context) { db, access in
            if let refusal = StatementAccess.refusalToBuildBundle(access.actor) {
                throw SafeholdError.forbidden(refusal)
            }
            let bundles = try await db.raw(
                "SELECT * FROM court_bundles WHERE person_id = \(bind: childId.db) ORDER BY created_at DESC, id"
            ).all().map(Self.bundleRow)
            let kinds = PrintableRecord.bundleKinds.sorted().map { "'\($0)'" }.joined(separator: ", ")
            let ids = try await db.raw(
                """
                SELECT id FROM episode_steps WHERE person_id = \(bind: childId.db) AND kind IN (\(unsafeRaw: kinds))
                ORDER BY occurred_on, position
                """
            ).all().map { try $0.uuid("id") }
            return BundleOverview(
                childName: try await self.childName(childId, on: db), bundles: bundles,
                records: try await self.bundleRecords(ids, of: childId, on: db))
        }
    }

    /// Everything the bundle's PDF shows, read afresh through the record path (a statement, record or document
    /// that is no longer this child's or visible is refused and nothing is produced); the production is audited
    /// against the child, and the chronology is read by its own audited read.
    public func bundleContent(_ bundleId: UUID, of childId: UUID, context: AuditContext) async throws -> BundleContent {
        let read = try await act(on: .person(childId), .edit, "court_bundle_pdf", context: context) { db, access in
            let actor = access.actor
            if let refusal = StatementAccess.refusalToBuildBundle(actor) { throw SafeholdError.forbidden(refusal) }
            guard
                let row = try await db.raw(
                    """
                    SELECT * FROM court_bundles WHERE id = \(bind: bundleId.db) AND person_id = \(bind: childId.db)
                    """
                ).first()
            else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
            let bundle = try Self.bundleRow(row)
            let request = bundle.request
            guard let person = try await self.fetchPerson(childId, on: db) else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let statements = try await self.bundleStatements(request.statementIds, of: childId, actor: actor, on: db)
            let records = try await self.bundleRecords(request.recordIds, of: childId, on: db)
            let documents = try await self.bundleDocuments(request.documentIds, of: childId, on: db)
                .filter { !$0.withheld || request.includeWithheld.contains($0.id) }.map(\.id)
            access.audit(.read, "court_bundle_pdf", entityId: bundleId, detail: "court bundle PDF produced")
            let content = BundleContent(
                bundle: bundle, childName: person.displayName, childBornOn: person.details.dateOfBirth,
                preparedBy: actor.displayName, preparedOn: self.today,
                proceedings: try await self.bundleProceedings(of: childId, on: db), statements: statements,
                chronology: [], records: records, documents: [])
            return (content, documents)
        }
        let partial = read.0
        let documents = try await bundleDocumentContents(read.1, context: context)
        let removed = Set(partial.bundle.request.redactedEntryIds)
        let entries =
            partial.bundle.request.includeChronology
            ? try await chronology(of: childId, context: context).filter { !removed.contains($0.id) } : []
        return BundleContent(
            bundle: partial.bundle, childName: partial.childName, childBornOn: partial.childBornOn,
            preparedBy: partial.preparedBy, preparedOn: partial.preparedOn, proceedings: partial.proceedings,
            statements: partial.statements, chronology: entries, records: partial.records, documents: documents)
    }

    /// One of the child's recorded steps laid out for print (children's social care and the police who may see
    /// the child); the production is audited against the child.
    public func printableRecord(
        _ stepId: UUID, of childId: UUID, context: AuditContext
    ) async throws -> (childName: String, record: PrintableRecord) {
        try await act(on: .person(childId), .view, "record_pdf", context: context) { db, access in
            if let refusal = StatementAccess.refusalToPrint(access.actor) { throw SafeholdError.forbidden(refusal) }
            let record = try await self.bundleRecords([stepId], of: childId, on: db, anyKind: true)[0]
            guard let person = try await self.fetchPerson(childId, on: db) else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            access.audit(.read, "record_pdf", entityId: stepId, detail: "PDF of \(record.title) produced")
            return (person.displayName, record)
        }
    }

    /// The child's chronology for print (children's social care and the police), read by the chronology's own
    /// audited read after the print itself is decided and audited.
    public func chronologyForPrint(
        of childId: UUID, context: AuditContext
    ) async throws -> (childName: String, entries: [ChronologyEntry]) {
        let name = try await act(on: .person(childId), .view, "chronology_pdf", context: context) { db, access in
            if let refusal = StatementAccess.refusalToPrint(access.actor) { throw SafeholdError.forbidden(refusal) }
            access.audit(.read, "chronology_pdf", entityId: childId, detail: "PDF of the chronology produced")
            guard let person = try await self.fetchPerson(childId, on: db) else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            return person.displayName
        }
        return (name, try await chronology(of: childId, context: context))
    }
}
