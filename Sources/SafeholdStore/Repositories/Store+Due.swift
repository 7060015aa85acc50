import Foundation
import SQLKit
import SafeholdCore
import Synchronization

/// A line of a due list: which child, what is due, when, and how it stands today; on an episode, or an
/// unanswered request for information.
public struct DueLine: Sendable, Hashable {
    public let child: PersonSummary
    /// The episode it is due on; nil for an escalation, which may concern a child with none.
    public let episodeId: UUID?
    public let item: DueItem
    /// A referral to a service awaiting the service's answer, when that is what is due.
    public var serviceReferralId: UUID? = nil
    /// An escalation whose current stage awaits its response, when that is what is due.
    public var escalationId: UUID? = nil
    /// An unanswered request for information, when that is what is due.
    public var informationRequestId: UUID? = nil
    /// A link to a person who poses a risk awaiting the strategy discussion decision, when that is what is due.
    public var riskLinkId: UUID? = nil
    /// An open management oversight action agreed in supervision, when that is what is due.
    public var oversightActionId: UUID? = nil
    /// A court order whose expiry is due, when that is what is due.
    public var courtOrderId: UUID? = nil
    /// Care proceedings whose timetable ends or whose hearing comes, when that is what is due.
    public var proceedingsId: UUID? = nil
}

/// Whose due list: the actor's own children, their team's, or every child they may open.
public enum DueListScope: String, Sendable, CaseIterable {
    case mine, team, service
}

/// One page of a due list, with how many lines the whole list has and how many of those are overdue.
public struct DuePage: Sendable, Hashable {
    public let lines: [DueLine]
    /// This page's number, from 1.
    public let page: Int
    public let pageSize: Int
    /// How many lines the whole list has (at most `Store.dueListLimit`).
    public let total: Int
    public let overdue: Int

    /// How many pages the whole list fills (1 for an empty list).
    public var pageCount: Int { max(1, (total + pageSize - 1) / pageSize) }
}

extension Store {
    /// The most lines a due list holds; its pages are slices of these.
    public static let dueListLimit = 500

    /// Overdue and due-soon steps, oldest first, for the chosen scope; always within what the actor may open.
    public func dueList(
        _ scope: DueListScope, ruleset: Ruleset = .england2025, context: AuditContext,
        limit: Int = Store.dueListLimit
    ) async throws -> [DueLine] {
        try await list("due_list", detail: scope.rawValue, context: context, people: { [$0.child.id] }) {
            db, access -> [DueLine] in
            try await self.dueLines(scope, ruleset: ruleset, limit: limit, access: access, on: db)
        }
    }

    /// One page of the due list (`pageSize` lines, oldest first). Only the children on the page are read, and
    /// audited as listed; the whole list's size and overdue count come with it. A page past the end is empty.
    public func duePage(
        _ scope: DueListScope, page: Int, pageSize: Int = 50, ruleset: Ruleset = .england2025,
        context: AuditContext
    ) async throws -> DuePage {
        precondition((1...Self.dueListLimit).contains(pageSize), "a due list page holds 1 to 500 lines")
        let pages = 1...(Self.dueListLimit / pageSize)
        guard pages.contains(page) else {
            throw SafeholdError.invalid([FieldError("page", "is a page number from 1 to \(pages.upperBound)")])
        }
        let counts = Mutex((total: 0, overdue: 0))
        let lines = try await list(
            "due_list", detail: "\(scope.rawValue), page \(page)", context: context, people: { [$0.child.id] }
        ) { db, access -> [DueLine] in
            let all = try await self.dueLines(scope, ruleset: ruleset, limit: Self.dueListLimit, access: access, on: db)
            counts.withLock {
                $0 = (all.count, all.filter { $0.item.status == .overdue }.count)
            }
            return Array(all.dropFirst((page - 1) * pageSize).prefix(pageSize))
        }
        let (total, overdue) = counts.withLock { $0 }
        return DuePage(lines: lines, page: page, pageSize: pageSize, total: total, overdue: overdue)
    }

