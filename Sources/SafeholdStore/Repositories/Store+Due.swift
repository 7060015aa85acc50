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
            try await self.dueLines(scope, ruleset: ruleset, limit: limit, stepsUpTo: nil, access: access, on: db)
                .merged(limit: limit)
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
            // The steps up to the end of this page only, with how many there are: the lines of later pages are never
            // decoded (a team's list holds hundreds of steps and a page shows 50).
            let read = try await self.dueLines(
                scope, ruleset: ruleset, limit: Self.dueListLimit, stepsUpTo: page * pageSize, access: access, on: db)
            counts.withLock { $0 = read.counts(limit: Self.dueListLimit) }
            return Array(read.merged(limit: page * pageSize).dropFirst((page - 1) * pageSize))
        }
        let (total, overdue) = counts.withLock { $0 }
        return DuePage(lines: lines, page: page, pageSize: pageSize, total: total, overdue: overdue)
    }

    /// The due list's lines as read, oldest first within each kind; with `stepsUpTo` (on SQLite), only that many of
    /// the steps and how many there are in all (a page's read), else up to `limit` of them.
    private func dueLines(
        _ scope: DueListScope, ruleset: Ruleset, limit: Int, stepsUpTo: Int?, access: ListScope,
        on db: any SQLDatabase
    ) async throws -> DueRead {
        let horizon = ruleset.calendar.adding(workingDays: Timeliness.dueSoonWindow, to: today)
        let narrowed = Self.dueScope(scope, access)
        // Every list but the services' also requires `access.view`: the whole service's starts from the children the
        // actor may open, not from every due item of the authority (65 s for the steps alone at a million children).
        let viewed = scope == .service ? access.startingAmong("p.id") + narrowed : narrowed
        // Only SQLite reads a page's steps alone: PostgreSQL plans that shorter, counted read by walking every due
        // item of the authority in date order (103 ms against 3 at 100,000 children), so it reads up to `limit`.
        let upTo = database.dialect == .sqlite ? stepsUpTo : nil
        let steps = try await dueSteps(
            narrowed: viewed, access: access, through: horizon, ruleset: ruleset, limit: min(limit, upTo ?? limit),
            counted: upTo != nil, on: db)
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
        return DueRead(
            steps: steps.lines, stepsTotal: steps.total ?? steps.lines.count,
            stepsOverdue: steps.overdue ?? steps.lines.filter { $0.item.status == .overdue }.count,
            others: others + requests + links + oversight + court)
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
    /// when given, within `narrowed` and what the actor may open; oldest first. `counted`, also how many match in
    /// all and how many of those are overdue, counted by the same statement over every row it matched before its
    /// `LIMIT`. The order is total (ties of date and family name broken by ids), so a page's shorter read begins
    /// with exactly the lines the whole list's does.
    func dueSteps(
        narrowed: SQLQueryString, access: ListScope, from: LocalDate? = nil, through horizon: LocalDate,
        ruleset: Ruleset, limit: Int, counted: Bool = false, on db: any SQLDatabase
    ) async throws -> (lines: [DueLine], total: Int?, overdue: Int?) {
        let today = self.today
        let since: SQLQueryString = from.map { "d.due_on >= \(bind: $0.description)" } ?? "1 = 1"
        let counts: SQLQueryString =
            counted
            ? """
            , COUNT(*) OVER () AS matched,
                SUM(CASE WHEN d.due_on < \(bind: today.description) THEN 1 ELSE 0 END) OVER () AS overdue_matched
            """ : ""
        let rows = try await db.raw(
            """
            SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view, d.episode_id, d.what, d.due_on\(counts)
            FROM episode_due d JOIN persons p ON p.id = d.person_id
            WHERE d.due_on <= \(bind: horizon.description) AND \(since) AND \(narrowed) AND \(access.view)
            ORDER BY d.due_on, p.family_name, p.id, d.episode_id, d.what LIMIT \(literal: limit)
            """
        ).all()
        let total = counted ? try rows.first.map { try $0.int("matched") } ?? 0 : nil
        let overdue = counted ? try rows.first.map { try $0.int("overdue_matched") } ?? 0 : nil
        let lines = try rows.map { row -> DueLine in
            let due = try row.date("due_on")
            return DueLine(
                child: try Self.summary(row), episodeId: try row.uuid("episode_id"),
                item: DueItem(
                    what: try row.string("what"), dueOn: due,
                    status: Timeliness.status(of: due, today: today, calendar: ruleset.calendar)))
        }
        return (lines, total, overdue)
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

/// A due list as read: its steps (perhaps only the first of them, with how many there are) and its other lines.
struct DueRead {
    let steps: [DueLine]
    /// Every step the list holds, and the overdue among them, including any not read.
    let stepsTotal: Int
    let stepsOverdue: Int
    let others: [DueLine]

    /// The first `limit` lines of the whole list, oldest first. Swift's sort is stable: steps keep their order
    /// among equal dates, ahead of the others. Steps not read cannot be among them when `limit` is at most the
    /// steps read: each comes after every step read.
    func merged(limit: Int) -> [DueLine] {
        Array((steps + others).sorted { $0.item.dueOn < $1.item.dueOn }.prefix(limit))
    }

    /// How many lines the whole list (its first `limit`) has, and how many of those are overdue: overdue lines are
    /// the oldest, so the first `limit` hold as many of them as there are, up to `limit`.
    func counts(limit: Int) -> (total: Int, overdue: Int) {
        let overdue = stepsOverdue + others.filter { $0.item.status == .overdue }.count
        return (min(limit, stepsTotal + others.count), min(limit, overdue))
    }
}
