import Foundation
import SQLKit
import SafeholdCore

/// What a child's page shows of the police side: investigations in outline and police protections.
public struct PolicePanel: Sendable {
    public let investigations: [InvestigationLine]
    public let protections: [ProtectionLine]
}

extension Store {
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
                ids.filter { views[$0] != nil }, view: { views[$0] ?? .shared }, on: db)
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
