import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Tells whoever holds each child (its allocated workers, else its team's managers) when a step on
    /// an open episode, an unanswered request for information or a court date (an order's expiry, the end of
    /// the proceedings' timetable, a hearing) falls due soon, and again when it is overdue: once per item and
    /// status (`due_notices`), each notice in one transaction with its audit entry. The items are read first and
    /// told `noticesPerCommit` to a transaction: a large authority's first run finds millions of items (2.48
    /// million at a million children), and one transaction over all of them held the one SQLite writer, and so
    /// every audited page, for many minutes. A run stopped part way tells the rest next time; `due_notices`
    /// keeps each item told once whatever runs at once. The server runs it hourly as the system
    /// (`DueNotificationService`). Returns how many items were noticed now.
    @discardableResult
    public func notifyDueItems(ruleset: Ruleset = .england2025, context: AuditContext) async throws -> Int {
        let today = self.today
        let horizon = ruleset.calendar.adding(workingDays: Timeliness.dueSoonWindow, to: today).description
        let items = try await database.withConnection { db in
            try await self.dueNoticeItems(horizon: horizon, on: db)
        }.filter { Timeliness.status(of: $0.due, today: today, calendar: ruleset.calendar) != .onTrack }
        let untold = try await untold(items, today: today, ruleset: ruleset)
        var noticed = 0
        for start in stride(from: 0, to: untold.count, by: Self.noticesPerCommit) {
            let chunk = untold[start..<min(start + Self.noticesPerCommit, untold.count)]
            noticed += try await database.transaction { db in
                var told = 0
                for item in chunk {
                    if try await self.tell(item, today: today, ruleset: ruleset, context, on: db) { told += 1 }
                }
                return told
            }
        }
        return try await database.transaction { db in
            var others = try await self.notifyTrainingExpiry(context: context, on: db)
            others += try await self.notifySupervisionDue(
                horizon: LocalDate(iso: horizon) ?? today, ruleset: ruleset, context: context, on: db)
            others += try await self.notifyAllegationsDue(
                today: today, horizon: horizon, ruleset: ruleset, context: context, on: db)
            others += try await self.notifyDisclosureApplicationsDue(
                horizon: LocalDate(iso: horizon) ?? today, context: context, on: db)
            return others
                + (try await self.notifyMappaDueItems(
                    horizon: LocalDate(iso: horizon) ?? today, ruleset: ruleset, context: context, on: db))
        } + noticed
    }

    /// How many due items are told in one transaction: short enough that pages and saves waiting for the
    /// writer wait a moment, long enough that the commits are not the cost.
    static let noticesPerCommit = 200

    /// The items not yet told in their present status, found by reading `due_notices` 500 keys at a time, with no
    /// write: every hourly run finds again the items told before (2.48 million of them at a million children), and
    /// claiming each again in a write transaction held the one writer for many minutes every hour. The claim in
    /// `tell` still keeps an item told once when two runs meet.
    private func untold(_ items: [DueNoticeItem], today: LocalDate, ruleset: Ruleset) async throws -> [DueNoticeItem] {
        var untold: [DueNoticeItem] = []
        for start in stride(from: 0, to: items.count, by: 500) {
            let chunk = items[start..<min(start + 500, items.count)]
            let keys = chunk.map { Self.noticeKey($0, today: today, ruleset: ruleset) }
            let told = try await database.withConnection { db in
                Set(
                    try await db.raw("SELECT item_key FROM due_notices WHERE item_key IN (\(binds: keys))").all()
                        .map { try $0.string("item_key") })
            }
            untold += zip(chunk, keys).filter { !told.contains($0.1) }.map(\.0)
        }
        return untold
    }

    /// What `due_notices` records of an item told: its reference, what is due, the date and the status now.
    private static func noticeKey(_ item: DueNoticeItem, today: LocalDate, ruleset: Ruleset) -> String {
        let status = Timeliness.status(of: item.due, today: today, calendar: ruleset.calendar)
        return "\(item.ref.text)|\(item.what)|\(item.due)|\(status.rawValue)"
    }

    /// The steps on open episodes, unanswered requests for information, undecided risk-link strategy
    /// discussions and court dates falling due by `horizon`.
    private func dueNoticeItems(horizon: String, on db: any SQLDatabase) async throws -> [DueNoticeItem] {
        let rows = try await db.raw(
            """
            SELECT d.episode_id AS ref, d.person_id, d.what, d.due_on, p.given_name, p.family_name
            FROM episode_due d JOIN episodes e ON e.id = d.episode_id JOIN persons p ON p.id = d.person_id
            WHERE e.closed_on IS NULL AND d.due_on <= \(bind: horizon)
            UNION ALL
            SELECT r.id AS ref, r.person_id, 'Answer the request for information' AS what, r.due_on,
                p.given_name, p.family_name
            FROM information_requests r JOIN persons p ON p.id = r.person_id
            WHERE r.outcome IS NULL AND r.due_on <= \(bind: horizon)
            UNION ALL
            SELECT l.id AS ref, l.child_id AS person_id,
                'Decide whether to hold a strategy discussion (a person who may pose a risk is linked)' AS what,
                l.strategy_due_on AS due_on, p.given_name, p.family_name
            FROM risk_links l JOIN persons p ON p.id = l.child_id
            WHERE l.ended_on IS NULL AND l.strategy_decision IS NULL AND l.strategy_due_on <= \(bind: horizon)
            """
        ).all()
        let items = try rows.map { row in
            DueNoticeItem(
                ref: try row.uuid("ref"), child: try row.uuid("person_id"), what: try row.string("what"),
                due: try row.date("due_on"),
                name: try [row.optionalString("given_name"), row.optionalString("family_name")]
                    .compactMap { $0 }.joined(separator: " "))
        }
        return items + (try await self.courtDueNoticeItems(horizon: LocalDate(iso: horizon) ?? today, on: db))
    }

    /// Tells the holders of `item`'s child, with its audit entry, unless this item and status was told before.
    private func tell(
        _ item: DueNoticeItem, today: LocalDate, ruleset: Ruleset, _ context: AuditContext, on db: any SQLDatabase
    ) async throws -> Bool {
        let due = item.due
        let status = Timeliness.status(of: due, today: today, calendar: ruleset.calendar)
        let key = Self.noticeKey(item, today: today, ruleset: ruleset)
        guard try await self.claimDueNotice(key, person: item.child, on: db) else { return false }
        let text =
            status == .overdue
            ? "Overdue for \(item.name): \(item.what) was due on \(due.display)."
            : "Due soon for \(item.name): \(item.what), due on \(due.display)."
        let told = try await self.notifyHolders(of: item.child, .due, text, on: db)
        try await self.audit.append(
            [
                context.event(
                    .create, "notification", personId: item.child,
                    detail: "due item \(status.rawValue), \(told.count) told")
            ], on: db)
        return true
    }
}

extension Store {
    /// Records that the due item `key` (its reference, date and status) has been told, once: true the first
    /// time, false when it was told before (so each item and status is told once, even with two runs at once).
    func claimDueNotice(_ key: String, person: UUID, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw(
            """
            INSERT INTO due_notices (item_key, person_id, noticed_at)
            VALUES (\(bind: key), \(bind: person.db), \(bind: nowText))
            ON CONFLICT (item_key) DO NOTHING RETURNING item_key
            """
        ).all().isEmpty
    }
}

/// One item the due notices consider: the record it is on, the child, what is due and when.
struct DueNoticeItem {
    let ref: UUID
    let child: UUID
    let what: String
    let due: LocalDate
    let name: String
}
