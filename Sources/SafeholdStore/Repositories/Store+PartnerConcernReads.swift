import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// One partner concern, for its raiser or the front door (the "raised by me" and "front door"
    /// rules); anyone else gets the one 404, audited. A read is audited against each known child.
    public func partnerConcern(_ id: UUID, context: AuditContext) async throws -> PartnerConcern {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let scope = policy.partnerRequestScope(actor)
        let concern = try await database.withConnection { db in try await self.fetchPartnerConcerns([id], on: db) }
            .first
        guard let concern, scope.includes(raisedBy: concern.raisedBy) else {
            let children = concern?.children.compactMap(\.personId) ?? []
            let reason = concern == nil ? "no such record" : "not raised by this user"
            try await audit.recordReads(
                context.events(.denied, "partner_concern", entityId: id, against: children, detail: reason))
            throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
        }
        let known = concern.children.compactMap(\.personId)
        try await audit.recordReads(context.events(.read, "partner_concern", entityId: id, against: known))
        return concern
    }

    /// The concerns the actor may read, newest first: a partner's own; for the front door, those
    /// still waiting for it to identify a child (`awaitingIdentification`) or all. Audited as a list.
    public func partnerConcerns(
        awaitingIdentification: Bool = false, context: AuditContext, limit: Int = 200
    ) async throws -> [PartnerConcern] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let filter = try partnerScopeSQL(policy.partnerRequestScope(actor), column: "c.raised_by", entity: "concerns")
        let waiting: SQLQueryString = awaitingIdentification ? "c.contact_id IS NULL" : "1 = 1"
        return try await list(
            "partner_concern", detail: "partner concerns", context: context,
            people: { $0.children.compactMap(\.personId) }
        ) { db, _ in
            let ids = try await db.raw(
                """
                SELECT c.id FROM partner_concerns c WHERE \(filter) AND \(waiting)
                ORDER BY c.raised_at DESC, c.id LIMIT \(literal: limit)
                """
            ).all().map { try $0.uuid("id") }
            return try await self.fetchPartnerConcerns(ids, on: db)
        }
    }

    /// The SQL form of a partner request scope; a role with none is refused.
    func partnerScopeSQL(_ scope: PartnerRequestScope, column: String, entity: String) throws -> SQLQueryString {
        switch scope {
        case .raisedBy(let user): "\(unsafeRaw: column) = \(bind: user.db)"
        case .all: "1 = 1"
        case .none: throw SafeholdError.forbidden("Your role does not work with partner agencies' \(entity).")
        }
    }

    /// Concerns by id with their children and the front door's decision, in the order asked.
    func fetchPartnerConcerns(_ ids: [UUID], on db: any SQLDatabase) async throws -> [PartnerConcern] {
        guard !ids.isEmpty else { return [] }
        let keys = ids.map(\.db)
        var children: [UUID: [PartnerConcern.Child]] = [:]
        for row in try await db.raw(
            """
            SELECT ch.*, p.given_name, p.family_name FROM partner_concern_children ch
            LEFT JOIN persons p ON p.id = ch.person_id
            WHERE ch.concern_id IN (\(binds: keys)) ORDER BY ch.concern_id, ch.position
            """
        ).all() {
            let describedName = try row.optionalString("described_name")
            let described = try describedName.map {
                DescribedChild(
                    name: $0, dateOfBirth: try row.optionalDate("date_of_birth"),
                    address: try row.optionalString("address"), school: try row.optionalString("school"),
                    gp: try row.optionalString("gp"))
            }
            let recordName = try [row.optionalString("given_name"), row.optionalString("family_name")]
                .compactMap { $0 }.joined(separator: " ")
            children[try row.uuid("concern_id"), default: []].append(
                .init(
                    personId: try row.optionalUUID("person_id"),
                    name: recordName.isEmpty ? (describedName ?? "") : recordName, described: described))
        }
        var byId: [UUID: PartnerConcern] = [:]
        for row in try await db.raw(
            """
            SELECT c.*, k.decided_at, k.referrer_feedback, k.referrer_informed_on FROM partner_concerns c
            LEFT JOIN contacts k ON k.id = c.contact_id WHERE c.id IN (\(binds: keys))
            """
        ).all() {
            let id = try row.uuid("id")
            let decidedAt = try row.optionalTimestamp("decided_at")
            byId[id] = PartnerConcern(
                id: id, raisedAt: try row.timestamp("raised_at"), raisedBy: try row.uuid("raised_by"),
                raisedByName: try row.string("raised_by_name"), agencyName: try row.string("agency_name"),
                children: children[id] ?? [], seenOrHeard: try row.string("seen_or_heard"),
                childsWords: try row.optionalString("childs_words"),
                actionTaken: try row.optionalString("action_taken"),
                parentsAware: try row.flag("parents_aware"),
                parentsNotAwareReason: try row.optionalString("parents_not_aware_reason"),
                contactId: try row.optionalUUID("contact_id"), status: decidedAt == nil ? .received : .decided,
                decidedAt: decidedAt, feedback: try row.optionalString("referrer_feedback"),
                feedbackOn: try row.optionalDate("referrer_informed_on"), version: try row.int("version"))
        }
        return ids.compactMap { byId[$0] }
    }
}
