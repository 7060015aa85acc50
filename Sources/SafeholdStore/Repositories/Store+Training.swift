import Foundation
import SQLKit
import SafeholdCore

/// A worker as the training register shows them.
public struct TrainingWorker: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let displayName: String
    public let role: Role
    public let agencyId: UUID
    public let teamId: UUID?
    public let teamName: String?
    public let active: Bool

    public init(
        id: UUID, displayName: String, role: Role, agencyId: UUID, teamId: UUID?, teamName: String?, active: Bool
    ) {
        self.id = id
        self.displayName = displayName
        self.role = role
        self.agencyId = agencyId
        self.teamId = teamId
        self.teamName = teamName
        self.active = active
    }

    public var facts: WorkerFacts { WorkerFacts(userId: id, role: role, agencyId: agencyId, teamId: teamId) }
}

extension Store {
    /// Records a course, accreditation or registration for `user`: by the worker themself (courses that gate
    /// no act), their team manager, an administrator, a police supervisor for a force colleague's police
    /// accreditations, or the system (demo, command line). Refusals: 422 naming the field, 403 for a caller
    /// who may not record it (audited); nothing is written.
    public func recordTraining(
        _ draft: TrainingDraft, for user: UUID, context: AuditContext
    ) async throws -> TrainingRecord {
        // A worker the caller may not see is 404 whatever the input; then the input; then the course's rule.
        _ = try await trainingWorkerAllowed(user, context: context)
        let checked = try draft.validated(ruleset: ruleset)
        let worker = try await trainingWorkerAllowed(user, context: context) { actor, worker in
            TrainingAccess.recordRefusal(actor, worker.facts, course: checked.course)
        }
        guard worker.active else { throw SafeholdError.invalid([FieldError("userId", "is not an active user")]) }
        return try await database.transaction { db in
            try await self.insertTraining(checked, for: worker, context: context, on: db)
        }
    }

    /// The worker `user` when the caller may read their register and `refusal` (given the actor) is nil; a
    /// caller who may not read it gets 404, one refused by `refusal` 403; both audited. The system may.
    func trainingWorkerAllowed(
        _ user: UUID, context: AuditContext, refusal: (Actor, TrainingWorker) -> String? = { _, _ in nil }
    ) async throws -> TrainingWorker {
        let worker = try await database.withConnection { db in try await self.trainingWorker(user, on: db) }
        guard let actor = context.actor else {
            guard let worker else { throw SafeholdError.notFound("There is no such worker.") }
            return worker
        }
        guard let worker, TrainingAccess.mayRead(actor, worker.facts) || actor.role == .administrator else {
            try await audit.record([context.event(.denied, "training_record", entityId: user, detail: "not yours")])
            throw SafeholdError.notFound("There is no worker with that id whose training you may see.")
        }
        if let reason = refusal(actor, worker) {
            try await audit.record([context.event(.denied, "training_record", entityId: user, detail: reason)])
            throw SafeholdError.forbidden(reason)
        }
        return worker
    }

    func insertTraining(
        _ checked: CheckedTraining, for worker: TrainingWorker, context: AuditContext, on db: any SQLDatabase
    ) async throws -> TrainingRecord {
        let record = TrainingRecord(
            id: ids.next(), userId: worker.id, course: checked.course.code, completedOn: checked.completedOn,
            expiresOn: checked.expiresOn, provider: checked.provider, evidenceReference: checked.evidenceReference,
            recordedAt: clock.now(), recordedByName: context.actorName)
        try await db.raw(
            """
            INSERT INTO training_records (id, user_id, course, completed_on, expires_on, provider, evidence_reference,
                recorded_at, recorded_by, recorded_by_name)
            VALUES (\(bind: record.id.db), \(bind: worker.id.db), \(bind: record.course),
                \(bind: record.completedOn.description), \(bind: record.expiresOn?.description),
                \(bind: record.provider), \(bind: record.evidenceReference),
                \(bind: Timestamp.string(record.recordedAt)),
                \(bind: context.actor?.userId.db), \(bind: context.actorName))
            """
        ).run()
        let until = record.expiresOn.map { " until \($0)" } ?? ""
        try await audit.append(
            [context.event(.create, "training_record", entityId: worker.id, detail: "\(record.course)\(until)")],
            on: db)
        return record
    }

    /// The worker with `id` (active or not), or nil.
    func trainingWorker(_ id: UUID, on db: any SQLDatabase) async throws -> TrainingWorker? {
        try await db.raw(
            """
            SELECT u.id, u.display_name, u.role, u.agency_id, u.team_id, u.active, t.name AS team_name
            FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.id = \(bind: id.db)
            """
        ).first().map(Self.trainingWorker)
    }

    static func trainingWorker(_ row: any SQLRow) throws -> TrainingWorker {
        TrainingWorker(
            id: try row.uuid("id"), displayName: try row.string("display_name"), role: try row.code("role"),
            agencyId: try row.uuid("agency_id"), teamId: try row.optionalUUID("team_id"),
            teamName: try row.optionalString("team_name"), active: try row.int("active") == 1)
    }

    /// Every register entry of `users`, oldest first.
    func trainingRecords(of users: [UUID], on db: any SQLDatabase) async throws -> [TrainingRecord] {
        var all: [TrainingRecord] = []
        for user in Set(users) {
            all += try await db.raw(
                "SELECT * FROM training_records WHERE user_id = \(bind: user.db) ORDER BY completed_on, recorded_at"
            ).all().map(Self.trainingRecord)
        }
        return all
    }

    static func trainingRecord(_ row: any SQLRow) throws -> TrainingRecord {
        TrainingRecord(
            id: try row.uuid("id"), userId: try row.uuid("user_id"), course: try row.string("course"),
            completedOn: try row.date("completed_on"), expiresOn: try row.optionalDate("expires_on"),
            provider: try row.optionalString("provider"),
            evidenceReference: try row.optionalString("evidence_reference"),
            recordedAt: try row.timestamp("recorded_at"), recordedByName: try row.string("recorded_by_name"))
    }
}
