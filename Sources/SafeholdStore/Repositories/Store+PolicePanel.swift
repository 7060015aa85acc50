import Foundation
import SQLKit
import SafeholdCore

/// What a child's page shows of the police side: investigations in outline, police protections, and
/// what police protection makes due in social care.
public struct PolicePanel: Sendable {
    public let investigations: [InvestigationLine]
    public let protections: [ProtectionLine]
    /// A strategy discussion for each protection shown that no strategy discussion has followed yet: due
    /// from the moment of removal, before the front door has decided the contact it raised.
    public let due: [DueItem]
}

extension Store {
    /// The police panel on a child's page: investigations where the child is a victim or witness and
    /// police protections, as the actor may see them (a police officer only their team's; social care
    /// what is shared, and only an investigation whose every child they may see, as the police record
    /// rules decide for the investigation's own page). Read through `act` on the child.
    public func policePanel(of childId: UUID, context: AuditContext) async throws -> PolicePanel {
        try await act(on: .person(childId), .view, "police_panel", context: context) { db, access in
            try await self.policePanel(of: childId, access: access, on: db)
        }
    }

    /// The panel inside an `act` on the child already admitted (the child's page reads it with the
    /// record, in one read and one audit).
    func policePanel(
        of childId: UUID, access: RecordAccess, present: PersonLists = .all, on db: any SQLDatabase
    ) async throws -> PolicePanel {
        let actor = access.actor
        let police = actor.role == .police
        let teamFilter: SQLQueryString = police ? "AND i.team_id = \(bind: (actor.teamId ?? UUID()).db)" : ""
        let ids =
            try await !present.contains(.investigations)
            ? []
            : db.raw(
                """
                SELECT DISTINCT i.id, i.opened_at FROM investigations i
                JOIN investigation_people ip ON ip.investigation_id = i.id
                WHERE ip.person_id = \(bind: childId.db) AND ip.role <> 'suspect' \(teamFilter)
                ORDER BY i.opened_at DESC
                """
            ).all().map { try $0.uuid("id") }
        let views = try await self.policeViews(investigations: ids, actor: actor, on: db)
        let lines = try await self.investigationLines(
            ids.filter { views[$0] != nil }, view: { views[$0] ?? .shared }, on: db)
        let protectionFilter: SQLQueryString = police ? "AND team_id = \(bind: (actor.teamId ?? UUID()).db)" : ""
        let now = self.clock.now()
        let held =
            try await !present.contains(.protections)
            ? []
            : db.raw(
                """
                SELECT * FROM police_protections WHERE person_id = \(bind: childId.db) \(protectionFilter)
                ORDER BY removed_at DESC
                """
            ).all().map(Self.protection).filter { p in
                // As the protection's own page decides: its team, or the child's social care.
                guard let facts = access.facts[childId] else { return false }
                let owner = RecordOwner(agencyId: p.agencyId, teamId: p.teamId)
                return self.policeView(protectionHeldBy: owner, childFacts: facts, actor: actor) != nil
            }
        // Most children were never in police protection: the rest of the panel is read only for those who were.
        guard !held.isEmpty else { return PolicePanel(investigations: lines, protections: [], due: []) }
        let child = try await self.personSummary(childId, on: db)
        let protections = held.map { ProtectionLine(protection: $0, child: child, clock: $0.clock(at: now)) }
        let lastStrategy = try await db.raw(
            """
            SELECT MAX(occurred_on) AS last FROM episode_steps
            WHERE person_id = \(bind: childId.db) AND kind = 'strategy_discussion'
            """
        ).first()?.optionalDate("last")
        let due = protections.map(\.protection).filter { p in
            lastStrategy.map { $0 < self.ruleset.date(of: p.details.removedAt) } ?? true
        }.map { $0.strategyDiscussionDue(ruleset: self.ruleset, today: self.today) }
        return PolicePanel(investigations: lines, protections: protections, due: due)
    }
}
