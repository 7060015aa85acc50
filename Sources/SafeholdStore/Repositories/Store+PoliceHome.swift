import Foundation
import SQLKit
import SafeholdCore

/// What a child's page shows of the police side: investigations in outline and police protections.
public struct PolicePanel: Sendable {
    public let investigations: [InvestigationLine]
    public let protections: [ProtectionLine]
}

extension Store {
    /// The police officer's home: their team's investigations, running police protections with their
    /// clocks, interviews planned but not held, bail dates, decisions awaited and joint enquiries to
    /// allocate. Audited as a list: one entry per child shown.
    public func policeHome(context: AuditContext, limit: Int = 200) async throws -> PoliceHome {
        let actor = try policeActor(context)
        guard let team = actor.teamId else { throw SafeholdError.forbidden(Self.policeOnly) }
        let homes = try await list(
            "police_home", context: context,
            people: { (home: PoliceHome) in
                home.investigations.flatMap { $0.children.map(\.id) } + home.protections.map(\.child.id)
                    + home.interviewsToPlan.map(\.child.id)
            }
        ) { db, _ in
            let ids = try await db.raw(
                """
                SELECT id FROM investigations WHERE team_id = \(bind: team.db)
                ORDER BY CASE WHEN status IN ('no_further_action', 'court_outcome') THEN 1 ELSE 0 END, opened_at DESC
                LIMIT \(literal: limit)
                """
            ).all().map { try $0.uuid("id") }
            let lines = try await self.investigationLines(ids, view: { _ in .full }, on: db)
            let now = self.clock.now()
            var protections: [ProtectionLine] = []
            for row in try await db.raw(
                """
                SELECT * FROM police_protections WHERE team_id = \(bind: team.db) AND ended_at IS NULL
                ORDER BY removed_at
                """
            ).all() {
                let p = try Self.protection(row)
                protections.append(
                    ProtectionLine(
                        protection: p, child: try await self.personSummary(p.childId, on: db), clock: p.clock(at: now)))
            }
            var interviews: [InterviewLine] = []
            for row in try await db.raw(
                """
                SELECT a.*, i.crime_reference, i.incident_reference FROM abe_interviews a
                JOIN investigations i ON i.id = a.investigation_id
                WHERE i.team_id = \(bind: team.db) AND a.held_at IS NULL ORDER BY a.planned_for
                """
            ).all() {
                let interview = try Self.interview(row)
                interviews.append(
                    InterviewLine(
                        interview: interview, child: try await self.personSummary(interview.plan.childId, on: db),
                        reference: try Self.reference(row)))
            }
            let bail = try await db.raw(
                """
                SELECT d.id AS decision_id, d.investigation_id, d.bail, d.bail_until, i.crime_reference,
                    i.incident_reference
                FROM charging_decisions d JOIN investigations i ON i.id = d.investigation_id
                WHERE i.team_id = \(bind: team.db) AND d.bail <> 'none'
                AND d.bail_until >= \(bind: self.today.adding(days: -7).description) ORDER BY d.bail_until
                """
            ).all().map {
                BailLine(
                    decisionId: try $0.uuid("decision_id"), investigationId: try $0.uuid("investigation_id"),
                    reference: try Self.reference($0), kind: try $0.code("bail"), until: try $0.date("bail_until"))
            }
            return [
                PoliceHome(
                    investigations: lines, protections: protections, interviewsToPlan: interviews, bail: bail,
                    decisionsDue: lines.filter { $0.status == .fileToCPS },
                    toAllocate: lines.filter { $0.officerName == nil })
            ]
        }
        return homes[0]
    }

    /// The police panel on a child's page: investigations where the child is a victim or witness and
    /// police protections, as the actor may see them (a police officer only their team's; social care
    /// what is shared, and only an investigation whose every child they may see, as the police record
    /// rules decide for the investigation's own page). Read through `act` on the child.
    public func policePanel(of childId: UUID, context: AuditContext) async throws -> PolicePanel {
        try await act(on: .person(childId), .view, "police_panel", context: context) { db, access in
            let actor = access.actor
            let police = actor.role == .police
            let teamFilter: SQLQueryString = police ? "AND i.team_id = \(bind: (actor.teamId ?? UUID()).db)" : ""
            let ids = try await db.raw(
                """
                SELECT DISTINCT i.id, i.opened_at FROM investigations i
                JOIN investigation_people ip ON ip.investigation_id = i.id
                WHERE ip.person_id = \(bind: childId.db) AND ip.role <> 'suspect' \(teamFilter)
                ORDER BY i.opened_at DESC
                """
            ).all().map { try $0.uuid("id") }
            var views: [UUID: PoliceRecordView] = [:]
            for id in ids {
                guard let owner = try await self.owner(of: .investigation(id), on: db) else { continue }
                var children: [RecordAccessFacts] = []
                for child in try await self.resolve(.investigation(id), on: db) {
                    children.append(try await self.facts(child, on: db))
                }
                views[id] = self.policy.decidePoliceRecord(actor, .view, owner: owner, children: children).view
            }
            let lines = try await self.investigationLines(
                ids.filter { views[$0] != nil }, view: { views[$0.id] ?? .shared }, on: db)
            let protectionFilter: SQLQueryString = police ? "AND team_id = \(bind: (actor.teamId ?? UUID()).db)" : ""
            let now = self.clock.now()
            let child = try await self.personSummary(childId, on: db)
            let protections = try await db.raw(
                """
                SELECT * FROM police_protections WHERE person_id = \(bind: childId.db) \(protectionFilter)
                ORDER BY removed_at DESC
                """
            ).all().map {
                let p = try Self.protection($0)
                return ProtectionLine(protection: p, child: child, clock: p.clock(at: now))
            }
            return PolicePanel(investigations: lines, protections: protections)
        }
    }
}
