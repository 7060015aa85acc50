import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The child's story in date order, built from every contact, statutory step and significant
    /// note on the record, each with its source and any analysis added to it. An audited read.
    public func chronology(
        of childId: UUID, kinds: Set<ChronologyEntry.Kind>? = nil, from: LocalDate? = nil, to: LocalDate? = nil,
        context: AuditContext
    ) async throws -> [ChronologyEntry] {
        try await act(on: .person(childId), .view, "chronology", context: context) { db, access in
            var entries: [ChronologyEntry] = []
            let contacts = try await db.raw(
                """
                SELECT c.* FROM contacts c JOIN contact_children cc ON cc.contact_id = c.id
                WHERE cc.person_id = \(bind: childId.db) ORDER BY c.received_at
                """
            ).all()
            for row in contacts {
                let source = try row.code("source", as: ReferralSource.self)
                let decision = try row.optionalCode("decision", as: TriageDecision.self)
                let reason = try row.optionalString("decision_reason") ?? ""
                entries.append(
                    ChronologyEntry(
                        id: try row.uuid("id"), date: try row.date("received_on"), kind: .contact,
                        title: "Contact from \(source.label)",
                        detail: try row.string("concern")
                            + (decision.map { " Decision: \($0.label). Reason: \(reason)" } ?? " Awaiting decision."),
                        source: "Front door"))
            }
            let decoder = JSONDecoder()
            let steps = try await db.raw(
                """
                SELECT id, payload, recorded_by_name FROM episode_steps \
                WHERE person_id = \(bind: childId.db) ORDER BY occurred_on, position
                """
            ).all()
            for row in steps {
                let step = try row.step(decoder: decoder)
                entries.append(
                    ChronologyEntry(
                        id: try row.uuid("id"), date: step.date, kind: .step, title: step.title,
                        detail: step.chronologySummary,
                        source: "Children's services: \(try row.string("recorded_by_name"))"))
            }
            let notes = try await db.raw(
                """
                SELECT * FROM case_notes \
                WHERE person_id = \(bind: childId.db) AND significant = 1 ORDER BY noted_on, created_at
                """
            ).all()
            for row in notes {
                let note = try Self.note(row)
                entries.append(
                    ChronologyEntry(
                        id: note.id, date: note.notedOn, kind: .note, title: "\(note.kind.label) (significant)",
                        detail: note.body, source: note.authorName))
            }
            // The other sources are read only when the child has something in them (`PersonLists`).
            let present = try await self.presentLists(of: childId, among: PersonLists.chronology, on: db)
            if !present.isDisjoint(with: [.investigations, .protections]) {
                entries += try await self.policeChronology(of: childId, actor: access.actor, on: db)
            }
            if present.contains(.agencyReports) {
                entries += try await self.agencyReportChronology(of: childId, on: db)
            }
            if present.contains(.escalations) { entries += try await self.escalationChronology(of: childId, on: db) }
            if present.contains(.oversight) { entries += try await self.oversightChronology(of: childId, on: db) }
            if !present.isDisjoint(with: [.courtOrders, .careProceedings, .preProceedings]) {
                entries += try await self.courtChronology(of: childId, actor: access.actor, on: db)
            }
            if present.contains(.bodyMaps) {
                entries += try await self.bodyMapChronology(of: childId, actor: access.actor, on: db)
            }
            let analysis =
                try await !present.contains(.chronologyAnalysis)
                ? []
                : db.raw(
                    "SELECT * FROM chronology_analysis WHERE person_id = \(bind: childId.db) ORDER BY created_at"
                ).all()
            var byEntry: [UUID: [ChronologyEntry.Analysis]] = [:]
            for row in analysis {
                byEntry[try row.uuid("source_id"), default: []].append(
                    ChronologyEntry.Analysis(
                        body: try row.string("body"), authorName: try row.string("author_name"),
                        at: try row.timestamp("created_at")))
            }
            for i in entries.indices { entries[i].analysis = byEntry[entries[i].id] ?? [] }
            return ChronologyEntry.arrange(entries, kinds: kinds, from: from, to: to)
        }
    }

    /// Adds a worker's analysis to an entry on the child's chronology (through `act` on the entry, so
    /// an entry that is not on this child's chronology is not found); the event itself is never changed.
    public func addAnalysis(to entryId: UUID, of childId: UUID, body: String, context: AuditContext) async throws {
        try ChronologyEntry.Analysis.validate(body: body)
        try await act(
            on: .chronologyEntry(entryId, person: childId), .edit, "chronology_analysis",
            context: context
        ) { db, access in
            try await self.requirePoliceEntryVisible(entryId, of: childId, access: access, on: db)
            let id = self.ids.next()
            try await db.raw(
                """
                INSERT INTO chronology_analysis (id, person_id, source_id, body, author_name, created_at)
                VALUES (\(bind: id.db), \(bind: childId.db), \(bind: entryId.db), \(bind: body), \
                \(bind: context.actorName),
                    \(bind: self.nowText))
                """
            ).run()
            access.audit(.create, "chronology_analysis", entityId: id)
        }
    }

    /// A police entry of the chronology (an event or disclosure shared by the police, a police
    /// protection) takes analysis only from a reader the police record rules let see it, as the
    /// chronology itself shows it.
    private func requirePoliceEntryVisible(
        _ entryId: UUID, of childId: UUID, access: RecordAccess, on db: any SQLDatabase
    ) async throws {
        let investigation = try await db.raw(
            """
            SELECT investigation_id FROM investigation_events WHERE id = \(bind: entryId.db)
            UNION SELECT investigation_id FROM police_disclosures WHERE id = \(bind: entryId.db)
            """
        ).first().map { try $0.uuid("investigation_id") }
        if let investigation {
            let views = try await policeViews(investigations: [investigation], actor: access.actor, on: db)
            guard views[investigation] != nil else {
                throw SafeholdError.forbidden("This police entry is not shared with you.")
            }
        }
        if let owner = try await owner(of: .policeProtection(entryId), on: db), let facts = access.facts[childId],
            policeView(protectionHeldBy: owner, childFacts: facts, actor: access.actor) == nil
        {
            throw SafeholdError.forbidden("This police entry is not shared with you.")
        }
    }
}