    /// Every line of the due list, oldest first, at most `limit`.
    private func dueLines(
        _ scope: DueListScope, ruleset: Ruleset, limit: Int, access: ListScope, on db: any SQLDatabase
    ) async throws -> [DueLine] {
        let horizon = ruleset.calendar.adding(workingDays: Timeliness.dueSoonWindow, to: today)
        let narrowed = Self.dueScope(scope, access)
        // Every list but the services' also requires `access.view`: the whole service's starts from the children the
        // actor may open, not from every due item of the authority (65 s for the steps alone at a million children).
        let viewed = scope == .service ? access.startingAmong("p.id") + narrowed : narrowed
        let steps = try await dueSteps(
            narrowed: viewed, access: access, through: horizon, ruleset: ruleset, limit: limit, on: db)
        let others = try await serviceDueLines(
            scope, narrowed: narrowed, access: access, horizon: horizon, calendar: ruleset.calendar, on: db)
        let requests = try await dueRequests(
            viewed, view: access.view, horizon: horizon, today: today, ruleset: ruleset, limit: limit, on: db)
        let links = try await riskLinkDueLines(
            narrowed: viewed, access: access, horizon: horizon, calendar: ruleset.calendar, on: db)
        let oversight = try await oversightDueLines(
            scope, narrowed: viewed, access: access, horizon: horizon, calendar: ruleset.calendar, on: db)
        let court = try await courtDueLines(
            narrowed: viewed, access: access, horizon: horizon, calendar: ruleset.calendar, on: db)
        // Swift's sort is stable: steps keep their order among equal dates, ahead of the others.
        let lines = steps + others + requests + links + oversight + court
        return Array(lines.sorted { $0.item.dueOn < $1.item.dueOn }.prefix(limit))
    }
}

extension Store {
    /// The rows a due list's scope narrows to: the actor's own children, their team's, or all they may open.
    static func dueScope(_ scope: DueListScope, _ access: ListScope) -> SQLQueryString {
        switch scope {
        case .mine: access.only(.allocatedWorker(access.actor.userId))
        case .team: access.actor.teamId.map { access.only(.allocatedTeam($0)) } ?? "1 = 0"
        case .service: "1 = 1"
        }
    }

    /// The statutory steps of open episodes (the `episode_due` cache) due by `through`, and from `from`
    /// when given, within `narrowed` and what the actor may open; oldest first.
    func dueSteps(
        narrowed: SQLQueryString, access: ListScope, from: LocalDate? = nil, through horizon: LocalDate,
        ruleset: Ruleset, limit: Int, on db: any SQLDatabase
    ) async throws -> [DueLine] {
        let today = self.today
        let since: SQLQueryString = from.map { "d.due_on >= \(bind: $0.description)" } ?? "1 = 1"
        return try await db.raw(
            """
            SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view, d.episode_id, d.what, d.due_on
            FROM episode_due d JOIN persons p ON p.id = d.person_id
            WHERE d.due_on <= \(bind: horizon.description) AND \(since) AND \(narrowed) AND \(access.view)
            ORDER BY d.due_on, p.family_name LIMIT \(literal: limit)
            """
        ).all().map { row -> DueLine in
            let due = try row.date("due_on")
            return DueLine(
                child: try Self.summary(row), episodeId: try row.uuid("episode_id"),
                item: DueItem(
                    what: try row.string("what"), dueOn: due,
                    status: Timeliness.status(of: due, today: today, calendar: ruleset.calendar)))
        }
    }

    /// Unanswered requests for information due by `horizon`, about children in the same scope as the steps.
    fileprivate func dueRequests(
        _ narrowed: SQLQueryString, view: SQLQueryString, horizon: LocalDate, today: LocalDate, ruleset: Ruleset,
        limit: Int, on db: any SQLDatabase
    ) async throws -> [DueLine] {
        try await db.raw(
            """
            SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view, r.id AS request_id, r.due_on, a.name AS agency
            FROM information_requests r JOIN persons p ON p.id = r.person_id JOIN agencies a ON a.id = r.agency_id
            WHERE r.outcome IS NULL AND r.due_on <= \(bind: horizon.description) AND \(narrowed) AND \(view)
            ORDER BY r.due_on, p.family_name LIMIT \(literal: limit)
            """
        ).all().map { row -> DueLine in
            let due = try row.date("due_on")
            return DueLine(
                child: try Self.summary(row), episodeId: nil,
                item: DueItem(
                    what: "Answer the request for information from \(try row.string("agency"))", dueOn: due,
                    status: Timeliness.status(of: due, today: today, calendar: ruleset.calendar)),
                informationRequestId: try row.uuid("request_id"))
        }
    }
}
