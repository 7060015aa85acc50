import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore

// Bulk loaders for the demo authority, the benchmark and tests. They write as the system, outside the
// access policy, so they live in their own module: production code paths never import it.

/// A person to load in bulk (the demo authority, benchmarks), with their allocation and grants.
public struct BulkPerson: Sendable {
    public var details: PersonDetails
    public var restricted: Bool
    public var team: UUID?
    public var worker: UUID?
    /// Users granted access by name, each with whether they may edit.
    public var grants: [(user: UUID, canEdit: Bool)]

    public init(
        details: PersonDetails, restricted: Bool = false, team: UUID?, worker: UUID?,
        grants: [(user: UUID, canEdit: Bool)] = []
    ) {
        self.details = details
        self.restricted = restricted
        self.team = team
        self.worker = worker
        self.grants = grants
    }
}

/// A link between two people of the same batch: "people[from] is `kind` of people[to]".
public struct BulkLink: Sendable {
    public let from: Int, to: Int
    public let kind: RelationshipKind
    public let parentalResponsibility: Bool, livesTogether: Bool

    public init(from: Int, to: Int, kind: RelationshipKind, parentalResponsibility: Bool, livesTogether: Bool) {
        self.from = from
        self.to = to
        self.kind = kind
        self.parentalResponsibility = parentalResponsibility
        self.livesTogether = livesTogether
    }
}

/// People checked, with their rows built and their audit entries made, ready for
/// `Store.bulkLoad(_:context:)`. Only the local ids (`SH-000123`) wait for the write, which numbers them
/// from the store's counter.
public struct PreparedPeople: Sendable {
    /// The ids the people will have, in the order given.
    public let ids: [UUID]
    var persons = BulkRows(
        "persons",
        [
            "id", "local_id", "kind", "given_name", "family_name", "date_of_birth", "nhs_number", "upn", "details",
            "restricted", "version", "created_at", "updated_at", "created_by",
        ])
    var names = BulkRows("person_names", ["person_id", "given_norm", "family_norm", "given_sx", "family_sx"])
    var postcodes = BulkRows("person_postcodes", ["person_id", "postcode"])
    var versions = BulkRows(
        "person_versions",
        ["person_id", "version", "details", "changed_fields", "changed_by", "changed_by_name", "changed_at"])
    var allocations = BulkRows("allocations", ["id", "person_id", "team_id", "worker_id", "started_at"])
    var grants = BulkRows(
        "access_grants", ["id", "person_id", "user_id", "can_edit", "reason", "granted_by", "granted_at"])
    var relationships = BulkRows(
        "relationships",
        ["id", "person_id", "related_person_id", "kind", "parental_responsibility", "lives_together", "created_at"])
    var events: [AuditEvent] = []
}

extension Store {
    /// Loads people and their links in one transaction, each validated and audited as a creation.
    public func bulkLoad(_ people: [BulkPerson], links: [BulkLink], context: AuditContext) async throws -> [UUID] {
        let prepared = try preparePeople(people, links: links, context: context)
        try await bulkLoad(prepared)
        return prepared.ids
    }

    /// Validates people (as a person's own creation would: names trimmed, dates checked) and builds the rows the
    /// store writes for a new person: the record, its search names, its first version, its allocation, grants
    /// and links. No database: a loader can prepare the next batch while the database writes this one.
    public func preparePeople(
        _ people: [BulkPerson], links: [BulkLink], context: AuditContext
    ) throws -> PreparedPeople {
        let today = self.today, now = nowText
        var ids = BulkIds(replacing: self.ids, now: clock.now())
        let clean = try people.map { p in
            var p = p
            p.details = try p.details.validated(today: today)
            return p
        }
        let personIds = clean.map { _ in ids.next() }
        var out = PreparedPeople(ids: personIds)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for (p, id) in zip(clean, personIds) {
            let details = p.details, json = String(decoding: try encoder.encode(details), as: UTF8.self)
            out.persons.append(
                id.db, "", details.kind.rawValue, details.givenName, details.familyName,
                details.dateOfBirth?.description, details.nhsNumber, details.upn, json, p.restricted.db, 1, now, now,
                String?.none)
            for name in details.allNames {
                let given = NameMatching.tokens(name.given).joined(separator: " ")
                let family = NameMatching.tokens(name.family).joined(separator: " ")
                out.names.append(id.db, given, family, NameMatching.soundex(given), NameMatching.soundex(family))
            }
            for postcode in HouseholdKey.postcodes(details.addresses) { out.postcodes.append(id.db, postcode) }
            out.versions.append(id.db, 1, json, "created", String?.none, "system", now)
            if p.team != nil || p.worker != nil {
                out.allocations.append(ids.next().db, id.db, p.team?.db, p.worker?.db, now)
            }
            for grant in p.grants {
                out.grants.append(
                    ids.next().db, id.db, grant.user.db, grant.canEdit.db, "shared with partner agency", String?.none,
                    now)
            }
            out.events.append(context.event(.create, "person", entityId: id, personId: id))
        }
        for link in links {
            guard personIds.indices.contains(link.from), personIds.indices.contains(link.to), link.from != link.to
            else {
                throw SafeholdError.invalid([FieldError("links", "a link names a person outside the batch")])
            }
            out.relationships.append(
                ids.next().db, personIds[link.from].db, personIds[link.to].db, link.kind.rawValue,
                link.parentalResponsibility.db, link.livesTogether.db, now)
        }
        return out
    }

    /// Writes prepared people in one transaction, numbering them from the store's counter, with their audit
    /// entries: all of the batch is written, or none of it.
    public func bulkLoad(_ prepared: PreparedPeople) async throws {
        try await database.bulkTransaction { db in
            var persons = prepared.persons
            let count = persons.count
            let last =
                try await db.raw(
                    "UPDATE counters SET value = value + \(bind: count) WHERE name = 'person' RETURNING value"
                ).first()?.decode(column: "value", as: Int.self) ?? count
            for row in 0..<count {
                persons.set(row: row, column: 1, String(format: "SH-%06d", last - count + 1 + row))
            }
            for rows in [
                persons, prepared.names, prepared.postcodes, prepared.versions, prepared.allocations, prepared.grants,
                prepared.relationships,
            ] {
                try await rows.insert(on: db)
            }
            try await self.audit.append(prepared.events, on: db)
        }
    }

    /// Marks a setting inside its own transaction.
    public func setSetting(_ key: String, _ value: String) async throws {
        try await database.transaction { db in try await self.setSetting(key, value, on: db) }
    }
}
