import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The police officer's home: their team's investigations, running police protections with their
    /// clocks, interviews planned but not held, bail dates, decisions awaited and joint enquiries to
    /// allocate. Each list is one query scoped to the actor's team, the longest ones cut to what a home
    /// page can show (`limit` investigations, open first; the soonest `limit` interviews and bail dates).
    /// Audited as a list: one entry naming every child shown.
    public func policeHome(context: AuditContext, limit: Int = 100) async throws -> PoliceHome {
        let actor = try policeActor(context)
        guard let team = actor.teamId else { throw SafeholdError.forbidden(Self.policeOnly) }
        let homes = try await list(
            "police_home", context: context,
            people: { (home: PoliceHome) in
                (home.investigations + home.decisionsDue + home.toAllocate).flatMap { $0.children.map(\.id) }
                    + home.protections.map(\.child.id) + home.interviewsToPlan.map(\.child.id)
            }
        ) { db, _ in
            let lines = try await self.investigationLines(
                selecting: """
                    SELECT i.id, CASE WHEN i.status IN ('no_further_action', 'court_outcome') THEN 1 ELSE 0 END
                        AS finished, i.opened_at
                    FROM investigations i WHERE i.team_id = \(bind: team.db)
                    ORDER BY finished, i.opened_at DESC LIMIT \(literal: limit)
                    """, view: { _ in .full }, on: db)
            // Decisions awaited and enquiries to allocate are listed whole, however long the team's list.
            let decisionsDue = try await self.investigationLines(
                selecting: """
                    SELECT i.id, 0 AS finished, i.opened_at FROM investigations i
                    WHERE i.team_id = \(bind: team.db) AND i.status = 'file_to_cps'
                    """, view: { _ in .full }, on: db)
            let toAllocate = try await self.investigationLines(
                selecting: """
                    SELECT i.id, 0 AS finished, i.opened_at FROM investigations i
                    WHERE i.team_id = \(bind: team.db) AND i.officer_id IS NULL
                    """, view: { _ in .full }, on: db)
            let protections = try await self.runningProtections(team: team, on: db)
            let interviews = try await self.interviewsToPlan(team: team, limit: limit, on: db)
            let bail = try await self.bailDates(team: team, limit: limit, on: db)
            return [
                PoliceHome(
                    investigations: lines, protections: protections, interviewsToPlan: interviews, bail: bail,
                    decisionsDue: decisionsDue, toAllocate: toAllocate)
            ]
        }
        return homes[0]
    }

    /// The team's running police protections with each child's name and the clock, oldest first.
    private func runningProtections(team: UUID, on db: any SQLDatabase) async throws -> [ProtectionLine] {
        let now = clock.now()
        return try await db.raw(
            """
            SELECT pp.*, \(unsafeRaw: Self.summaryColumns), 0 AS can_view
            FROM police_protections pp JOIN persons p ON p.id = pp.person_id
            WHERE pp.team_id = \(bind: team.db) AND pp.ended_at IS NULL ORDER BY pp.removed_at, pp.id
            """
        ).all().map { row in
            let protection = try Self.protection(row)
            return ProtectionLine(
                protection: protection, child: try Self.summary(row), clock: protection.clock(at: now))
        }
    }

    /// The team's interviews planned but not yet held, with the child's name, soonest first.
    private func interviewsToPlan(team: UUID, limit: Int, on db: any SQLDatabase) async throws -> [InterviewLine] {
        try await db.raw(
            """
            SELECT a.*, i.crime_reference, i.incident_reference, \(unsafeRaw: Self.summaryColumns), 0 AS can_view
            FROM abe_interviews a JOIN investigations i ON i.id = a.investigation_id
            JOIN persons p ON p.id = a.person_id
            WHERE i.team_id = \(bind: team.db) AND a.held_at IS NULL ORDER BY a.planned_for, a.id
            LIMIT \(literal: limit)
            """
        ).all().map { row in
            InterviewLine(
                interview: try Self.interview(row), child: try Self.summary(row), reference: try Self.reference(row))
        }
    }

    /// The team's bail and release-under-investigation dates from a week ago on, soonest first.
    private func bailDates(team: UUID, limit: Int, on db: any SQLDatabase) async throws -> [BailLine] {
        try await db.raw(
            """
            SELECT d.id AS decision_id, d.investigation_id, d.bail, d.bail_until, i.crime_reference,
                i.incident_reference
            FROM charging_decisions d JOIN investigations i ON i.id = d.investigation_id
            WHERE i.team_id = \(bind: team.db) AND d.bail <> 'none'
            AND d.bail_until >= \(bind: today.adding(days: -7).description) ORDER BY d.bail_until
            LIMIT \(literal: limit)
            """
        ).all().map {
            BailLine(
                decisionId: try $0.uuid("decision_id"), investigationId: try $0.uuid("investigation_id"),
                reference: try Self.reference($0), kind: try $0.code("bail"), until: try $0.date("bail_until"))
        }
    }
}
