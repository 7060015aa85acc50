import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Adds an action to an open plan on an episode the actor may edit.
    public func addPlanAction(
        episode episodeId: UUID, what: String, who: String, dueOn: LocalDate,
        context: AuditContext
    ) async throws -> PlanAction {
        try PlanAction.validate(what: what, who: who, dueOn: dueOn)
        return try await planWrite(episodeId, context: context) { db, state in
            guard let plan = state.plans.last(where: { $0.endedOn == nil }) else {
                throw SafeholdError.conflict("Actions belong to an open plan, and this episode has none.")
            }
            if dueOn < plan.startedOn {
                throw SafeholdError.invalid([FieldError("dueOn", "is before the plan started")])
            }
            let action = PlanAction(
                id: self.ids.next(), planId: plan.id, what: what, who: who, dueOn: dueOn, status: .notStarted,
                version: 1)
            try await db.raw(
                """
                INSERT INTO plan_actions \
                (id, episode_id, plan_id, what, who, due_on, status, version, created_at, updated_at)
                VALUES (\(bind: action.id.db), \(bind: episodeId.db), \(bind: plan.id.db), \(bind: what), \(bind: who),
                    \(bind: dueOn.description), \(bind: action.status.rawValue), 1, \
                \(bind: self.nowText), \(bind: self.nowText))
                """
            ).run()
            return (action, "plan_action")
        }
    }

    /// Moves an action on `episode` to a new status; a stale version is a conflict, an action that is
    /// not on that episode is not found.
    public func updatePlanAction(
        _ actionId: UUID, episode episodeId: UUID, status: PlanAction.Status, expectedVersion: Int,
        context: AuditContext
    ) async throws {
        var v = Validation()
        v.version("version", expectedVersion)
        try v.check()
        try await act(on: .planAction(actionId, episode: episodeId), .edit, "plan_action", context: context) {
            db, access in
            let rows = try await db.raw(
                """
                UPDATE plan_actions \
                SET status = \(bind: status.rawValue), version = version + 1, updated_at = \(bind: self.nowText)
                WHERE id = \(bind: actionId.db) AND episode_id = \(bind: episodeId.db) \
                AND version = \(bind: expectedVersion)
                RETURNING id
                """
            ).all()
            guard rows.count == 1 else {
                throw SafeholdError.conflict(
                    "Someone else updated this action after you opened the page. Reload it and check.")
            }
            access.audit(.update, "plan_action", detail: "status \(status.rawValue)")
        }
    }

    /// Adds a member to the core group of the open child protection plan.
    public func addCoreGroupMember(episode episodeId: UUID, _ member: Participant, context: AuditContext) async throws {
        let member = try member.validated()
        _ = try await planWrite(episodeId, context: context) { db, state in
            guard let plan = state.openPlan(.childProtection) else {
                throw SafeholdError.conflict(
                    "A core group belongs to an open child protection plan, and this episode has none.")
            }
            try await db.raw(
                """
                INSERT INTO core_group_members (id, plan_id, name, agency, agency_kind, added_at)
                VALUES (\(bind: self.ids.next().db), \(bind: plan.id.db), \(bind: member.name), \(bind: member.agency),
                    \(bind: member.agencyKind.rawValue), \(bind: self.nowText))
                """
            ).run()
            return ((), "core_group_member")
        }
    }

    /// Records the episode's primary need code (CIN census).
    public func setPrimaryNeed(episode episodeId: UUID, _ need: PrimaryNeed, context: AuditContext) async throws {
        _ = try await planWrite(episodeId, context: context) { db, state in
            if state.isClosed { throw SafeholdError.conflict("This episode is closed.") }
            try await db.raw(
                """
                UPDATE episodes SET primary_need = \(bind: need.rawValue), version = version + 1 \
                WHERE id = \(bind: episodeId.db)
                """
            ).run()
            return ((), "episode")
        }
    }

    /// The actions and the core groups of the plans on each of a child's episodes, by episode (read as part of the
    /// child's record): two statements however many episodes the child has had.
    func planDetails(
        ofChild childId: UUID, on db: any SQLDatabase
    ) async throws -> [UUID: (actions: [PlanAction], coreGroup: [UUID: [Participant]])] {
        var plans: [UUID: (actions: [PlanAction], coreGroup: [UUID: [Participant]])] = [:]
        let actions = try await db.raw(
            "SELECT * FROM plan_actions WHERE \(Self.inEpisodes(of: childId)) ORDER BY due_on, created_at"
        ).all()
        for r in actions {
            plans[try r.uuid("episode_id"), default: ([], [:])].actions.append(
                PlanAction(
                    id: try r.uuid("id"), planId: try r.uuid("plan_id"), what: try r.string("what"),
                    who: try r.string("who"),
                    dueOn: try r.date("due_on"), status: try r.code("status", as: PlanAction.Status.self),
                    version: try r.int("version")))
        }
        let members = try await db.raw(
            """
            SELECT m.*, s.episode_id FROM core_group_members m JOIN episode_steps s ON s.id = m.plan_id
            WHERE \(Self.inEpisodes(of: childId, alias: "s")) ORDER BY m.added_at
            """
        ).all()
        for r in members {
            plans[try r.uuid("episode_id"), default: ([], [:])].coreGroup[try r.uuid("plan_id"), default: []].append(
                Participant(
                    name: try r.string("name"), agency: try r.string("agency"),
                    agencyKind: try r.code("agency_kind", as: Agency.Kind.self)))
        }
        return plans
    }

    /// A write on an episode through `act`: runs `body` with the episode's derived state and audits
    /// it against the child as `entity`.
    func planWrite<T: Sendable>(
        _ episodeId: UUID, context: AuditContext,
        _ body: @escaping @Sendable (any SQLDatabase, EpisodeState) async throws -> (T, String)
    ) async throws -> T {
        try await act(on: .episode(episodeId), .edit, "episode", context: context) { db, access in
            let (_, referral, steps) = try await self.loadEpisode(episodeId, on: db)
            let (result, entity) = try await body(db, EpisodeState.derive(referralDate: referral, steps: steps))
            access.audit(.update, entity, entityId: episodeId)
            return result
        }
    }
}
