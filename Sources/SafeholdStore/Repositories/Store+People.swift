import Foundation
import SafeholdCore
import SQLKit

/// A person's record as its page shows it, read once under the policy and audited once.
public struct PersonRecord: Sendable {
    public let person: Person
    public let facts: RecordAccessFacts
    public let canEdit: Bool
    public let related: [RelatedPerson]
    public let history: [PersonVersion]
    /// A child's episodes of need (empty for adults and professionals).
    public let episodes: [EpisodeRecord]
}

/// One version of a person's details: who changed which fields, and when.
public struct PersonVersion: Hashable, Sendable {
    public let version: Int
    public let changedFields: [String]
    public let changedByName: String
    public let changedAt: Date
}

/// A new family member to link as they are created: "the new person is the `kind` of `personId`".
public struct NewLink: Sendable {
    public let personId: UUID
    public let kind: RelationshipKind
    public let parentalResponsibility: Bool
    public let livesTogether: Bool

    public init(personId: UUID, kind: RelationshipKind, parentalResponsibility: Bool, livesTogether: Bool) {
        self.personId = personId
        self.kind = kind
        self.parentalResponsibility = parentalResponsibility
        self.livesTogether = livesTogether
    }
}

extension Store {
    /// Opens a new record, allocated to the creator and their team, optionally linked to a person the
    /// creator may edit; all in one transaction with its audit entries.
    public func createPerson(_ details: PersonDetails, context: AuditContext, link: NewLink? = nil) async throws -> Person {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in to create a record.") }
        if case .denied(let reason) = policy.mayCreatePeople(actor) {
            try await audit.record([context.event(.denied, "person", detail: reason)])
            throw SafeholdError.forbidden(reason)
        }
        let clean = try details.validated(today: today)
        let refusal = context.event(.denied, "relationship", personId: link?.personId)
        return try await write(context, refusal: refusal) { db in
            if let link {
                let facts = try await self.facts(link.personId, on: db)
                if case .denied(let reason) = self.policy.decide(actor, .edit, facts) { throw SafeholdError.forbidden(reason) }
            }
            let person = try await self.insertPerson(clean, actor: actor, on: db)
            var events = [context.event(.create, "person", entityId: person.id, personId: person.id)]
            if let link {
                let draft = RelationshipDraft(otherPersonId: person.id, kind: link.kind,
                                              parentalResponsibility: link.parentalResponsibility,
                                              livesTogether: link.livesTogether)
                let relationship = try await self.insertRelationship(draft, to: link.personId, on: db)
                events.append(context.event(.create, "relationship", entityId: relationship.id, personId: link.personId,
                                            detail: "\(link.kind.rawValue) of"))
            }
            try await self.audit.append(events, on: db)
            return person
        }
    }

    /// Reads a whole record for its page: refused (and the refusal audited) without a relationship.
    public func openPerson(_ id: UUID, context: AuditContext) async throws -> PersonRecord {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in to see records.") }
        let loaded = try await database.withConnection { db -> (Person, RecordAccessFacts)? in
            guard let person = try await self.fetchPerson(id, on: db) else { return nil }
            return (person, try await AccessSQL.facts(personId: id, restricted: person.restricted, now: self.clock.now(), on: db))
        }
        guard let (person, facts) = loaded else { throw SafeholdError.notFound("There is no record with that id.") }
        if case .denied(let reason) = policy.decide(actor, .view, facts) {
            try await audit.record([context.event(.denied, "person", entityId: id, personId: id, detail: reason)])
            throw SafeholdError.forbidden(reason)
        }
        let isChild = person.details.kind == .child || person.details.kind == .unborn
        let (related, history, episodes) = try await database.withConnection { db in
            (try await self.relatedPeople(of: id, actor: actor, on: db), try await self.versions(of: id, on: db),
             isChild ? try await self.loadEpisodes(of: id, ruleset: .england2025, on: db) : [])
        }
        try await audit.recordRead(context.event(.read, "person", entityId: id, personId: id))
        return PersonRecord(person: person, facts: facts, canEdit: policy.decide(actor, .edit, facts).isAllowed,
                            related: related, history: history, episodes: episodes)
    }

