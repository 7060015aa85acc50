import Foundation
import SQLKit
import SafeholdCore

/// Body maps on a child's record: read with `view` and recorded or changed with `edit` on the child,
/// through `act`, narrowed by `DocumentAccess`. A mark's photographs must be documents on the same child.
extension Store {
    /// Records a body map on a child; the marks are numbered in the order given.
    public func recordBodyMap(for personId: UUID, _ draft: BodyMapDraft, context: AuditContext) async throws -> BodyMap
    {
        try await act(on: .person(personId), DocumentAccess.writeAction, "body_map", context: context) { db, access in
            try Self.checkDocumentAccess(access)
            let clean = try draft.validated(today: self.today, bornOn: try await self.childBornOn(personId, on: db))
            try await self.checkPhotos(clean.marks, child: personId, on: db)
            let id = self.ids.next()
            try await db.raw(
                """
                INSERT INTO body_maps (id, person_id, seen_on, notes, recorded_by, recorded_by_name, recorded_at,
                    version, updated_at)
                VALUES (\(bind: id.db), \(bind: personId.db), \(bind: clean.seenOn.description), \(bind: clean.notes),
                    \(bind: access.actor.userId.db), \(bind: context.actorName), \(bind: self.nowText), 1,
                    \(bind: self.nowText))
                """
            ).run()
            try await self.insertMarks(clean.marks, map: id, on: db)
            access.audit(.create, "body_map", entityId: id, detail: "\(clean.marks.count) marks")
            return try await self.loadBodyMaps(where: "id = \(bind: id.db)", on: db)[0]
        }
    }

    /// Replaces a body map's day, notes and marks when `expectedVersion` is still its version (409 otherwise).
    public func updateBodyMap(
        _ id: UUID, _ draft: BodyMapDraft, expectedVersion: Int, context: AuditContext
    ) async throws -> BodyMap {
        let child = try await bodyMapChild(id, context: context)
        return try await act(on: .person(child), DocumentAccess.writeAction, "body_map", context: context) {
            db, access in
            try Self.checkDocumentAccess(access)
            let clean = try draft.validated(today: self.today, bornOn: try await self.childBornOn(child, on: db))
            try await self.checkPhotos(clean.marks, child: child, on: db)
            let changed = try await db.raw(
                """
                UPDATE body_maps SET seen_on = \(bind: clean.seenOn.description), notes = \(bind: clean.notes),
                    version = version + 1, updated_at = \(bind: self.nowText)
                WHERE id = \(bind: id.db) AND person_id = \(bind: child.db) AND version = \(bind: expectedVersion)
                RETURNING version
                """
            ).all()
            guard !changed.isEmpty else {
                throw SafeholdError.conflict(
                    "Someone changed this body map since you opened it. "
                        + "Reload it to see their changes, then make yours."
                )
            }
            try await db.raw("DELETE FROM body_map_photos WHERE body_map_id = \(bind: id.db)").run()
            try await db.raw("DELETE FROM body_map_marks WHERE body_map_id = \(bind: id.db)").run()
            try await self.insertMarks(clean.marks, map: id, on: db)
            access.audit(.update, "body_map", entityId: id, detail: "\(clean.marks.count) marks")
            return try await self.loadBodyMaps(where: "id = \(bind: id.db)", on: db)[0]
        }
    }

    /// A child's body maps, newest first (an audited read).
    public func bodyMaps(of personId: UUID, context: AuditContext) async throws -> [BodyMap] {
        try await act(on: .person(personId), DocumentAccess.readAction, "body_maps", context: context) { db, access in
            try await self.bodyMaps(of: personId, access: access, on: db)
        }
    }

    /// A person's body maps for an access the policy admitted, refused to a reader who may not read documents.
    /// `present` false: the child has none (`PersonLists`), and only the reader's access is checked.
    func bodyMaps(
        of personId: UUID, access: RecordAccess, present: Bool = true, on db: any SQLDatabase
    ) async throws -> [BodyMap] {
        try Self.checkDocumentAccess(access)
        guard present else { return [] }
        return try await self.loadBodyMaps(where: "person_id = \(bind: personId.db)", on: db)
    }

    /// One body map (an audited read of it).
    public func bodyMap(_ id: UUID, context: AuditContext) async throws -> BodyMap {
        let child = try await bodyMapChild(id, context: context)
        return try await act(on: .person(child), DocumentAccess.readAction, "body_map", context: context) {
            db, access in
            try Self.checkDocumentAccess(access)
            guard let map = try await self.loadBodyMaps(where: "id = \(bind: id.db)", on: db).first else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            access.audit(.read, "body_map", entityId: id)
            return map
        }
    }

    /// The child a body map is on; a map that does not exist is an audited 404 like one the caller may not see.
    private func bodyMapChild(_ id: UUID, context: AuditContext) async throws -> UUID {
        let child = try await database.withConnection { db in
            try await db.raw("SELECT person_id FROM body_maps WHERE id = \(bind: id.db)").first()?.uuid("person_id")
        }
        guard let child else {
            try await audit.recordReads([context.event(.denied, "body_map", entityId: id, detail: "no such record")])
            throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
        }
        return child
    }

