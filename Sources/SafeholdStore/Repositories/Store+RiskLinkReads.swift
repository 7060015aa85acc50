import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The warning on a linked child's record: the offender managers of the people with an open link to
    /// the child (named officer and telephone), nothing else of their risk profiles; nil when none is linked.
    func riskWarning(for child: UUID, on db: any SQLDatabase) async throws -> RiskWarning? {
        let officers = try await db.raw(
            """
            SELECT DISTINCT r.offender_manager_name, r.offender_manager_phone FROM risk_links l
            JOIN risk_profiles r ON r.person_id = l.person_id
            WHERE l.child_id = \(bind: child.db) AND l.ended_on IS NULL
            ORDER BY r.offender_manager_name, r.offender_manager_phone
            """
        ).all().map {
            RiskWarning.Officer(
                name: try $0.string("offender_manager_name"), phone: try $0.string("offender_manager_phone"))
        }
        return officers.isEmpty ? nil : RiskWarning(officers: officers)
    }

    /// Links matching `condition` (on `risk_links l`), open first then newest. The person's name is given
    /// only when `actor` may see the person's risk profile (`RiskAccess`); never any other MAPPA detail.
    func fetchRiskLinks(
        where condition: SQLQueryString, actor: Actor, on db: any SQLDatabase
    ) async throws -> [RiskLink] {
        let seesProfile = Self.riskSQL(RiskAccess.scope(for: actor, .view))
        return try await db.raw(
            """
            SELECT l.*, CASE WHEN \(seesProfile) THEN 1 ELSE 0 END AS sees_profile, a.given_name, a.family_name
            FROM risk_links l JOIN persons a ON a.id = l.person_id
            LEFT JOIN risk_profiles rp ON rp.person_id = l.person_id
            WHERE \(condition)
            ORDER BY CASE WHEN l.ended_on IS NULL THEN 0 ELSE 1 END, l.created_at DESC, l.id
            """
        ).all().map { row in
            let name = try [row.optionalString("given_name"), row.optionalString("family_name")]
                .compactMap { $0 }.joined(separator: " ")
            var decision: LinkStrategyDecision? = nil
            if let outcome = try row.optionalCode("strategy_decision", as: LinkStrategyOutcome.self) {
                decision = LinkStrategyDecision(
                    outcome: outcome, reasons: try row.string("strategy_reasons"),
                    decidedBy: try row.string("strategy_decided_by_name"),
                    decidedAt: try row.timestamp("strategy_decided_at"))
            }
            return RiskLink(
                id: try row.uuid("id"), childId: try row.uuid("child_id"),
                personName: try row.flag("sees_profile") ? name : nil,
                nature: try row.code("nature", as: RiskLinkNature.self), startedOn: try row.date("started_on"),
                endedOn: try row.optionalDate("ended_on"), note: try row.optionalString("note"),
                origin: try row.code("origin", as: RiskLinkOrigin.self), createdBy: try row.string("created_by_name"),
                createdAt: try row.timestamp("created_at"), strategyDueOn: try row.date("strategy_due_on"),
                strategyDecision: decision, version: try row.int("version"))
        }
    }

    /// The due-list lines of open links awaiting the strategy discussion decision, due by `horizon`, on
    /// children in the list's scope (the children the actor may open, narrowed to theirs or their team's).
    func riskLinkDueLines(
        narrowed: SQLQueryString, access: ListScope, horizon: LocalDate, calendar: WorkingCalendar,
        on db: any SQLDatabase
    ) async throws -> [DueLine] {
        let today = self.today
        return try await db.raw(
            """
            SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view, l.id AS link_id, l.strategy_due_on
            FROM risk_links l JOIN persons p ON p.id = l.child_id
            WHERE l.ended_on IS NULL AND l.strategy_decision IS NULL
            AND l.strategy_due_on <= \(bind: horizon.description) AND \(narrowed) AND \(access.view)
            """
        ).all().map { row -> DueLine in
            let due = try row.date("strategy_due_on")
            var line = DueLine(
                child: try Self.summary(row), episodeId: nil,
                item: DueItem(
                    what: "Strategy discussion decision: a person who may pose a risk is linked", dueOn: due,
                    status: Timeliness.status(of: due, today: today, calendar: calendar)))
            line.riskLinkId = try row.uuid("link_id")
            return line
        }
    }
}
