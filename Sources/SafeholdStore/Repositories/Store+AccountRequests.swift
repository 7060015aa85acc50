import Foundation
import SQLKit
import SafeholdCore

/// Account changes that wait for a second administrator (`Role.needsSecondAdministrator`): the
/// requester can never approve their own request, nobody approves a change to their own account, and
/// a new one-time password is made only at approval, for the approver's eyes.
extension Store {
    /// Asks for an account change. For `.createUser` `user` is the account to open; otherwise it is the
    /// existing account with the role it should have (`.changeRole`) or has (`.resetPassword`).
    public func requestAccountChange(
        _ kind: AccountRequest.Kind, for user: User,
        context: AuditContext
    ) async throws -> AccountRequest {
        guard let actor = context.actor else { throw SafeholdError.forbidden("Only an administrator asks for this.") }
        if kind == .createUser { try Self.checkNewAccount(user) }
        let request = AccountRequest(
            id: ids.next(), kind: kind, userId: user.id, username: user.username,
            displayName: user.displayName, role: user.role, agencyId: user.agencyId,
            teamId: user.teamId, requestedBy: actor.userId, requestedByName: actor.displayName,
            requestedAt: clock.now(), status: .pending)
        return try await accountWrite(
            context,
            refusal: context.event(
                .denied, "account_request", entityId: user.id,
                detail: "\(kind.rawValue) \(user.username)")
        ) { db in
            if kind == .createUser {
                guard actor.role == .administrator else {
                    throw SafeholdError.forbidden("Only an administrator asks for this.")
                }
                if try await db.raw("SELECT 1 AS x FROM users WHERE username = \(bind: user.username)").first() != nil {
                    throw SafeholdError.conflict("The username '\(user.username)' is taken.")
                }
            } else {
                let current = try await self.administeredUser(user.id, context: context, on: db)
                if kind == .changeRole && current.role == user.role {
                    throw SafeholdError.conflict("The account already has this role.")
                }
                if kind == .resetPassword && !current.role.needsSecondAdministrator {
                    throw SafeholdError.conflict("This account's password can be reset without approval.")
                }
            }
            if try await db.raw(
                """
                SELECT 1 AS x FROM account_requests WHERE username = \(bind: user.username) AND status = 'pending'
                """
            ).first() != nil {
                throw SafeholdError.conflict("A request about '\(user.username)' is already waiting for approval.")
            }
            try await db.raw(
                """
                INSERT INTO account_requests (id, kind, user_id, username, display_name, role, agency_id, team_id,
                    requested_by, requested_at, status)
                VALUES (\(bind: request.id.db), \(bind: kind.rawValue), \(bind: user.id.db), \(bind: user.username),
                    \(bind: user.displayName), \(bind: user.role.rawValue), \(bind: user.agencyId.db),
                    \(bind: user.teamId?.db),
                    \(bind: actor.userId.db), \(bind: self.nowText), 'pending')
                """
            ).run()
            try await self.audit.append(
                [
                    context.event(
                        .accountRequested, "account_request", entityId: request.id,
                        detail: "\(kind.rawValue) \(user.username) as \(user.role.rawValue)")
                ], on: db)
            return request
        }
    }

    /// Requests waiting for a second administrator, oldest first.
    public func pendingAccountRequests() async throws -> [AccountRequest] {
        try await database.withConnection { db in
            try await db.raw(
                """
                SELECT r.*, u.display_name AS requester_name
                FROM account_requests r JOIN users u ON u.id = r.requested_by
                WHERE r.status = 'pending' ORDER BY r.requested_at, r.id
                """
            ).all().map(Self.accountRequest)
        }
    }

