import Foundation
import SQLKit
import SafeholdCore

/// The performance dashboard's read of the children it counts: who holds each child is read first, so a
/// team's or a worker's dashboard reads the histories of their own children only, not the authority's.
extension Store {
    /// Whose children a dashboard counts.
    enum PerformanceHolder: Equatable {
        case team(UUID), worker(UUID)

        func holds(_ holder: (team: UUID?, worker: UUID?)) -> Bool {
            switch self {
            case .team(let id): holder.team == id
            case .worker(let id): holder.worker == id
            }
        }
    }

    /// The step kinds the measures read (closures and core groups stay in the database), and those of which
    /// only the date is needed (their payload is not read).
    private static let performanceStepKinds = [
        "assessment_started", "assessment_completed", "strategy_discussion", "s47_started", "s47_completed",
        "initial_conference", "review_conference", "plan_started", "plan_ended", "visit",
    ].map { "'\($0)'" }.joined(separator: ", ")
    private static let performanceDateOnlyKinds = ["assessment_started", "strategy_discussion"].map { "'\($0)'" }
        .joined(separator: ", ")

    /// The events of every child with an episode open at some point in `period` or a contact received in it
    /// (held by `heldBy` when given), each marked with who holds the child: the current allocation, one with a
    /// worker first; else the last one. The whole service's children are read and worked out as two halves
    /// (by the last hex digit of the child's id) on two connections at once.
    func performanceEvents(
        _ period: PerformancePeriod, today: LocalDate, heldBy: PerformanceHolder?
    ) async throws -> [PerformanceEvent] {
        let from = period.from.description, to = period.to.description
        let relevant: SQLQueryString = """
            WITH rel(id) AS (
                SELECT person_id FROM episodes WHERE referral_date <= \(bind: to)
                    AND (closed_on IS NULL OR closed_on >= \(bind: from))
                UNION SELECT cc.person_id FROM contact_children cc JOIN contacts c ON c.id = cc.contact_id
                    WHERE c.received_on >= \(bind: from) AND c.received_on <= \(bind: to))
            """
        let holders = try await withReadConnection("performance") { db in
            try Self.holders(
                try await db.raw(
                    """
                    \(relevant)
                    SELECT a.person_id, a.team_id, a.worker_id, a.started_at, a.ended_at
                    FROM rel JOIN allocations a ON a.person_id = rel.id
                    """
                ).all())
        }
        func events(_ steps: [any SQLRow], _ contacts: [any SQLRow]) throws -> [PerformanceEvent] {
            var events: [PerformanceEvent] = []
            for (history, holder) in try performanceHistories(steps: steps, contacts: contacts, holders: holders) {
                for var event in PerformanceMeasures.events(history, period: period, today: today, ruleset: ruleset) {
                    event.teamId = holder.team
                    event.workerId = holder.worker
                    events.append(event)
                }
            }
            return events
        }
        guard heldBy == nil else {
            let people = holders.filter { heldBy?.holds($0.value) == true }.map(\.key.db).sorted()
            return try await withReadConnection("performance") { db in
                var steps: [any SQLRow] = [], contacts: [any SQLRow] = []
                for start in stride(from: 0, to: people.count, by: 1000) {
                    let chunk: SQLQueryString = "\(binds: Array(people[start..<min(start + 1000, people.count)]))"
                    steps += try await performanceSteps(where: "e.person_id IN (\(chunk))", db)
                    contacts += try await performanceContacts(from, to, where: "cc.person_id IN (\(chunk))", db)
                }
                return try events(steps, contacts)
            }
        }
        func half(_ comparison: String) async throws -> [PerformanceEvent] {
            func inHalf(_ column: String) -> SQLQueryString {
                "upper(substr(\(unsafeRaw: column), 36, 1)) \(unsafeRaw: comparison) '8'"
            }
            return try await withReadConnection("performance") { db in
                try events(
                    try await performanceSteps(
                        where: "e.person_id IN (\(relevant) SELECT id FROM rel) AND \(inHalf("e.person_id"))", db),
                    try await performanceContacts(from, to, where: inHalf("cc.person_id"), db))
            }
        }
        async let low = half("<")
        let high = try await half(">=")
        return try await low + high
    }

    /// The steps the measures read of the episodes (`e`) that `condition` selects, by child and episode in the
    /// order recorded (an episode with none still gives one row, without a step).
    private func performanceSteps(where condition: SQLQueryString, _ db: any SQLDatabase) async throws -> [any SQLRow] {
        let seen = Self.visitSeen(database.dialect)
        return try await db.raw(
            """
            SELECT e.id AS episode_id, e.person_id, e.referral_date, e.closed_on, s.id AS step_id, s.kind,
                s.occurred_on, \(unsafeRaw: seen) AS seen,
                CASE WHEN s.kind IN (\(unsafeRaw: Self.performanceDateOnlyKinds)) THEN NULL
                    WHEN \(unsafeRaw: seen) IS NOT NULL THEN NULL ELSE s.payload END AS payload
            FROM episodes e
                LEFT JOIN episode_steps s ON s.episode_id = e.id
                    AND s.kind IN (\(unsafeRaw: Self.performanceStepKinds))
            WHERE \(condition)
            ORDER BY e.person_id, e.referral_date, e.id, s.position
            """
        ).all()
    }

    /// The contacts received in the period about the children (`cc`) that `condition` selects.
    private func performanceContacts(
        _ from: String, _ to: String, where condition: SQLQueryString, _ db: any SQLDatabase
    ) async throws -> [any SQLRow] {
        try await db.raw(
            """
            SELECT cc.person_id, c.received_on, c.decided_at FROM contacts c
            JOIN contact_children cc ON cc.contact_id = c.id
            WHERE c.received_on >= \(bind: from) AND c.received_on <= \(bind: to) AND \(condition)
            """
        ).all()
    }

    /// A visit's seeing read by the database (half of a history's bytes are visits' observations): 0 when the
    /// child was not seen, 1 when seen, 2 when seen alone; NULL for another step, or a visit whose two members
    /// are not plain booleans (its payload is then read and decoded).
    static func visitSeen(_ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite:
            let seen = "json_type(s.payload, '$.visit.childSeen')", alone = "json_type(s.payload, '$.visit.seenAlone')"
            return """
                (CASE WHEN s.kind = 'visit' AND \(seen) IN ('true', 'false') AND \(alone) IN ('true', 'false')
                    THEN (CASE WHEN \(seen) = 'true' THEN 1 + (\(alone) = 'true') ELSE 0 END) END)
                """
        case .postgres:
            let seen = "(s.payload::jsonb #> '{visit,childSeen}')", alone = "(s.payload::jsonb #> '{visit,seenAlone}')"
            return """
                (CASE WHEN s.kind = 'visit' AND jsonb_typeof(\(seen)) = 'boolean'
                    AND jsonb_typeof(\(alone)) = 'boolean'
                    THEN (CASE WHEN \(seen) = 'true'::jsonb THEN (CASE WHEN \(alone) = 'true'::jsonb THEN 2 ELSE 1 END)
                        ELSE 0 END) END)
                """
        }
    }
}
