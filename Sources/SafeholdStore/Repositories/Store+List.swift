import Foundation
import SQLKit
import SafeholdCore

/// What a list or search may show the actor, as SQL conditions on a person row aliased `p`, all
/// compiled from the one policy.
public struct ListScope: Sendable {
    public let actor: Actor
    /// Records the actor may open.
    let view: SQLQueryString
    /// Records the actor may find by name.
    let find: SQLQueryString
    /// A subquery of person ids holding every record the actor may open, when those are few enough to start from
    /// (`AccessSQL.candidates`); nil when the actor may open records anywhere.
    let viewAmong: SQLQueryString?
    let now: Date

    /// A narrower condition (my allocations, my team's) from the policy's own vocabulary.
    func only(_ scope: AccessScope) -> SQLQueryString { AccessSQL.predicate(scope, now: now) }

    /// `column IN (viewAmong) AND `, or nothing when the actor may open records anywhere: put before `view` in a
    /// query over every person or note, it lets the query start from the few people the actor may open.
    func startingAmong(_ column: String) -> SQLQueryString {
        viewAmong.map { "\(unsafeRaw: column) IN (\($0)) AND " } ?? ""
    }

    /// The condition that the actor may open `column`'s person, for tables joined on another alias.
    func viewable(_ column: String) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM persons p WHERE p.id = \(unsafeRaw: column) AND \(view))"
    }
}

extension Store {
    /// The list equivalent of `act`: runs `body` with the actor's scope, then audits the list in the next group
    /// commit, before returning: one entry (a `search` with the query in `detail`, else a `read`) naming a receipt
    /// of the people shown (`AuditLog.recordBulkRead`), so each of them finds it in their access log. A team's
    /// caseload page showing two hundred children writes one entry, not two hundred. `people` names the people
    /// each item shows.
    public func list<T: Sendable>(
        _ entity: String, detail: String? = nil, context: AuditContext,
        people: @escaping @Sendable (T) -> [UUID],
        _ body: @escaping @Sendable (any SQLDatabase, ListScope) async throws -> [T]
    )
        async throws -> [T]
    {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let scope = listScope(actor)
        let items = try await database.reading { db in try await body(db, scope) }
        let shown = Set(items.flatMap(people))
        let action: AuditAction = detail == nil ? .read : .search
        if shown.isEmpty {
            let what = detail.map { "\($0): \(items.count) shown" } ?? "nothing shown"
            try await audit.recordRead(context.event(action, entity, detail: what))
        } else {
            let event = context.event(action, entity, detail: "\(detail ?? "listed"): \(items.count) shown")
            try await audit.recordBulkRead(event, people: shown)
        }
        return items
    }

    func listScope(_ actor: Actor) -> ListScope {
        let now = clock.now()
        let view = policy.scope(for: actor, .view)
        return ListScope(
            actor: actor, view: AccessSQL.predicate(view, now: now),
            find: AccessSQL.predicate(policy.scope(for: actor, .findByName), now: now),
            viewAmong: AccessSQL.candidates(view), now: now)
    }
}