    /// Refuses a photograph that is not a document on this child's record (422 naming the mark).
    private func checkPhotos(_ marks: [BodyMark], child: UUID, on db: any SQLDatabase) async throws {
        let wanted = Set(marks.flatMap(\.photos))
        guard !wanted.isEmpty else { return }
        let ids = wanted.map(\.db)
        let found = Set(
            try await db.raw(
                "SELECT id FROM documents WHERE person_id = \(bind: child.db) AND id IN (\(binds: ids))"
            ).all().map { try $0.uuid("id") })
        var v = Validation()
        for mark in marks where !mark.photos.allSatisfy(found.contains) {
            v.add("marks[\(mark.number)].photos", "names a photograph that is not a document on this child's record")
        }
        try v.check()
    }

    private func insertMarks(_ marks: [BodyMark], map: UUID, on db: any SQLDatabase) async throws {
        for mark in marks {
            try await db.raw(
                """
                INSERT INTO body_map_marks (body_map_id, number, site, mark_type, size_mm, colour, explanation,
                    explained_by, seen_by)
                VALUES (\(bind: map.db), \(bind: mark.number), \(bind: mark.site.code), \(bind: mark.type.rawValue),
                    \(bind: mark.sizeMm), \(bind: mark.colour), \(bind: mark.explanation), \(bind: mark.explainedBy),
                    \(bind: mark.seenBy))
                """
            ).run()
            for photo in mark.photos {
                try await db.raw(
                    """
                    INSERT INTO body_map_photos (body_map_id, number, document_id)
                    VALUES (\(bind: map.db), \(bind: mark.number), \(bind: photo.db))
                    """
                ).run()
            }
        }
    }

    func loadBodyMaps(where filter: SQLQueryString, on db: any SQLDatabase) async throws -> [BodyMap] {
        let maps = try await db.raw(
            "SELECT * FROM body_maps WHERE \(filter) ORDER BY seen_on DESC, recorded_at DESC, id DESC"
        ).all()
        guard !maps.isEmpty else { return [] }
        let ids = try maps.map { try $0.uuid("id").db }
        var photos: [String: [UUID]] = [:]
        for row in try await db.raw(
            "SELECT * FROM body_map_photos WHERE body_map_id IN (\(binds: ids)) ORDER BY document_id"
        ).all() {
            photos["\(try row.uuid("body_map_id"))/\(try row.int("number"))", default: []].append(
                try row.uuid("document_id"))
        }
        var marks: [UUID: [BodyMark]] = [:]
        for row in try await db.raw(
            "SELECT * FROM body_map_marks WHERE body_map_id IN (\(binds: ids)) ORDER BY body_map_id, number"
        ).all() {
            let map = try row.uuid("body_map_id"), number = try row.int("number")
            guard let site = BodySite.named(try row.string("site")) else {
                throw SafeholdError.conflict("A body map names a site that is not on this release's list.")
            }
            marks[map, default: []].append(
                BodyMark(
                    number: number, site: site, type: try row.code("mark_type"), sizeMm: try row.int("size_mm"),
                    colour: try row.optionalString("colour"), explanation: try row.optionalString("explanation"),
                    explainedBy: try row.optionalString("explained_by"), seenBy: try row.string("seen_by"),
                    photos: photos["\(map)/\(number)"] ?? []))
        }
        return try maps.map { row in
            let id = try row.uuid("id")
            return BodyMap(
                id: id, personId: try row.uuid("person_id"), seenOn: try row.date("seen_on"),
                notes: try row.optionalString("notes"), marks: marks[id] ?? [],
                recordedBy: try row.string("recorded_by_name"), recordedAt: try row.timestamp("recorded_at"),
                version: try row.int("version"))
        }
    }
}

extension Store {
    /// The child's body maps as chronology entries (one per map: the day seen and its marks), for a reader
    /// `DocumentAccess` lets see them (never a partner agency); the chronology's read is audited by `act`.
    func bodyMapChronology(of childId: UUID, actor: Actor, on db: any SQLDatabase) async throws -> [ChronologyEntry] {
        guard DocumentAccess.decide(actor, policeView: nil).isAllowed else { return [] }
        return try await loadBodyMaps(where: "person_id = \(bind: childId.db)", on: db).map { map in
            let marks = map.marks.map { mark in
                let said = mark.explanation.map { ": \"\($0)\" (\(mark.explainedBy ?? "not recorded"))" } ?? ""
                return "\(mark.number). \(mark.type.label), \(mark.site.label.lowercased()), \(mark.sizeMm) mm\(said)"
            }
            return ChronologyEntry(
                id: map.id, date: map.seenOn, kind: .bodyMap,
                title: "Body map: \(map.marks.count) mark\(map.marks.count == 1 ? "" : "s") seen",
                detail: marks.joined(separator: "; ") + (map.notes.map { " Notes: \($0)" } ?? ""),
                source: map.recordedBy)
        }
    }
}
