import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Adds a Signs of Safety mapping to a child's record the actor may edit; audited against the child.
    public func addSafetyMapping(
        for personId: UUID, _ draft: SafetyMappingDraft, context: AuditContext
    ) async throws -> SafetyMapping {
        let clean = try draft.validated(today: today)
        return try await act(on: .person(personId), .edit, "safety_mapping", context: context) { db, access in
            _ = try await self.childBornOn(personId, on: db)
            let mapping = SafetyMapping(
                id: self.ids.next(), personId: personId, mappedOn: clean.mappedOn, worries: clean.worries,
                workingWell: clean.workingWell, needsToHappen: clean.needsToHappen, recordedBy: context.actorName)
            try await db.raw(
                """
                INSERT INTO safety_mappings (id, person_id, mapped_on, worries, working_well, needs_to_happen,
                    recorded_by, recorded_by_name, recorded_at)
                VALUES (\(bind: mapping.id.db), \(bind: personId.db), \(bind: mapping.mappedOn.description),
                    \(bind: mapping.worries), \(bind: mapping.workingWell), \(bind: mapping.needsToHappen),
                    \(bind: access.actor.userId.db), \(bind: context.actorName), \(bind: self.nowText))
                """
            ).run()
            access.audit(.create, "safety_mapping", entityId: mapping.id)
            return mapping
        }
    }

    /// Adds one participant's rating on the 0-10 safety scale to a child's record the actor may edit;
    /// a value outside the scale is refused before anything is read or written.
    public func addSafetyRating(
        for personId: UUID, _ draft: SafetyRatingDraft, context: AuditContext
    ) async throws -> SafetyRating {
        let clean = try draft.validated(today: today)
        return try await act(on: .person(personId), .edit, "safety_rating", context: context) { db, access in
            _ = try await self.childBornOn(personId, on: db)
            let rating = SafetyRating(
                id: self.ids.next(), personId: personId, ratedOn: clean.ratedOn,
                participantName: clean.participantName, role: clean.role, value: clean.value,
                recordedBy: context.actorName)
            try await db.raw(
                """
                INSERT INTO safety_ratings (id, person_id, rated_on, participant_name, role, value, recorded_by,
                    recorded_by_name, recorded_at)
                VALUES (\(bind: rating.id.db), \(bind: personId.db), \(bind: rating.ratedOn.description),
                    \(bind: rating.participantName), \(bind: rating.role.rawValue), \(bind: rating.value),
                    \(bind: access.actor.userId.db), \(bind: context.actorName), \(bind: self.nowText))
                """
            ).run()
            access.audit(
                .create, "safety_rating", entityId: rating.id, detail: "\(rating.role.rawValue) \(rating.value)")
            return rating
        }
    }

    /// The child's mappings, newest first.
    func loadMappings(of personId: UUID, on db: any SQLDatabase) async throws -> [SafetyMapping] {
        try await db.raw(
            """
            SELECT * FROM safety_mappings WHERE person_id = \(bind: personId.db)
            ORDER BY mapped_on DESC, recorded_at DESC
            """
        ).all().map { row in
            SafetyMapping(
                id: try row.uuid("id"), personId: personId, mappedOn: try row.date("mapped_on"),
                worries: try row.string("worries"), workingWell: try row.string("working_well"),
                needsToHappen: try row.string("needs_to_happen"), recordedBy: try row.string("recorded_by_name"))
        }
    }

    /// The child's ratings, oldest first (the latest 500).
    func loadRatings(of personId: UUID, on db: any SQLDatabase) async throws -> [SafetyRating] {
        try await db.raw(
            """
            SELECT * FROM safety_ratings WHERE person_id = \(bind: personId.db)
            ORDER BY rated_on DESC, recorded_at DESC LIMIT 500
            """
        ).all().reversed().map { row in
            SafetyRating(
                id: try row.uuid("id"), personId: personId, ratedOn: try row.date("rated_on"),
                participantName: try row.string("participant_name"),
                role: try row.code("role", as: SafetyRaterRole.self), value: try row.int("value"),
                recordedBy: try row.string("recorded_by_name"))
        }
    }
}
