import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Records a manager's override of an accreditation gate: the worker may do `act` once, within the
    /// catalogue's override validity. The worker's team manager records it (for police acts also a police
    /// supervisor of the force), never the worker themself; a refusal is 403 (or 404 for a worker the caller
    /// may not see), audited, and writes nothing. The worker is told.
    public func recordTrainingOverride(
        act: String?, userId: String?, reason: String?, context: AuditContext
    ) async throws -> TrainingOverride {
        let (gated, user, reason) = try TrainingOverride.validate(act: act, userId: userId, reason: reason)
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let worker = try await database.withConnection { db in try await self.trainingWorker(user, on: db) }
        guard let worker, worker.active else {
            try await audit.record([context.event(.denied, "training_override", entityId: user, detail: "no worker")])
            throw SafeholdError.invalid([FieldError("userId", "is not an active worker you may override for")])
        }
        if let refusal = TrainingAccess.overrideRefusal(actor, worker.facts, act: gated) {
            try await audit.record([context.event(.denied, "training_override", entityId: user, detail: refusal)])
            throw SafeholdError.forbidden(refusal)
        }
        let validUntil = ruleset.due(ruleset.workforce.training.overrideValidity, from: today).adding(days: -1)
        let override = TrainingOverride(
            id: ids.next(), act: gated, userId: user, userName: worker.displayName, reason: reason,
            recordedByName: context.actorName, recordedAt: clock.now(), validUntil: validUntil, usedAt: nil)
        return try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO training_overrides (id, act, user_id, reason, recorded_by, recorded_by_name, recorded_at,
                    valid_until)
                VALUES (\(bind: override.id.db), \(bind: gated.rawValue), \(bind: user.db), \(bind: reason),
                    \(bind: actor.userId.db), \(bind: context.actorName),
                    \(bind: Timestamp.string(override.recordedAt)),
                    \(bind: validUntil.description))
                """
            ).run()
            try await self.audit.append(
                [
                    context.event(
                        .create, "training_override", entityId: override.id, detail: "\(gated.rawValue) for \(user)")
                ],
                on: db)
            try await self.notify(
                [user], .due, about: nil,
                "\(context.actorName) recorded an override: you may do \(gated.label) once until "
                    + "\(validUntil.display), without the accreditation it needs.", on: db)
            return override
        }
    }

    /// The overrides the caller may see (the report for managers, senior roles, auditors and the data
    /// protection officer; a police officer their force's), newest first. The read is audited.
    public func trainingOverrides(context: AuditContext, limit: Int = 500) async throws -> [TrainingOverride] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard let scope = TrainingAccess.overrideScope(actor) else {
            try await audit.record([context.event(.denied, "training_override", detail: "report")])
            throw SafeholdError.forbidden("The overrides report is for managers, senior leaders and auditors.")
        }
        let scoped: SQLQueryString
        switch scope {
        case .all: scoped = "1 = 1"
        case .team(let t): scoped = "(u.team_id = \(bind: t.db) OR o.recorded_by = \(bind: actor.userId.db))"
        case .agency(let a): scoped = "u.agency_id = \(bind: a.db)"
        case .own(let u): scoped = "o.user_id = \(bind: u.db)"
        }
        let rows = try await database.withConnection { db in
            try await db.raw(
                """
                SELECT o.*, u.display_name FROM training_overrides o JOIN users u ON u.id = o.user_id
                WHERE \(scoped) ORDER BY o.recorded_at DESC, o.id LIMIT \(literal: limit)
                """
            ).all().map { row in
                TrainingOverride(
                    id: try row.uuid("id"), act: try row.code("act"), userId: try row.uuid("user_id"),
                    userName: try row.string("display_name"), reason: try row.string("reason"),
                    recordedByName: try row.string("recorded_by_name"), recordedAt: try row.timestamp("recorded_at"),
                    validUntil: try row.date("valid_until"), usedAt: try row.optionalTimestamp("used_at"))
            }
        }
        try await audit.recordRead(context.event(.read, "training_override", detail: "report of \(rows.count)"))
        return rows
    }
}
