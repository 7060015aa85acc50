import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The accreditation gate of `act` for `worker` on `date`, inside the act's transaction: passes with a
    /// current record of a course allowing the act, or with the manager's unused override (which this act
    /// then uses, keyed by `usedFor`, audited); otherwise a 409 saying what is missing, whose and since when.
    func checkGate(
        _ act: GatedAct, worker: UUID, on date: LocalDate, usedFor: String, context: AuditContext,
        on db: any SQLDatabase
    ) async throws {
        if let refusal = try await gateRefusal(
            act, worker: worker, on: date, usedFor: usedFor, context: context, on: db)
        {
            throw SafeholdError.conflict(refusal)
        }
    }

    /// Nil when `worker` may do `act` on `date` (a current record, or an override now used); otherwise why not.
    func gateRefusal(
        _ act: GatedAct, worker: UUID, on date: LocalDate, usedFor: String, context: AuditContext,
        on db: any SQLDatabase
    ) async throws -> String? {
        let records = try await trainingRecords(of: [worker], on: db)
        let name = try await userNames([worker], on: db)[worker] ?? "The worker"
        guard
            let refusal = TrainingGate.refusal(
                act, worker: name, records: records, on: date, catalogue: ruleset.workforce.training)
        else { return nil }
        return try await useOverride(act, worker: worker, usedFor: usedFor, context: context, on: db) ? nil : refusal
    }

    /// Uses the oldest unused override of `act` for `worker` still valid today (or the one this same act
    /// already used, so that recording an interview planned under an override passes again). Audited.
    func useOverride(
        _ act: GatedAct, worker: UUID, usedFor: String, context: AuditContext, on db: any SQLDatabase
    ) async throws -> Bool {
        if try await db.raw(
            """
            SELECT id FROM training_overrides WHERE user_id = \(bind: worker.db) AND act = \(bind: act.rawValue)
            AND used_for = \(bind: usedFor)
            """
        ).first() != nil {
            return true
        }
        guard
            let row = try await db.raw(
                """
                SELECT id FROM training_overrides WHERE user_id = \(bind: worker.db) AND act = \(bind: act.rawValue)
                AND used_at IS NULL AND valid_until >= \(bind: today.description) ORDER BY recorded_at, id LIMIT 1
                """
            ).first()
        else { return false }
        let id = try row.uuid("id")
        let used = try await db.raw(
            """
            UPDATE training_overrides SET used_at = \(bind: nowText), used_for = \(bind: usedFor)
            WHERE id = \(bind: id.db) AND used_at IS NULL RETURNING id
            """
        ).all()
        guard used.count == 1 else { return false }
        try await audit.append(
            [context.event(.update, "training_override", entityId: id, detail: "used: \(act.rawValue) \(usedFor)")],
            on: db)
        return true
    }

    /// The conference chair's gate: the chair is named as text; when the name is an active Safehold user's
    /// (case and surrounding spaces ignored), one such user must hold a current chairing accreditation on the
    /// conference date (or an override). A chair who is not a Safehold user is not in the register.
    func checkChairGate(
        _ chair: String, on date: LocalDate, usedFor: String, context: AuditContext, on db: any SQLDatabase
    ) async throws {
        let name = chair.trimmingCharacters(in: .whitespaces).lowercased()
        let users = try await db.raw(
            "SELECT id FROM users WHERE active = 1 AND LOWER(display_name) = \(bind: name) ORDER BY id"
        ).all().map { try $0.uuid("id") }
        var first: String? = nil
        for user in users {
            guard
                let refusal = try await gateRefusal(
                    .conferenceChair, worker: user, on: date, usedFor: usedFor, context: context, on: db)
            else { return }
            first = first ?? refusal
        }
        if let first { throw SafeholdError.conflict(first) }
    }

    /// The officer in the case of a child sexual abuse investigation: checked when the officer is named or the
    /// offences first make it one, on the day of that change.
    func checkOfficerGate(
        officer: UUID?, offences: [String], previous: Investigation?, usedFor: String, context: AuditContext,
        on db: any SQLDatabase
    ) async throws {
        let catalogue = ruleset.workforce.training
        guard let officer, catalogue.isSexualAbuse(offences: offences) else { return }
        if let previous, previous.officerId == officer, catalogue.isSexualAbuse(offences: previous.offences) {
            return
        }
        try await checkGate(
            .sexualAbuseOfficerInCase, worker: officer, on: today, usedFor: usedFor, context: context, on: db)
    }
}
