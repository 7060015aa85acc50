import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Records a charging decision on an investigation the team holds. The child's views must be in it;
    /// the suspect, when named, must be a suspect on the investigation. The investigation moves to the
    /// status the outcome implies (charged, or no further action) only where the current status allows
    /// that move (a conflict naming the status otherwise, nothing written); bail and
    /// release-under-investigation dates become due items on the police home. The decision is shared
    /// with social care (the child's page, the chronology, the conference).
    public func recordChargingDecision(
        _ decision: ChargingDecision, investigation: UUID, expectedVersion: Int, context: AuditContext
    ) async throws -> RecordedChargingDecision {
        let decision = try decision.validated(today: today)
        return try await act(on: .investigation(investigation), .edit, "charging_decision", context: context) {
            db, access in
            let current = try await self.loadInvestigation(investigation, on: db)
            guard current.version == expectedVersion else { throw SafeholdError.conflict(Self.staleInvestigation) }
            if let suspect = decision.suspectId, !current.suspectIds.contains(suspect) {
                throw SafeholdError.invalid([FieldError("suspectId", "is not a suspect on this investigation")])
            }
            if current.status.isFinal {
                throw SafeholdError.conflict(
                    "The investigation is \(current.status.label.lowercased()): "
                        + "no further charging decision can be recorded."
                )
            }
            // The outcome's status is reached only by a move the current status allows.
            let target = decision.outcome.status
            if current.status != target { try current.status.checkMove(to: target) }
            let recorded = RecordedChargingDecision(
                id: self.ids.next(), investigationId: investigation, decision: decision, recordedAt: self.clock.now(),
                recordedBy: context.actorName)
            try await db.raw(
                """
                INSERT INTO charging_decisions (id, investigation_id, suspect_id, decided_on, decider, test, outcome,
                    child_views, best_interests, bail, bail_until, bail_conditions, recorded_at, recorded_by,
                        recorded_by_name)
                VALUES (\(bind: recorded.id.db), \(bind: investigation.db), \(bind: decision.suspectId?.db),
                    \(bind: decision.decidedOn.description), \(bind: decision.decider.rawValue),
                        \(bind: decision.test.rawValue),
                    \(bind: decision.outcome.rawValue), \(bind: decision.childViews), \(bind: decision.bestInterests),
                    \(bind: decision.bail.rawValue), \(bind: decision.bailUntil?.description),
                        \(bind: decision.bailConditions),
                    \(bind: self.nowText), \(bind: access.actor.userId.db), \(bind: context.actorName))
                """
            ).run()
            if current.status != target {
                try await self.setStatus(
                    investigation, target, reason: "\(decision.decider.label): \(decision.outcome.label)",
                    version: current.version, access: access, name: context.actorName, on: db)
            } else {
                try await db.raw(
                    "UPDATE investigations SET version = version + 1 WHERE id = \(bind: investigation.db)"
                ).run()
            }
            try await self.addEvent(
                investigation, kind: "charging_decision",
                detail: "\(decision.decider.label), \(decision.test.label): \(decision.outcome.label)", shared: true,
                actor: access.actor, name: context.actorName, on: db)
            access.audit(.create, "charging_decision", entityId: recorded.id, detail: decision.outcome.rawValue)
            return recorded
        }
    }
}
