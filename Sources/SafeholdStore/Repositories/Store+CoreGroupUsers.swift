import Foundation
import SQLKit
import SafeholdCore

/// A professional who may be invited to a meeting or join a core group (a directory entry: no
/// child's data).
public struct ProfessionalEntry: Sendable, Hashable {
    public let id: UUID
    public let name: String
    public let role: Role
    public let agency: String
}

/// A member of the open child protection plan's core group, with their Safehold account if linked.
public struct CoreGroupMember: Sendable, Hashable {
    public let id: UUID
    public let name: String
    public let agency: String
    public let userId: UUID?
}

/// A plan action as the core group member assigned to it sees it: what, when, how it stands, and
/// the child's name.
public struct AssignedAction: Sendable {
    public let action: PlanAction
    public let childName: String
    /// Whether the plan is still open (an ended plan's actions are shown but not changed).
    public let planOpen: Bool
}

extension Store {
    /// The active users of partner agencies who may be invited or linked to a core group (asked by
    /// children's social care only).
    public func invitableProfessionals(context: AuditContext) async throws -> [ProfessionalEntry] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        if case .denied(let reason) = ContributionAccess.mayListProfessionals(actor) {
            throw SafeholdError.forbidden(reason)
        }
        return try await database.withConnection { db in
            try await db.raw(
                """
                SELECT u.id, u.display_name, u.role, a.name AS agency FROM users u JOIN agencies a ON a.id = u.agency_id
                WHERE u.active = 1 ORDER BY a.name, u.display_name
                """
            ).all().compactMap { row in
                let role = try row.code("role", as: Role.self)
                guard ContributionAccess.mayBeInvited(role) else { return nil }
                return ProfessionalEntry(
                    id: try row.uuid("id"), name: try row.string("display_name"), role: role,
                    agency: try row.string("agency"))
            }
        }
    }

    /// Links a partner agency's user to the core group of the open child protection plan (named by
    /// their account, so the actions assigned to them reach them). The same user twice is a conflict.
    public func addCoreGroupUser(
        episode episodeId: UUID, userId: UUID, context: AuditContext
    ) async throws -> CoreGroupMember {
        try await planWrite(episodeId, context: context) { db, state in
            guard let plan = state.openPlan(.childProtection) else {
                throw SafeholdError.conflict(
                    "A core group belongs to an open child protection plan, and this episode has none.")
            }
            guard
                let row = try await db.raw(
                    """
                    SELECT u.display_name, u.role, u.active, a.name AS agency, a.kind FROM users u
                    JOIN agencies a ON a.id = u.agency_id WHERE u.id = \(bind: userId.db)
                    """
                ).first(), try row.flag("active"), ContributionAccess.mayBeInvited(try row.code("role", as: Role.self))
            else {
                throw SafeholdError.invalid([FieldError("userId", "is not an active partner agency's Safehold user")])
            }
            if try await db.raw(
                """
                SELECT 1 AS x FROM core_group_members
                WHERE plan_id = \(bind: plan.id.db) AND user_id = \(bind: userId.db)
                """
            ).first() != nil {
                throw SafeholdError.conflict("\(try row.string("display_name")) is already in this core group.")
            }
            let member = CoreGroupMember(
                id: self.ids.next(), name: try row.string("display_name"), agency: try row.string("agency"),
                userId: userId)
            try await db.raw(
                """
                INSERT INTO core_group_members (id, plan_id, name, agency, agency_kind, added_at, user_id)
                VALUES (\(bind: member.id.db), \(bind: plan.id.db), \(bind: member.name), \(bind: member.agency),
                    \(bind: try row.string("kind")), \(bind: self.nowText), \(bind: userId.db))
                """
            ).run()
            return (member, "core_group_member")
        }
    }

    /// The members of the open child protection plan's core group (for assigning actions).
    public func coreGroupMembers(episode episodeId: UUID, context: AuditContext) async throws -> [CoreGroupMember] {
        try await act(on: .episode(episodeId), .view, "core_group_member", context: context) { db, _ in
            let (_, referral, steps) = try await self.loadEpisode(episodeId, on: db)
            guard let plan = EpisodeState.derive(referralDate: referral, steps: steps).openPlan(.childProtection)
            else { return [] }
            return try await db.raw(
                "SELECT * FROM core_group_members WHERE plan_id = \(bind: plan.id.db) ORDER BY added_at"
            ).all().map {
                CoreGroupMember(
                    id: try $0.uuid("id"), name: try $0.string("name"), agency: try $0.string("agency"),
                    userId: try $0.optionalUUID("user_id"))
            }
        }
    }

    /// Assigns a plan action to a member of its plan's core group (a stale version is a conflict); a
    /// member with an account is told.
    public func assignPlanAction(
        _ actionId: UUID, episode episodeId: UUID, memberId: UUID, expectedVersion: Int, context: AuditContext
    ) async throws {
        var v = Validation()
        v.version("version", expectedVersion)
        try v.check()
        try await act(on: .planAction(actionId, episode: episodeId), .edit, "plan_action", context: context) {
            db, access in
            guard
                let member = try await db.raw(
                    """
                    SELECT m.name, m.agency, m.user_id, a.what FROM core_group_members m
                    JOIN plan_actions a ON a.plan_id = m.plan_id
                    WHERE m.id = \(bind: memberId.db) AND a.id = \(bind: actionId.db)
                    """
                ).first()
            else {
                throw SafeholdError.invalid([FieldError("memberId", "is not in this plan's core group")])
            }
            let who = "\(try member.string("name")) (\(try member.string("agency")))"
            let rows = try await db.raw(
                """
                UPDATE plan_actions SET member_id = \(bind: memberId.db), who = \(bind: String(who.prefix(200))),
                    version = version + 1, updated_at = \(bind: self.nowText)
                WHERE id = \(bind: actionId.db) AND version = \(bind: expectedVersion) RETURNING id
                """
            ).all()
            guard rows.count == 1 else {
                throw SafeholdError.conflict(
                    "Someone else updated this action after you opened the page. Reload it and check.")
            }
            if let user = try member.optionalUUID("user_id"), let child = access.children.first {
                let name = try await self.fetchPerson(child, on: db)?.displayName ?? "a child"
                try await self.notify(
                    [user], .actionAssigned, about: child,
                    "A plan action for \(name) is assigned to you: \(try member.string("what"))", on: db)
            }
            access.audit(.update, "plan_action", detail: "assigned to core group member \(memberId.text)")
        }
    }
}
