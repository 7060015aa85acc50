import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The plan actions assigned to the signed-in user as a core group member, soonest due first: a
    /// list audited as one entry naming every child shown. Nothing else of the plan or the child's record.
    public func myActions(context: AuditContext) async throws -> [AssignedAction] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let member = ContributionAccess.actionsListed(for: actor)
        let rows = try await list(
            "plan_action", detail: "my actions", context: context, people: { [$0.child] }
        ) { (db: any SQLDatabase, _: ListScope) -> [AssignedRow] in
            guard let member else { return [] }
            let rows = try await db.raw(
                """
                SELECT a.*, e.person_id AS child FROM plan_actions a
                JOIN core_group_members m ON m.id = a.member_id JOIN episodes e ON e.id = a.episode_id
                WHERE m.user_id = \(bind: member.db) ORDER BY a.due_on, a.created_at
                """
            ).all()
            var out: [AssignedRow] = []
            var open: [UUID: Set<UUID>] = [:]
            for row in rows {
                let child = try row.uuid("child")
                let episode = try row.uuid("episode_id")
                if open[episode] == nil { open[episode] = try await self.openPlans(episode, on: db) }
                let action = try Self.planAction(row)
                out.append(
                    AssignedRow(
                        child: child,
                        item: AssignedAction(
                            action: action, childName: try await self.fetchPerson(child, on: db)?.displayName ?? "",
                            planOpen: open[episode]?.contains(action.planId) ?? false)))
            }
            return out
        }
        return rows.map(\.item)
    }

    /// Moves an action assigned to the signed-in core group member to a new status (only its status;
    /// a stale version is a conflict, an ended plan's action is a conflict). Audited against the child;
    /// the child's holders are told.
    public func updateAssignedAction(
        _ actionId: UUID, status: String?, expectedVersion: Int?, context: AuditContext
    ) async throws -> PlanAction {
        try await act(on: .assignedAction(actionId), .edit, "plan_action", context: context) { db, access in
            try access.require(.updateActionStatus)
            var v = Validation()
            let code = status.flatMap(PlanAction.Status.init(rawValue:))
            if status?.isEmpty ?? true {
                v.add("status", "is required")
            } else if code == nil {
                v.add("status", "must be one of \(PlanAction.Status.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let expectedVersion { v.version("version", expectedVersion) } else { v.add("version", "is required") }
            try v.check()
            guard let row = try await db.raw("SELECT * FROM plan_actions WHERE id = \(bind: actionId.db)").first(),
                let child = access.children.first
            else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
            let action = try Self.planAction(row)
            guard try await self.openPlans(try row.uuid("episode_id"), on: db).contains(action.planId) else {
                throw SafeholdError.conflict("This plan has ended, so its actions can no longer be updated.")
            }
            let rows = try await db.raw(
                """
                UPDATE plan_actions SET status = \(bind: code!.rawValue), version = version + 1,
                    updated_at = \(bind: self.nowText)
                WHERE id = \(bind: actionId.db) AND version = \(bind: expectedVersion!) RETURNING id
                """
            ).all()
            guard rows.count == 1 else {
                throw SafeholdError.conflict(
                    "Someone else updated this action after you opened the page. Reload it and check.")
            }
            let name = try await self.fetchPerson(child, on: db)?.displayName ?? "a child"
            try await self.notifyHolders(
                of: child, .informationShared,
                "\(access.actor.displayName) marked the plan action for \(name) \"\(action.what.prefix(200))\" as "
                    + "\(code!.label.lowercased()).", on: db)
            access.audit(.update, "plan_action", detail: "status \(code!.rawValue) by core group member")
            return PlanAction(
                id: action.id, planId: action.planId, what: action.what, who: action.who, dueOn: action.dueOn,
                status: code!, version: action.version + 1)
        }
    }

    struct AssignedRow: Sendable {
        let child: UUID
        let item: AssignedAction
    }

    /// The ids of the plans still open on an episode.
    private func openPlans(_ episodeId: UUID, on db: any SQLDatabase) async throws -> Set<UUID> {
        let (_, referral, steps) = try await loadEpisode(episodeId, on: db)
        let state = EpisodeState.derive(referralDate: referral, steps: steps)
        return Set(state.plans.filter { $0.endedOn == nil }.map(\.id))
    }

    static func planAction(_ r: any SQLRow) throws -> PlanAction {
        PlanAction(
            id: try r.uuid("id"), planId: try r.uuid("plan_id"), what: try r.string("what"), who: try r.string("who"),
            dueOn: try r.date("due_on"), status: try r.code("status", as: PlanAction.Status.self),
            version: try r.int("version"))
    }
}
