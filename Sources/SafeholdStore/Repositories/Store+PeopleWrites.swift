import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Inserts a validated person, their search names, first version and allocation (by default to
    /// the actor and the actor's team).
    package func insertPerson(
        _ details: PersonDetails, actor: Actor?, restricted: Bool = false,
        team: UUID?? = nil, worker: UUID?? = nil, on db: any SQLDatabase
    ) async throws -> Person {
        let number =
            try await db.raw("UPDATE counters SET value = value + 1 WHERE name = 'person' RETURNING value")
            .first()?.int("value") ?? 0
        let now = clock.now()
        let person = Person(
            id: ids.next(), localId: String(format: "SH-%06d", number), details: details,
            restricted: restricted, version: 1, createdAt: now, updatedAt: now)
        try await db.raw(
            """
            INSERT INTO persons (id, local_id, kind, given_name, family_name, date_of_birth, nhs_number, upn,
                details, restricted, version, created_at, updated_at, created_by)
            VALUES (\(bind: person.id.db), \(bind: person.localId), \(bind: details.kind.rawValue),
                \(bind: details.givenName), \(bind: details.familyName), \(bind: details.dateOfBirth?.description),
                \(bind: details.nhsNumber), \(bind: details.upn), \(bind: try Self.json(details)),
                \(bind: restricted.db), 1, \(bind: Timestamp.string(now)), \(bind: Timestamp.string(now)),
                \(bind: actor?.userId.db))
            """
        ).run()
        try await writeSearchKeys(person, on: db, replacing: false)
        try await writeVersion(person, changed: ["created"], changedBy: actor, on: db)
        let team = team ?? actor?.teamId, worker = worker ?? actor?.userId
        if team != nil || worker != nil {
            try await db.raw(
                """
                INSERT INTO allocations (id, person_id, team_id, worker_id, started_at)
                VALUES (\(bind: ids.next().db), \(bind: person.id.db), \(bind: team?.db),
                    \(bind: worker?.db), \(bind: Timestamp.string(now)))
                """
            ).run()
        }
        return person
    }

    /// Keeps the search keys of every name the person is known by, and the postcodes of their addresses.
    func writeSearchKeys(_ person: Person, on db: any SQLDatabase, replacing: Bool) async throws {
        if replacing {
            try await db.raw("DELETE FROM person_names WHERE person_id = \(bind: person.id.db)").run()
            try await db.raw("DELETE FROM person_postcodes WHERE person_id = \(bind: person.id.db)").run()
        }
        let postcodes = HouseholdKey.postcodes(person.details.addresses)
        if !postcodes.isEmpty {
            let rows: [SQLQueryString] = postcodes.map { "(\(bind: person.id.db), \(bind: $0))" }
            try await db.raw(
                "INSERT INTO person_postcodes (person_id, postcode) VALUES \(rows.joined(separator: ", "))"
            ).run()
        }
        let rows: [SQLQueryString] = person.details.allNames.map { name in
            // Words stay apart ("ashworth okafor") so every part of a name can be scored on its own.
            let given = NameMatching.tokens(name.given).joined(separator: " ")
            let family = NameMatching.tokens(name.family).joined(separator: " ")
            return """
                (\(bind: person.id.db), \(bind: given), \(bind: family),
                 \(bind: NameMatching.soundex(given)), \(bind: NameMatching.soundex(family)))
                """
        }
        try await db.raw(
            """
            INSERT INTO person_names (person_id, given_norm, family_norm, given_sx, family_sx)
            VALUES \(rows.joined(separator: ", "))
            """
        ).run()
    }

    func writeVersion(_ person: Person, changed: [String], context: AuditContext, on db: any SQLDatabase) async throws {
        try await writeVersion(person, changed: changed, changedBy: context.actor, name: context.actorName, on: db)
    }

    func writeVersion(
        _ person: Person, changed: [String], changedBy actor: Actor?, name: String? = nil,
        on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO person_versions \
            (person_id, version, details, changed_fields, changed_by, changed_by_name, changed_at)
            VALUES (\(bind: person.id.db), \(bind: person.version), \(bind: try Self.json(person.details)),
                \(bind: changed.joined(separator: ",")), \(bind: actor?.userId.db),
                \(bind: name ?? actor?.displayName ?? "system"), \(bind: Timestamp.string(person.updatedAt)))
            """
        ).run()
    }

    /// Links another person to a record the actor may edit; the other person need only be findable.
    public func addRelationship(
        to personId: UUID, _ draft: RelationshipDraft, context: AuditContext
    ) async throws -> Relationship {
        let draft = try draft.validated(for: personId)
        return try await act(on: .person(personId), .edit, "relationship", context: context) { db, access in
            let unknown = SafeholdError.invalid([FieldError("otherPersonId", "there is no person with that id")])
            guard try await !self.resolve(.person(draft.otherPersonId), on: db).isEmpty else { throw unknown }
            let otherFacts = try await self.facts(draft.otherPersonId, on: db)
            if case .denied = self.policy.decide(access.actor, .findByName, otherFacts) { throw unknown }
            let existing = try await db.raw(
                """
                SELECT id FROM relationships WHERE person_id = \(bind: draft.otherPersonId.db)
                AND related_person_id = \(bind: personId.db) AND kind = \(bind: draft.kind.rawValue)
                """
            ).first()
            if existing != nil { throw SafeholdError.conflict("These two people are already linked that way.") }
            let relationship = try await self.insertRelationship(draft, to: personId, on: db)
            access.audit(.create, "relationship", entityId: relationship.id, detail: "\(draft.kind.rawValue) of")
            return relationship
        }
    }

    package func insertRelationship(
        _ draft: RelationshipDraft, to personId: UUID, on db: any SQLDatabase
    ) async throws -> Relationship {
        let relationship = Relationship(
            id: ids.next(), personId: draft.otherPersonId, relatedPersonId: personId,
            kind: draft.kind, parentalResponsibility: draft.parentalResponsibility,
            livesTogether: draft.livesTogether, createdAt: clock.now())
        try await db.raw(
            """
            INSERT INTO relationships \
            (id, person_id, related_person_id, kind, parental_responsibility, lives_together, created_at)
            VALUES \
            (\(bind: relationship.id.db), \(bind: relationship.personId.db), \(bind: relationship.relatedPersonId.db),
                \(bind: draft.kind.rawValue), \(bind: draft.parentalResponsibility.db), \(bind: draft.livesTogether.db),
                \(bind: Timestamp.string(relationship.createdAt)))
            """
        ).run()
        return relationship
    }
}
