import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The police events a child's chronology shows: each shared event on an investigation where the
    /// child is a victim or witness (statuses, interviews held, charging decisions, joint enquiries),
    /// information the police shared, and police protection, each with the police team as its source.
    /// Only events of records the police record rules let `actor` see (the investigation's or the
    /// protection's own page): a reader who sees the child otherwise, such as a partner with a grant,
    /// sees no police event.
    func policeChronology(of childId: UUID, actor: Actor, on db: any SQLDatabase) async throws -> [ChronologyEntry] {
        var entries: [ChronologyEntry] = []
        let investigations = try await db.raw(
            """
            SELECT DISTINCT investigation_id FROM investigation_people
            WHERE person_id = \(bind: childId.db) AND role <> 'suspect'
            """
        ).all().map { try $0.uuid("investigation_id") }
        let visible = try await policeViews(investigations: investigations, actor: actor, on: db)
        let childFacts = try await facts(childId, on: db)
        let events = try await db.raw(
            """
            SELECT e.*, t.name AS team_name FROM investigation_events e
            JOIN investigation_people ip ON ip.investigation_id = e.investigation_id
            JOIN investigations i ON i.id = e.investigation_id JOIN teams t ON t.id = i.team_id
            WHERE ip.person_id = \(bind: childId.db) AND ip.role <> 'suspect' AND e.shared = 1
            ORDER BY e.occurred_at, e.id
            """
        ).all()
        for row in events where visible[try row.uuid("investigation_id")] != nil {
            let event = try Self.investigationEvent(row)
            let title =
                switch event.kind {
                case "status": "Police investigation: \(event.status?.label.lowercased() ?? "status changed")"
                case "interview_held": "Police: ABE interview held"
                case "charging_decision": "Police: charging decision"
                case "joint_enquiry": "Police: joint enquiry linked"
                default: "Police: \(event.kind.replacingOccurrences(of: "_", with: " "))"
                }
            entries.append(
                ChronologyEntry(
                    id: try row.uuid("id"), date: ruleset.date(of: event.occurredAt), kind: .police, title: title,
                    detail: event.detail ?? "", source: "Police: \(try row.string("team_name"))"))
        }
        let disclosures = try await db.raw(
            """
            SELECT d.*, t.name AS team_name, b.label AS basis_label FROM police_disclosures d
            LEFT JOIN lawful_bases b ON b.code = d.lawful_basis
            JOIN investigation_people ip ON ip.investigation_id = d.investigation_id
            JOIN investigations i ON i.id = d.investigation_id JOIN teams t ON t.id = i.team_id
            WHERE ip.person_id = \(bind: childId.db) AND ip.role <> 'suspect' ORDER BY d.shared_at
            """
        ).all()
        for row in disclosures where visible[try row.uuid("investigation_id")] != nil {
            let d = try Self.disclosure(row)
            entries.append(
                ChronologyEntry(
                    id: d.id, date: ruleset.date(of: d.sharedAt), kind: .police, title: "Police shared information",
                    detail: "\(d.text) (shared under \(d.lawfulBasisLabel): \(d.reason))",
                    source: "Police: \(try row.string("team_name"))"))
        }
        let protections = try await db.raw(
            """
            SELECT p.*, t.name AS team_name FROM police_protections p JOIN teams t ON t.id = p.team_id
            WHERE p.person_id = \(bind: childId.db) ORDER BY p.removed_at
            """
        ).all()
        for row in protections {
            let p = try Self.protection(row)
            let owner = RecordOwner(agencyId: p.agencyId, teamId: p.teamId)
            guard policeView(protectionHeldBy: owner, childFacts: childFacts, actor: actor) != nil else { continue }
            let ended = p.ending.map {
                " Ended \(LocalDateTime($0.endedAt, in: ruleset.timeZone)): \($0.outcome.label)"
                    + ($0.court.map { ", \($0)" } ?? "") + "."
            }
            entries.append(
                ChronologyEntry(
                    id: p.id, date: ruleset.date(of: p.details.removedAt), kind: .police,
                    title: "Police protection (s46)",
                    detail: "Removed from \(p.details.removedFrom) to \(p.details.placeOfSafety) at "
                        + "\(LocalDateTime(p.details.removedAt, in: ruleset.timeZone))."
                        + (ended ?? " Still in police protection."),
                    source: "Police: \(try row.string("team_name"))"))
        }
        return entries
    }
}
