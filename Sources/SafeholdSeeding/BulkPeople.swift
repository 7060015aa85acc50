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

extension Store {
    /// Loads people and their links in one transaction, each validated and audited as a creation.
    public func bulkLoad(_ people: [BulkPerson], links: [BulkLink], context: AuditContext) async throws -> [UUID] {
        let today = self.today
        let clean = try people.map { p in
            var p = p
            p.details = try p.details.validated(today: today)
            return p
        }
        return try await database.transaction { db in
            var ids: [UUID] = []
            var events: [AuditEvent] = []
            for p in clean {
                let person = try await self.insertPerson(
                    p.details, actor: nil, restricted: p.restricted,
                    team: .some(p.team), worker: .some(p.worker), on: db)
                for grant in p.grants {
                    try await db.raw(
                        """
                        INSERT INTO access_grants (id, person_id, user_id, can_edit, reason, granted_by, granted_at)
                        VALUES (\(bind: self.ids.next().db), \(bind: person.id.db), \(bind: grant.user.db),
                            \(bind: grant.canEdit.db), 'shared with partner agency', NULL, \(bind: self.nowText))
                        """
                    ).run()
                }
                ids.append(person.id)
                events.append(context.event(.create, "person", entityId: person.id, personId: person.id))
            }
            for link in links {
                let draft = RelationshipDraft(
                    otherPersonId: ids[link.from], kind: link.kind,
                    parentalResponsibility: link.parentalResponsibility, livesTogether: link.livesTogether)
                _ = try await self.insertRelationship(draft, to: ids[link.to], on: db)
            }
            try await self.audit.append(events, on: db)
            return ids
        }
    }

    /// Marks a setting inside its own transaction.
    public func setSetting(_ key: String, _ value: String) async throws {
        try await database.transaction { db in try await self.setSetting(key, value, on: db) }
    }
}