    /// Saves new details over `expectedVersion`; a stale version is a conflict, nothing is written.
    public func updatePerson(_ id: UUID, details: PersonDetails, expectedVersion: Int, context: AuditContext) async throws -> Person {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in to change records.") }
        let clean = try details.validated(today: today)
        return try await write(context, refusal: context.event(.denied, "person", entityId: id, personId: id)) { db in
            guard let current = try await self.fetchPerson(id, on: db) else {
                throw SafeholdError.notFound("There is no record with that id.")
            }
            let facts = try await AccessSQL.facts(personId: id, restricted: current.restricted, now: self.clock.now(), on: db)
            if case .denied(let reason) = self.policy.decide(actor, .edit, facts) { throw SafeholdError.forbidden(reason) }
            guard current.version == expectedVersion else {
                throw SafeholdError.conflict("Someone else changed this record (now version \(current.version)) after you opened it (version \(expectedVersion)). Reload it, check their changes, and make yours again.")
            }
            if clean.kind != current.details.kind && current.details.kind != .unborn {
                throw SafeholdError.invalid([FieldError("kind", "cannot change from \(current.details.kind.label) to \(clean.kind.label)")])
            }
            let changed = Person.changedFields(from: current.details, to: clean)
            guard !changed.isEmpty else { return current }
            var updated = current
            updated.details = clean
            updated.version += 1
            updated.updatedAt = self.clock.now()
            let rows = try await db.raw("""
                UPDATE persons SET kind = \(bind: clean.kind.rawValue), given_name = \(bind: clean.givenName),
                    family_name = \(bind: clean.familyName), date_of_birth = \(bind: clean.dateOfBirth?.description),
                    nhs_number = \(bind: clean.nhsNumber), upn = \(bind: clean.upn), details = \(bind: try Self.json(clean)),
                    version = \(bind: updated.version), updated_at = \(bind: Timestamp.string(updated.updatedAt))
                WHERE id = \(bind: id.db) AND version = \(bind: expectedVersion)
                RETURNING id
                """).all()
            guard rows.count == 1 else {
                throw SafeholdError.conflict("Someone else changed this record while you were saving. Reload it and make your changes again.")
            }
            try await self.writeNames(updated, on: db, replacing: true)
            try await self.writeVersion(updated, changed: changed, context: context, on: db)
            try await self.audit.append([context.event(.update, "person", entityId: id, personId: id,
                                                       detail: "changed: " + changed.joined(separator: ", "))], on: db)
            return updated
        }
    }

    /// The facts the policy needs about one record.
    func facts(_ id: UUID, on db: any SQLDatabase) async throws -> RecordAccessFacts {
        guard let row = try await db.raw("SELECT restricted FROM persons WHERE id = \(bind: id.db)").first() else {
            throw SafeholdError.notFound("There is no record with that id.")
        }
        return try await AccessSQL.facts(personId: id, restricted: try row.flag("restricted"), now: clock.now(), on: db)
    }

    func fetchPerson(_ id: UUID, on db: any SQLDatabase) async throws -> Person? {
        guard let row = try await db.raw("SELECT * FROM persons WHERE id = \(bind: id.db)").first() else { return nil }
        return try Self.person(row)
    }

    static func person(_ row: any SQLRow) throws -> Person {
        let details = try JSONDecoder().decode(PersonDetails.self, from: Data(try row.string("details").utf8))
        return Person(id: try row.uuid("id"), localId: try row.string("local_id"), details: details,
                      restricted: try row.flag("restricted"), version: try row.int("version"),
                      createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
    }

    static func json(_ details: PersonDetails) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(details), as: UTF8.self)
    }
}
