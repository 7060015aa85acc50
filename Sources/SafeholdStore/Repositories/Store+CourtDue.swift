import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The due-list lines of the court record, due by `horizon` within the list's scope, for children's
    /// social care only (`CourtAccess.seesCourtDates`): the expiry of each order in force (an expired
    /// order whose end is not recorded stays overdue), the end of each open proceedings' timetable (26
    /// weeks and its extensions), and each hearing without an outcome (listed, or heard and not recorded).
    func courtDueLines(
        narrowed: SQLQueryString, access: ListScope, horizon: LocalDate, calendar: WorkingCalendar,
        on db: any SQLDatabase
    ) async throws -> [DueLine] {
        guard CourtAccess.seesCourtDates(access.actor) else { return [] }
        let today = self.today
        let status = { (due: LocalDate) in Timeliness.status(of: due, today: today, calendar: calendar) }
        let orders = try await db.raw(
            """
            SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view, o.id AS order_id, o.kind, o.expires_on
            FROM court_orders o JOIN persons p ON p.id = o.person_id
            WHERE o.outcome = 'granted' AND o.ended_on IS NULL AND o.expires_on IS NOT NULL
            AND o.expires_on <= \(bind: horizon.description) AND \(narrowed) AND \(access.view)
            """
        ).all().map { row -> DueLine in
            let due = try row.date("expires_on")
            let kind = try row.code("kind", as: CourtOrderKind.self)
            var line = DueLine(
                child: try Self.summary(row), episodeId: nil,
                item: DueItem(
                    what: "\(kind.label) expires: renew, replace or record its end", dueOn: due, status: status(due)))
            line.courtOrderId = try row.uuid("order_id")
            return line
        }
        let timetables = try await db.raw(
            """
            SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view, c.id AS proceedings_id, c.case_number, c.due_on
            FROM care_proceedings c JOIN persons p ON p.id = c.person_id
            WHERE c.concluded_on IS NULL AND c.due_on <= \(bind: horizon.description) AND \(narrowed) AND \(access.view)
            """
        ).all().map { row -> DueLine in
            let due = try row.date("due_on")
            var line = DueLine(
                child: try Self.summary(row), episodeId: nil,
                item: DueItem(
                    what: "Care proceedings \(try row.string("case_number")): the timetable ends", dueOn: due,
                    status: status(due)))
            line.proceedingsId = try row.uuid("proceedings_id")
            return line
        }
        let hearings = try await db.raw(
            """
            SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view, c.id AS proceedings_id, c.case_number, h.kind,
                h.held_on
            FROM hearings h JOIN care_proceedings c ON c.id = h.proceedings_id JOIN persons p ON p.id = c.person_id
            WHERE h.outcome IS NULL AND c.concluded_on IS NULL AND h.held_on <= \(bind: horizon.description)
            AND \(narrowed) AND \(access.view)
            """
        ).all().map { row -> DueLine in
            let due = try row.date("held_on")
            let kind = try row.code("kind", as: HearingKind.self)
            let what =
                due < today
                ? "\(kind.label) (\(try row.string("case_number"))): record its outcome"
                : "\(kind.label) (\(try row.string("case_number")))"
            var line = DueLine(
                child: try Self.summary(row), episodeId: nil,
                item: DueItem(what: what, dueOn: due, status: due < today ? .overdue : status(due)))
            line.proceedingsId = try row.uuid("proceedings_id")
            return line
        }
        return orders + timetables + hearings
    }

    /// The court dates the due notices tell the child's holders about, due by `horizon`: the expiry of each
    /// order in force, the end of each open proceedings' timetable, and each hearing without an outcome (a
    /// hearing already held and not recorded is overdue). The same items as the court's due-list lines.
    func courtDueNoticeItems(horizon: LocalDate, on db: any SQLDatabase) async throws -> [DueNoticeItem] {
        let today = self.today
        let name = { (row: any SQLRow) in
            try [row.optionalString("given_name"), row.optionalString("family_name")].compactMap { $0 }
                .joined(separator: " ")
        }
        let orders = try await db.raw(
            """
            SELECT o.id, o.person_id, o.kind, o.expires_on, p.given_name, p.family_name
            FROM court_orders o JOIN persons p ON p.id = o.person_id
            WHERE o.outcome = 'granted' AND o.ended_on IS NULL AND o.expires_on IS NOT NULL
            AND o.expires_on <= \(bind: horizon.description)
            """
        ).all().map { row in
            DueNoticeItem(
                ref: try row.uuid("id"), child: try row.uuid("person_id"),
                what:
                    "\(try row.code("kind", as: CourtOrderKind.self).label) expires: renew, replace or record its end",
                due: try row.date("expires_on"), name: try name(row))
        }
        let timetables = try await db.raw(
            """
            SELECT c.id, c.person_id, c.case_number, c.due_on, p.given_name, p.family_name
            FROM care_proceedings c JOIN persons p ON p.id = c.person_id
            WHERE c.concluded_on IS NULL AND c.due_on <= \(bind: horizon.description)
            """
        ).all().map { row in
            DueNoticeItem(
                ref: try row.uuid("id"), child: try row.uuid("person_id"),
                what: "Care proceedings \(try row.string("case_number")): the 26-week timetable ends",
                due: try row.date("due_on"), name: try name(row))
        }
        let hearings = try await db.raw(
            """
            SELECT h.id, c.person_id, c.case_number, h.kind, h.held_on, p.given_name, p.family_name
            FROM hearings h JOIN care_proceedings c ON c.id = h.proceedings_id JOIN persons p ON p.id = c.person_id
            WHERE h.outcome IS NULL AND c.concluded_on IS NULL AND h.held_on <= \(bind: horizon.description)
            """
        ).all().map { row in
            let held = try row.date("held_on")
            let hearing = "\(try row.code("kind", as: HearingKind.self).label) (\(try row.string("case_number")))"
            return DueNoticeItem(
                ref: try row.uuid("id"), child: try row.uuid("person_id"),
                what: held < today ? "\(hearing): record its outcome" : hearing, due: held, name: try name(row))
        }
        return orders + timetables + hearings
    }
}