    /// Approves a request. `newPassword` (the hash of a fresh one-time password and when it expires)
    /// is required for `.createUser` and `.resetPassword`. Refused to the requester and to the account
    /// concerned; a request already decided is a conflict.
    @discardableResult
    public func approveAccountRequest(
        _ id: UUID, newPassword: (hash: String, expiresAt: Date)?,
        context: AuditContext
    ) async throws -> AccountRequest {
        let refusal = context.event(.denied, "account_request", entityId: id, detail: "approve")
        return try await accountWrite(context, refusal: refusal) { db in
            let request = try await self.pendingRequest(id, context: context, on: db)
            guard request.requestedBy != context.actor?.userId else {
                throw SafeholdError.forbidden("Another administrator must approve your own request.")
            }
            guard request.userId != context.actor?.userId else {
                throw SafeholdError.forbidden("Nobody approves a change to their own account.")
            }
            let target = User(
                id: request.userId, username: request.username, displayName: request.displayName,
                role: request.role, agencyId: request.agencyId, teamId: request.teamId)
            switch request.kind {
            case .createUser:
                guard let newPassword else { throw SafeholdError.invalid([FieldError("password", "is required")]) }
                try await self.insertUser(
                    target, passwordHash: newPassword.hash, mustChangePassword: true,
                    passwordExpiresAt: newPassword.expiresAt, totpSecret: nil, on: db)
                try await self.audit.append(
                    [
                        context.event(
                            .userCreated, "user", entityId: target.id,
                            detail: "\(target.username) as \(target.role.rawValue)")
                    ], on: db)
            case .changeRole:
                try await self.applyRole(
                    try await self.administeredUser(target.id, context: context, on: db),
                    role: request.role, context: context, on: db)
            case .resetPassword:
                guard let newPassword else { throw SafeholdError.invalid([FieldError("password", "is required")]) }
                try await self.applyReset(
                    try await self.administeredUser(target.id, context: context, on: db),
                    passwordHash: newPassword.hash, expiresAt: newPassword.expiresAt,
                    context: context, on: db)
            }
            try await self.decide(request, .approved, context: context, on: db)
            return request
        }
    }

    /// Rejects (or, for its requester, withdraws) a pending request.
    public func rejectAccountRequest(_ id: UUID, context: AuditContext) async throws {
        let refusal = context.event(.denied, "account_request", entityId: id, detail: "reject")
        try await accountWrite(context, refusal: refusal) { db in
            try await self.decide(
                try await self.pendingRequest(id, context: context, on: db), .rejected, context: context, on: db)
        }
    }

    private func pendingRequest(
        _ id: UUID, context: AuditContext, on db: any SQLDatabase
    ) async throws
        -> AccountRequest
    {
        guard context.actor?.role == .administrator else {
            throw SafeholdError.forbidden("Only an administrator decides account requests.")
        }
        guard
            let row = try await db.raw(
                """
                SELECT r.*, u.display_name AS requester_name
                FROM account_requests r JOIN users u ON u.id = r.requested_by
                WHERE r.id = \(bind: id.db)
                """
            ).first()
        else { throw SafeholdError.notFound("There is no such request.") }
        let request = try Self.accountRequest(row)
        guard request.status == .pending else { throw SafeholdError.conflict("This request was already decided.") }
        return request
    }

    private func decide(
        _ request: AccountRequest, _ status: AccountRequest.Status, context: AuditContext,
        on db: any SQLDatabase
    ) async throws {
        guard
            try await db.raw(
                """
                UPDATE account_requests SET status = \(bind: status.rawValue),
                decided_by = \(bind: context.actor?.userId.db),
                    decided_at = \(bind: self.nowText)
                WHERE id = \(bind: request.id.db) AND status = 'pending' RETURNING id
                """
            ).first() != nil
        else { throw SafeholdError.conflict("This request was already decided.") }
        try await audit.append(
            [
                context.event(
                    status == .approved ? .accountApproved : .accountRejected, "account_request",
                    entityId: request.id, detail: "\(request.kind.rawValue) \(request.username)")
            ], on: db)
    }

    static func accountRequest(_ row: any SQLRow) throws -> AccountRequest {
        guard let kind = AccountRequest.Kind(rawValue: try row.string("kind")),
            let role = Role(rawValue: try row.string("role")),
            let status = AccountRequest.Status(rawValue: try row.string("status"))
        else {
            throw StoreError.corrupt("an account request has an unknown kind, role or status")
        }
        return AccountRequest(
            id: try row.uuid("id"), kind: kind, userId: try row.uuid("user_id"),
            username: try row.string("username"), displayName: try row.string("display_name"), role: role,
            agencyId: try row.uuid("agency_id"), teamId: try row.optionalUUID("team_id"),
            requestedBy: try row.uuid("requested_by"), requestedByName: try row.string("requester_name"),
            requestedAt: try row.timestamp("requested_at"), status: status)
    }
}
