import Foundation
import SQLKit
import SafeholdCore

/// A person's record as its page shows it, read once under the policy and audited once.
public struct PersonRecord: Sendable {
    public let person: Person
    public let facts: RecordAccessFacts
    public let canEdit: Bool
    public let related: [RelatedPerson]
    public let history: [PersonVersion]
    /// A child's episodes of need (empty for adults and professionals).
    public let episodes: [EpisodeRecord]
    /// A child's looked-after periods, newest first.
    public let lookedAfter: [LookedAfterPeriod]
    /// The last 25 look-ups by unscheduled care, newest first.
    public let lookups: [PlanLookupEntry]
    /// A child's voice with the latest few wishes and feelings (nil for adults and professionals).
    public let voice: ChildsVoice?
    /// A child's police panel, as the reader may see it (nil for adults and professionals).
    public let police: PolicePanel?
    /// A child's referrals to services and the escalations about it the reader stands to.
    public var services: ServiceWork? = nil
    /// A linked child's warning: a person who may pose a risk is linked; the named officers to contact.
    public var riskWarning: RiskWarning? = nil
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
    /// Opens a new record, optionally linked to a person the creator may edit, in one transaction with
    /// its audit entries. A caseworker's new record is allocated to them and their team; the front
    /// door's is not (it sees the child only while a contact about them awaits its decision).
    public func createPerson(
        _ details: PersonDetails, context: AuditContext, link: NewLink? = nil
    ) async throws -> Person {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in to create a record.") }
        if case .denied(let reason) = policy.mayCreatePeople(actor) {
            try await audit.record([context.event(.denied, "person", personId: link?.personId, detail: reason)])
            throw SafeholdError.forbidden(reason)
        }
        let clean = try details.validated(today: today)
        let holder: (team: UUID?, worker: UUID?) = actor.role == .frontDoor ? (nil, nil) : (actor.teamId, actor.userId)
        guard let link else {
            return try await database.transaction { db in
                let person = try await self.insertPerson(
                    clean, actor: actor, team: holder.team, worker: holder.worker, on: db)
                try await self.audit.append(
                    [context.event(.create, "person", entityId: person.id, personId: person.id)], on: db)
                return person
            }
        }
        return try await act(on: .person(link.personId), .edit, "relationship", context: context) { db, access in
            let person = try await self.insertPerson(
                clean, actor: actor, team: holder.team, worker: holder.worker, on: db)
            let draft = RelationshipDraft(
                otherPersonId: person.id, kind: link.kind,
                parentalResponsibility: link.parentalResponsibility,
                livesTogether: link.livesTogether)
            let relationship = try await self.insertRelationship(draft, to: link.personId, on: db)
            access.audit(context.event(.create, "person", entityId: person.id, personId: person.id))
            access.audit(.create, "relationship", entityId: relationship.id, detail: "\(link.kind.rawValue) of")
            return person
        }
    }

    /// Reads a whole record for its page, through `act`: refused (and the refusal audited) without a
    /// relationship to the person.
    public func openPerson(_ id: UUID, context: AuditContext) async throws -> PersonRecord {
        try await act(on: .person(id), .view, "person", context: context) { db, access in
            try await self.personRecord(id, access: access, on: db)
        }
    }

    /// The record's page content, read on `db` for an access the policy already admitted.
    func personRecord(_ id: UUID, access: RecordAccess, on db: any SQLDatabase) async throws -> PersonRecord {
        try await personRecord(id, access: access, probing: [], on: db).record
    }

    /// The record's page content, and which of a child's lists hold anything (`PersonLists`): the record's own and
    /// `panels`, asked in the same statement, so that only those are read. An adult's lists are all read.
    func personRecord(
        _ id: UUID, access: RecordAccess, probing panels: PersonLists, on db: any SQLDatabase
    ) async throws -> (record: PersonRecord, present: PersonLists) {
        guard let person = try await self.fetchPerson(id, on: db), let facts = access.facts[id] else {
            throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
        }
        let isChild = person.details.kind == .child || person.details.kind == .unborn
        let present = isChild ? try await presentLists(of: id, among: PersonLists.record.union(panels), on: db) : .all
        let canEdit = access.may(.edit)
        let related = try await self.relatedPeople(of: id, actor: access.actor, on: db)
        let history = try await self.versions(of: id, on: db)
        let episodes = isChild ? try await self.loadEpisodes(of: id, ruleset: .england2025, on: db) : []
        // The services one may refer to, for the referral form an open plan offers an editor.
        let mayRefer = canEdit && episodes.contains { $0.state.hasOpenPlan }
        let record = PersonRecord(
            person: person, facts: facts, canEdit: canEdit, related: related, history: history, episodes: episodes,
            lookedAfter: isChild && present.contains(.lookedAfter)
                ? try await self.lookedAfterPeriods(of: id, on: db) : [],
            lookups: present.contains(.planLookups) ? try await self.planLookups(of: id, on: db) : [],
            voice: isChild
                ? try await self.loadVoice(
                    of: id, person: person, wishesLimit: 3, canEdit: canEdit, present: present, on: db) : nil,
            police: person.details.kind == .child
                ? try await self.policePanel(of: id, access: access, present: present, on: db) : nil,
            services: isChild
                ? try await self.loadServiceWork(
                    of: id, access: access, withTypes: mayRefer, present: present, on: db) : nil,
            riskWarning: isChild && present.contains(.riskLinks) ? try await self.riskWarning(for: id, on: db) : nil
        )
        return (record, present)
    }

