import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// An escalation on the child's chronology: when it was raised (what was disputed, by whom, and
    /// the stages it went through) and, once resolved, its outcome as a second entry.
    func escalationChronology(of childId: UUID, on db: any SQLDatabase) async throws -> [ChronologyEntry] {
        let rows = try await db.raw(
            "SELECT id, resolution_id FROM escalations WHERE person_id = \(bind: childId.db) ORDER BY created_at"
        ).all()
        var entries: [ChronologyEntry] = []
        for row in rows {
            let e = try await loadEscalation(try row.uuid("id"), on: db)
            let stages = e.steps.map { step in
                "Stage \(step.stage.number) (\(step.stage.label.lowercased())) from \(step.startedOn.display)"
                    + (step.response.map {
                        ": responded by \(step.respondedBy ?? "") on \(step.respondedOn?.display ?? ""): \($0)"
                    }
                        ?? "")
            }
            entries.append(
                ChronologyEntry(
                    id: e.id, date: e.raisedOn, kind: .escalation,
                    title: "Escalation of professional disagreement raised",
                    detail: "Decision disputed: \(e.decision)"
                        + (e.linkedRecordLabel.map { " (\($0))" } ?? "") + ". Why: \(e.disagreement) "
                        + "Wanted: \(e.desiredOutcome) " + stages.joined(separator: "; "),
                    source: "\(e.raisedByName), \(e.raisedByAgency)"))
            if let resolution = e.resolution, let resolutionId = try row.optionalUUID("resolution_id") {
                entries.append(
                    ChronologyEntry(
                        id: resolutionId, date: resolution.on, kind: .escalation, title: "Escalation resolved",
                        detail: "\(resolution.outcome.label) (at stage \(e.current?.stage.number ?? 1)). "
                            + resolution.note,
                        source: resolution.byName))
            }
        }
        return entries
    }
}
