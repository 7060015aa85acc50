import Foundation
import SQLKit
import SafeholdCore

/// What a worker searches for: words of a name, a date of birth, or an identifier.
public struct PersonQuery: Sendable, Equatable {
    public var text: String
    public var dateOfBirth: LocalDate?
    /// Only children and unborn children: a partner picking the child a concern is about sees names
    /// only, so the search itself leaves the adults out.
    public var childrenOnly: Bool

    public init(text: String, dateOfBirth: LocalDate? = nil, childrenOnly: Bool = false) {
        self.text = text
        self.dateOfBirth = dateOfBirth
        self.childrenOnly = childrenOnly
    }
}

extension Store {
    /// The records allocated to the actor, then the rest of their team's, each at most `limit` long;
    /// a list, so every child shown is audited.
    public func caseload(
        context: AuditContext, limit: Int = 500
    ) async throws -> (mine: [PersonSummary], team: [PersonSummary]) {
        let rows = try await list("caseload", context: context, people: { [$0.1.id] }) {
            db, scope -> [(Bool, PersonSummary)] in
            let mineScope = scope.only(.allocatedWorker(scope.actor.userId))
            let teamScope = scope.actor.teamId.map { scope.only(.allocatedTeam($0)) } ?? "1 = 0"
            let mine = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view FROM persons p
                WHERE \(mineScope) AND \(scope.view) ORDER BY p.family_name, p.given_name LIMIT \(literal: limit)
                """
            ).all().map { (true, try Self.summary($0)) }
            let team = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view FROM persons p
                WHERE \(teamScope) AND NOT \(mineScope) AND \(scope.view)
                ORDER BY p.family_name, p.given_name LIMIT \(literal: limit)
                """
            ).all().map { (false, try Self.summary($0)) }
            return mine + team
        }
        return (rows.filter { $0.0 }.map(\.1), rows.filter { !$0.0 }.map(\.1))
    }

    /// Finds people by name (typos tolerated), date of birth or identifier. Names are found across
    /// the service, but a record the actor may not open comes back as its name only; dates of birth
    /// and identifiers match only records the actor may open, so they cannot be used to unmask a name.
    /// Every person shown is audited.
    public func search(_ query: PersonQuery, context: AuditContext, limit: Int = 50) async throws -> [PersonSummary] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in to search.") }
        if case .nobody = policy.scope(for: actor, .findByName) {
            let reason = AccessPolicy.refusalToSearch(actor)
            try await audit.record([context.event(.denied, "search", detail: reason)])
            throw SafeholdError.forbidden(reason)
        }
        let text = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= 100 else {
            throw SafeholdError.invalid([FieldError("q", "must be 100 characters or fewer")])
        }
        let detail = "'\(text.prefix(100))'" + (query.dateOfBirth.map { " born \($0)" } ?? "")
        // With a reporting copy, the names that sound like the query are read there; who may see them is
        // still decided on the primary, in the list below.
        let nameTokens = NameMatching.tokens(text)
        let copied =
            hasReadCopy && Self.identifierCondition(text) == nil && !nameTokens.isEmpty
            ? try await withReadConnection("search") {
                try await Self.similarNames(nameTokens, dialect: self.database.dialect, on: $0)
            } : nil
        return try await list("search", detail: detail, context: context, people: { [$0.id] }) {
            db, scope -> [PersonSummary] in
            if let identifier = Self.identifierCondition(text) {
                return try await db.raw(
                    """
                    SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view FROM persons p
                    WHERE \(identifier) AND \(scope.view) ORDER BY p.family_name LIMIT \(literal: limit)
                    """
                ).all().map(Self.summary)
            }
            if nameTokens.isEmpty {
                guard let dob = query.dateOfBirth else { return [] }
                return try await db.raw(
                    """
                    SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view FROM persons p
                    WHERE p.date_of_birth = \(bind: dob.description) AND \(scope.view)
                    ORDER BY p.family_name LIMIT \(literal: limit)
                    """
                ).all().map(Self.summary)
            }
            let children: SQLQueryString = query.childrenOnly ? "p.kind IN ('child', 'unborn')" : "1 = 1"
            let names: [SimilarName]
            if let copied {
                names = copied
            } else {
                names = try await Self.similarNames(nameTokens, dialect: self.database.dialect, on: db)
            }
            return try await self.rankNames(
                names, tokens: nameTokens, dateOfBirth: query.dateOfBirth, view: scope.view,
                find: "(\(scope.find) AND \(children))", limit: limit, auditor: actor.role.readsAccessLog, on: db)
        }
    }

    /// An NHS number, UPN or local id typed into the search box, as a condition; nil for a name.
    static func identifierCondition(_ text: String) -> SQLQueryString? {
        if let nhs = NHSNumber(text) { return "p.nhs_number = \(bind: nhs.digits)" }
        if let upn = UniquePupilNumber(text) { return "p.upn = \(bind: upn.value)" }
        let upper = text.uppercased()
        if upper.hasPrefix("SH-"), upper.count == 9 { return "p.local_id = \(bind: upper)" }
        return nil
    }

    /// The family network as `actor` may see it: relatives the actor may not even find by name
    /// (restricted records) are left out, so a restricted identity is never linkable from an ordinary file.
    /// Each relative is decided by the policy itself over their facts (`AccessSQL.facts`), as a single record
    /// is: a family has a handful of members, and checking the scope's SQL condition on each of them cost a
    /// page nine-tenths of its database work.
    func relatedPeople(of id: UUID, actor: Actor, on db: any SQLDatabase) async throws -> [RelatedPerson] {
        let rows = try await db.raw(
            """
            SELECT r.*, \(unsafeRaw: Self.summaryColumns), 1 AS can_view
            FROM relationships r JOIN persons p
              ON p.id = CASE WHEN r.person_id = \(bind: id.db) THEN r.related_person_id ELSE r.person_id END
            WHERE r.person_id = \(bind: id.db) OR r.related_person_id = \(bind: id.db)
            ORDER BY p.date_of_birth, p.family_name
            """
        ).all()
        guard !rows.isEmpty else { return [] }
        let others = try rows.map { try $0.uuid("person_ref") }
        let facts = try await self.facts(of: Array(Set(others)), on: db)
        let view = policy.scope(for: actor, .view), find = policy.scope(for: actor, .findByName)
        return try zip(rows, others).compactMap { row, otherId in
            guard let theirs = facts[otherId], find.matches(theirs) else { return nil }
            let kind = try row.code("kind", as: RelationshipKind.self)
            let relationship = Relationship(
                id: try row.uuid("id"), personId: try row.uuid("person_id"),
                relatedPersonId: try row.uuid("related_person_id"),
                kind: kind, parentalResponsibility: try row.flag("parental_responsibility"),
                livesTogether: try row.flag("lives_together"), createdAt: try row.timestamp("created_at"))
            let other = try Self.summary(row, idColumn: "person_ref")
            let label = relationship.relatedPersonId == id ? kind.label : kind.inverseLabel
            return RelatedPerson(
                relationship: relationship, other: view.matches(theirs) ? other : other.nameOnly, label: label)
        }
    }

    func versions(of id: UUID, on db: any SQLDatabase) async throws -> [PersonVersion] {
        try await db.raw(
            """
            SELECT version, changed_fields, changed_by_name, changed_at FROM person_versions
            WHERE person_id = \(bind: id.db) ORDER BY version DESC
            """
        ).all().map { row in
            PersonVersion(
                version: try row.int("version"),
                changedFields: try row.string("changed_fields").split(separator: ",").map(String.init),
                changedByName: try row.string("changed_by_name"), changedAt: try row.timestamp("changed_at"))
        }
    }

    static let summaryColumns =
        "p.id AS person_ref, p.local_id, p.kind AS person_kind, p.given_name, p.family_name, p.date_of_birth"

    static func summary(_ row: any SQLRow) throws -> PersonSummary { try summary(row, idColumn: "person_ref") }

    static func summary(_ row: any SQLRow, idColumn: String) throws -> PersonSummary {
        PersonSummary(
            id: try row.uuid(idColumn), localId: try row.string("local_id"),
            kind: try row.code("person_kind", as: PersonKind.self),
            givenName: try row.optionalString("given_name"), familyName: try row.string("family_name"),
            dateOfBirth: try row.optionalDate("date_of_birth"),
            canView: try row.flag("can_view"))
    }
}

extension Store {
    /// The person with a local id, if the actor may find them by name at all (audited like a search).
    public func findByLocalId(_ localId: String, context: AuditContext) async throws -> PersonSummary? {
        let key = localId.uppercased()
        return try await list(
            "find_by_local_id", detail: "'\(key.prefix(20))'", context: context,
            people: { [$0.id] }
        ) { db, scope -> [PersonSummary] in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Self.summaryColumns), CASE WHEN \(scope.view) THEN 1 ELSE 0 END AS can_view
                FROM persons p WHERE p.local_id = \(bind: key) AND \(scope.find)
                """
            ).all().map(Self.summary).map { $0.canView ? $0 : $0.nameOnly }
        }.first
    }
}