    /// Saves new details over `expectedVersion`; a stale version is a conflict, nothing is written.
    public func updatePerson(
        _ id: UUID, details: PersonDetails, expectedVersion: Int, context: AuditContext
    ) async throws -> Person {
        let clean = try details.validated(today: today)
        var v = Validation()
        v.version("version", expectedVersion)
        try v.check()
        return try await act(on: .person(id), .edit, "person", context: context) { db, access in
            guard let current = try await self.fetchPerson(id, on: db) else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            guard current.version == expectedVersion else {
                throw SafeholdError.conflict(
                    "Someone else changed this record (now version \(current.version)) after you opened it "
                        + "(version \(expectedVersion)). Reload it, check their changes, and make yours again."
                )
            }
            if clean.kind != current.details.kind && current.details.kind != .unborn {
                throw SafeholdError.invalid([
                    FieldError("kind", "cannot change from \(current.details.kind.label) to \(clean.kind.label)")
                ])
            }
            let changed = Person.changedFields(from: current.details, to: clean)
            guard !changed.isEmpty else {
                access.audit(.update, "person", detail: "saved without changes")
                return current
            }
            var updated = current
            updated.details = clean
            updated.version += 1
            updated.updatedAt = self.clock.now()
            let details = try Self.json(clean)
            let rows = try await db.raw(
                """
                UPDATE persons SET kind = \(bind: clean.kind.rawValue), given_name = \(bind: clean.givenName),
                    family_name = \(bind: clean.familyName), date_of_birth = \(bind: clean.dateOfBirth?.description),
                    nhs_number = \(bind: clean.nhsNumber), upn = \(bind: clean.upn), details = \(bind: details),
                    version = \(bind: updated.version), updated_at = \(bind: Timestamp.string(updated.updatedAt))
                WHERE id = \(bind: id.db) AND version = \(bind: expectedVersion)
                RETURNING id
                """
            ).all()
            guard rows.count == 1 else {
                throw SafeholdError.conflict(
                    "Someone else changed this record while you were saving. Reload it and make your changes again.")
            }
            try await self.writeSearchKeys(updated, on: db, replacing: true)
            try await self.writeVersion(updated, changed: changed, context: context, on: db)
            access.audit(.update, "person", detail: "changed: " + changed.joined(separator: ", "))
            try await self.linkHousehold(of: updated, movedFrom: current.details.addresses, access: access, on: db)
            return updated
        }
    }

    /// The facts the policy needs about one record.
    /// The facts of each of `people` that has a record, in one query.
    func facts(of people: [UUID], on db: any SQLDatabase) async throws -> [UUID: RecordAccessFacts] {
        try await AccessSQL.facts(of: people, now: clock.now(), on: db)
    }

    func facts(_ id: UUID, on db: any SQLDatabase) async throws -> RecordAccessFacts {
        guard let facts = try await facts(of: [id], on: db)[id] else {
            throw SafeholdError.notFound("There is no record with that id.")
        }
        return facts
    }

    func fetchPerson(_ id: UUID, on db: any SQLDatabase) async throws -> Person? {
        guard let row = try await db.raw("SELECT * FROM persons WHERE id = \(bind: id.db)").first() else { return nil }
        return try Self.person(row)
    }

    static func person(_ row: any SQLRow) throws -> Person {
        let details = try row.stored("details", PersonDetails.stored)
        return Person(
            id: try row.uuid("id"), localId: try row.string("local_id"), details: details,
            restricted: try row.flag("restricted"), version: try row.int("version"),
            createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
    }

    static func json(_ details: PersonDetails) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(details), as: UTF8.self)
    }
}
